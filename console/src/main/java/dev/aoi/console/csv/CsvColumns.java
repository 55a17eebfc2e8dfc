package dev.aoi.console.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The CSV form of a list (RFC 4180: comma, CRLF, quotes doubled; a header row with the JSON field names). Rows are
 * written as they are read and flushed every few hundred, so a list of millions streams in constant memory.
 */
public final class CsvColumns<T> {

    private static final int FLUSH_EVERY = 500;

    private final List<String> headers = new ArrayList<>();
    private final List<Function<T, Object>> values = new ArrayList<>();

    public CsvColumns<T> column(String header, Function<T, Object> value) {
        headers.add(header);
        values.add(value);
        return this;
    }

    /** Writes the header, then every row {@code source} hands to its consumer. */
    public void write(OutputStream out, Consumer<Consumer<T>> source) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        line(writer, headers);
        int[] rows = {0};
        try {
            source.accept(row -> {
                List<Object> cells = new ArrayList<>(values.size());
                values.forEach(v -> cells.add(v.apply(row)));
                try {
                    line(writer, cells);
                    if (++rows[0] % FLUSH_EVERY == 0) {
                        writer.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private static void line(Writer w, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(escape(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** One cell: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
