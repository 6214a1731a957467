package dev.cadence.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table for humans: columns sized to their content as a terminal shows it (CJK
 * characters take two columns), long cells cut with an ellipsis, and optionally the last column
 * cut so that a line fits a width (80 columns).
 */
final class Table {
    private static final int MAX_CELL = 40;
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final java.util.Map<Integer, String> details = new java.util.HashMap<>();
    private int fit;

    Table(String... headers) {
        this.headers = headers;
    }

    /** Cut the last column so that lines are at most {@code width} columns wide (never below 20 for it). */
    Table fit(int width) {
        this.fit = width;
        return this;
    }

    void add(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            String s = c == null ? "" : c.toString().replaceAll("\\s+", " ").strip();
            r[i] = fit == 0 || i < headers.length - 1 ? cut(s, MAX_CELL) : s;
        }
        rows.add(r);
    }

    /** A line under the last row added, indented, cut to the fit width (or 80 columns). */
    void detail(String text) {
        if (text != null && !text.isBlank()) details.put(rows.size() - 1, text.replaceAll("\\s+", " ").strip());
    }

    void print(PrintWriter out) {
        int n = headers.length;
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = width(headers[i]);
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], width(r[i]));
        if (fit > 0) {
            int used = 0;
            for (int i = 0; i < n - 1; i++) used += w[i] + 2;
            w[n - 1] = Math.min(w[n - 1], Math.max(20, fit - used));
        }
        line(out, headers, w);
        for (int k = 0; k < rows.size(); k++) {
            line(out, rows.get(k), w);
            String d = details.get(k);
            if (d != null) out.println("    " + cut(d, (fit > 0 ? fit : 80) - 4));
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cut(cells[i], w[i]);
            sb.append(c);
            if (i < cells.length - 1) sb.append(" ".repeat(w[i] - width(c) + 2));
        }
        out.println(sb.toString().stripTrailing());
    }

    /** {@code s} cut with an ellipsis so that it takes at most {@code max} columns. */
    static String cut(String s, int max) {
        if (width(s) <= max) return s;
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = columns(cp);
            if (used + cw > max - 1) break;
            b.appendCodePoint(cp);
            used += cw;
            i += Character.charCount(cp);
        }
        return b.append('…').toString();
    }

    /** How many terminal columns {@code s} takes: East Asian wide and full-width characters take two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += columns(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static int columns(int cp) {
        if (Character.getType(cp) == Character.NON_SPACING_MARK || Character.getType(cp) == Character.ENCLOSING_MARK) return 0;
        Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x20000 && cp <= 0x3FFFD) || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS;
        return wide ? 2 : 1;
    }
}
