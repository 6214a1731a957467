package dev.cadence.model;

/**
 * Text a person types for the ledger: a note, a reason, an author. It is shown in terminals,
 * rendered into messages and exported to CSV, so it may hold any printable text and, where
 * {@code multiline}, newlines and tabs; every other control character (escape sequences, NUL,
 * bell, a lone carriage return) is refused, not stripped. Windows line ends ({@code \r\n})
 * become {@code \n}. Surrounding whitespace is trimmed; what is left must not be empty.
 */
public final class FreeText {
    private FreeText() {}

    /**
     * The cleaned text, or an {@link IllegalArgumentException} whose message starts with
     * {@code what} ("note is empty", "reason: control character U+001B at character 4 ...").
     */
    public static String check(String what, String text, boolean multiline) {
        if (text == null) throw new IllegalArgumentException(what + " is empty");
        String s = text.replace("\r\n", "\n");
        int start = 0;
        int end = s.length();
        while (start < end && trimmable(s.charAt(start))) start++;
        while (end > start && trimmable(s.charAt(end - 1))) end--;
        if (start == end) throw new IllegalArgumentException(what + " is empty");
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            boolean allowed = multiline && (c == '\n' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                throw new IllegalArgumentException(String.format("%s: control character U+%04X at character %d is not"
                        + " allowed (%s)", what, (int) c, i + 1,
                        multiline ? "only newlines and tabs are" : "it must be one line of text"));
            }
        }
        return s.substring(start, end);
    }

    /** Spaces, tabs, newlines and other Unicode spaces; never another control character. */
    private static boolean trimmable(char c) {
        return c == ' ' || c == '\t' || c == '\n' || (!Character.isISOControl(c) && Character.isWhitespace(c));
    }
}
