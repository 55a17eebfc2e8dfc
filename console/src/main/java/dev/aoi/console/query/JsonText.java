package dev.aoi.console.query;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The event attributes as PostgreSQL returns them ({@code jsonb} as text) to a map and back. */
public final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private JsonText() {
    }

    public static Map<String, String> attributes(String json) {
        return json == null || json.isEmpty() ? Map.of() : MAPPER.readValue(json, STRING_MAP);
    }

    public static String of(Map<String, String> attributes) {
        return MAPPER.writeValueAsString(attributes);
    }
}
