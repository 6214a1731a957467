package dev.cadence.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table for humans: columns sized to their content, long cells cut with an ellipsis. */
final class Table {
    private static final int MAX_CELL = 40;
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers;
    }

    void add(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            String s = c == null ? "" : c.toString().replaceAll("\\s+", " ").strip();
            r[i] = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
        }
        rows.add(r);
    }

    void print(PrintWriter out) {
        int[] w = new int[headers.length];
        for (int i = 0; i < headers.length; i++) w[i] = headers[i].length();
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].codePointCount(0, r[i].length()));
        line(out, headers, w);
        for (String[] r : rows) line(out, r, w);
    }

    private static void line(PrintWriter out, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i < cells.length - 1) sb.append(" ".repeat(w[i] - cells[i].codePointCount(0, cells[i].length()) + 2));
        }
        out.println(sb.toString().stripTrailing());
    }
}
