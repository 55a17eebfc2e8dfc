package dev.aoi.common.event;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The one JSON codec for the events of docs/events.md: snake_case names, ISO-8601 UTC instants, unknown fields
 * ignored, and every missing or mistyped required field rejected with an error naming the field and the record.
 * A key written twice in one object is refused rather than read as its last value: two programs would read such
 * a record two ways. Thread-safe.
 */
public final class EventCodec {

    /** How Jackson begins the message of a key seen twice in one object. */
    private static final String DUPLICATE_PROPERTY = "Duplicate Object property ";

    private final JsonMapper mapper;

    public EventCodec() {
        SimpleModule strictInstants = new SimpleModule("aoi-instants")
                .addSerializer(Instant.class, new InstantSerializer())
                .addDeserializer(Instant.class, new InstantDeserializer());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, cfg -> cfg
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(strictInstants)
                .build();
    }

    /** UTF-8 JSON of an event record. */
    public byte[] encode(Object event) {
        return mapper.writeValueAsBytes(event);
    }

    /** The same JSON as a string. */
    public String encodeToString(Object event) {
        return mapper.writeValueAsString(event);
    }

    public ImageRef decodeImageRef(byte[] json) {
        return decode(json, ImageRef.class);
    }

    public InspectionResult decodeResult(byte[] json) {
        return decode(json, InspectionResult.class);
    }

    public ImageRef decodeImageRef(String json) {
        return decodeImageRef(json.getBytes(StandardCharsets.UTF_8));
    }

    public InspectionResult decodeResult(String json) {
        return decodeResult(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes {@code json} as {@code type}, or throws {@link EventFormatException} saying what is wrong. */
    public <T> T decode(byte[] json, Class<T> type) {
        String name = type.getSimpleName();
        if (json == null || json.length == 0) {
            throw new EventFormatException(name, null, "empty record", null);
        }
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new EventFormatException(name, null, "record is JSON null", null);
            }
            return value;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String path = path(e.getPath());
            return rethrow(name, path.isEmpty() ? null : path, cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            String path = path(e.getPath());
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Missing required creator property")) {
                String missing = e.getPath().isEmpty() ? "?" : path;
                String field = message.replaceAll(".*'([^']+)'.*", "$1");
                String full = missing.equals("?") || path.endsWith(field) ? path : path + "." + field;
                return rethrow(name, full.isEmpty() ? field : full, "is missing", e);
            }
            return rethrow(name, path.isEmpty() ? null : path, "wrong type or shape: " + firstLine(message), e);
        } catch (StreamReadException e) {
            String message = firstLine(e.getOriginalMessage());
            if (message.startsWith(DUPLICATE_PROPERTY)) {
                return rethrow(name, null, EventFormatException.DUPLICATE_KEY + " "
                        + message.substring(DUPLICATE_PROPERTY.length()).replace("\"", ""), e);
            }
            return rethrow(name, null, "malformed JSON: " + message, e);
        } catch (JacksonException e) {
            return rethrow(name, null, "malformed JSON: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static <T> T rethrow(String record, String field, String message, Throwable cause) {
        throw new EventFormatException(record, field, message, cause);
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Instants are written as ISO-8601 in UTC, e.g. {@code 2026-11-23T10:15:30.123Z}. */
    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    /** Instants are read only from ISO-8601 strings (any offset, normalised to UTC); numbers are a type error. */
    private static final class InstantDeserializer extends StdDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString().trim();
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "expected an ISO-8601 instant with offset, e.g. 2026-11-23T10:15:30Z");
            }
        }
    }
}
