package dev.cadence.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * A row read as one text column: SQLite joins the selected columns into a single value, so that
 * reading a row costs one call into the driver instead of one or two per column (sqlite-jdbc
 * makes a JNI call for a column's type and another for its value, each allocating). Used where
 * thousands of rows are read in one go ({@link DueQuery}); {@link Row} then answers by name as
 * for any other result, with the same values.
 *
 * <p>Encoding: SQLite's {@code concat()} of the values separated by U+001F (NULL adds nothing),
 * and a second column, an integer whose bit {@code i} is set when value {@code i} is NULL.
 * Nothing is escaped (escaping in SQL costs more than it saves): the columns are also selected as
 * they are after these two, and a row whose packed value cannot be read back exactly — more
 * separators than columns (a value holding U+001F), a U+FFFD (a value that is not valid UTF-8
 * could decode differently as a whole), a number column holding something other than SQLite's
 * text of an integer — is read column by column, as without packing ({@link Row}).
 */
final class Packed {
    static final char SEPARATOR = '\u001f';

    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();
    private final String select;
    private final String columns;

    /**
     * {@code columns}: column names, or {@code "expression AS name"} (e.g. {@code "NULL AS body"}).
     */
    Packed(String... columns) {
        names = new String[columns.length];
        if (columns.length > 63) throw new IllegalArgumentException("at most 63 columns");
        StringBuilder packed = new StringBuilder("concat(");
        StringBuilder nulls = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            String c = columns[i];
            int as = c.indexOf(" AS ");
            String expr = as < 0 ? c : c.substring(0, as);
            names[i] = as < 0 ? c : c.substring(as + 4);
            if (index.put(names[i], i) != null) throw new IllegalArgumentException("column " + names[i] + " twice");
            if (i > 0) {
                packed.append(", '").append(SEPARATOR).append("', ");
                nulls.append(" | ");
            }
            packed.append(expr);
            nulls.append("((").append(expr).append(" IS NULL) << ").append(i).append(')');
        }
        this.columns = String.join(", ", columns);
        select = packed + "), " + nulls + ", " + this.columns;
    }

    /** The select list: the packed values, which are NULL, then the columns as they are. */
    String select() {
        return select;
    }

    /** The columns as they are (a select list without packing). */
    String columns() {
        return columns;
    }

    int size() {
        return names.length;
    }

    /** The position of a column; an unknown name is a programming error. */
    int index(String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException("column " + column + " is not read: " + String.join(", ", names));
        return i;
    }

    /**
     * Decodes a packed row ({@code nulls}: the bits of the NULL values) into {@code values}; false
     * when it cannot be read back exactly (see the class comment): then the row is to be read
     * column by column.
     */
    boolean decode(String row, long nulls, String[] values) {
        int n = 0;
        int start = 0;
        int len = row.length();
        while (true) {
            int end = start;
            while (end < len) {
                char c = row.charAt(end);
                if (c == SEPARATOR) break;
                if (c == '\uFFFD') return false;
                end++;
            }
            if (n == values.length) return false;
            if ((nulls & (1L << n)) != 0) {
                if (end != start) return false;
                values[n++] = null;
            } else {
                values[n++] = row.substring(start, end);
            }
            if (end == len) break;
            start = end + 1;
        }
        return n == values.length;
    }
}
