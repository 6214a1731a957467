package dev.cadence.channel;

/**
 * Formula-safe CSV cells (CSV injection, OWASP): a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is prefixed with {@code '} so a spreadsheet
 * shows it as text instead of running it. Used by the import reject file and by exports.
 */
public final class CsvSafe {
    private CsvSafe() {}

    /** The cell, prefixed with {@code '} when a spreadsheet could read it as a formula; null gives "". */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) return value == null ? "" : value;
        return isUnsafe(value) ? "'" + value : value;
    }

    /** Whether {@code value} starts with a character a spreadsheet treats as the start of a formula. */
    public static boolean isUnsafe(String value) {
        if (value == null || value.isEmpty()) return false;
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
