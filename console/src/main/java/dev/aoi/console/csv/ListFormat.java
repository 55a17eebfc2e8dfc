package dev.aoi.console.csv;

import dev.aoi.console.query.BadFilterException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** JSON or CSV for a list: {@code format=csv} or an {@code Accept} that prefers {@code text/csv}. */
public final class ListFormat {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private ListFormat() {
    }

    /** True when the client asked for CSV. */
    public static boolean csv(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            if (format.equals("csv")) {
                return true;
            }
            if (format.equals("json")) {
                return false;
            }
            throw new BadFilterException("format", "format must be json or csv, got '" + format + "'");
        }
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    /** A streamed CSV answer named {@code fileName}. */
    public static <T> ResponseEntity<StreamingResponseBody> stream(String fileName, CsvColumns<T> columns,
            Consumer<Consumer<T>> source) {
        StreamingResponseBody body = out -> {
            try {
                columns.write(out, source);
            } catch (IOException e) {
                throw e;
            }
        };
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(body);
    }
}
