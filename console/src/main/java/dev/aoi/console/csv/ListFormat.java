package dev.aoi.console.csv;

import dev.aoi.console.query.BadFilterException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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

    /**
     * Streams the CSV answer straight to the response (written while the rows are read) and returns null, which
     * tells Spring MVC the response is complete.
     */
    public static <T> ResponseEntity<Object> stream(HttpServletResponse response, String fileName,
            CsvColumns<T> columns, Consumer<Consumer<T>> source) {
        response.setStatus(200);
        response.setContentType(TEXT_CSV.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try {
            columns.write(response.getOutputStream(), source);
        } catch (IOException e) {
            throw new UncheckedIOException("the CSV client went away: " + e.getMessage(), e);
        }
        return null;
    }
}
