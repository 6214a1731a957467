package dev.cadence.cli;

import dev.cadence.channel.CsvSafe;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** CSV output for {@code --format csv}: a header row, RFC 4180 quoting, formula-safe cells ({@link CsvSafe}). */
final class Csv {
    private Csv() {}

    static void print(PrintWriter out, List<String> header, List<? extends List<?>> rows) {
        out.print(line(header));
        for (List<?> r : rows) out.print(line(r));
        out.flush();
    }

    private static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(Object value) {
        if (value == null) return "";
        String s;
        if (value instanceof Map<?, ?> m) {
            s = m.isEmpty() ? "" : m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        } else {
            s = value.toString();
        }
        s = CsvSafe.cell(s);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
