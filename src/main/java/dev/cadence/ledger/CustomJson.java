package dev.cadence.ledger;

import java.util.Map;

/**
 * Writes the {@code custom} column (a JSON object of string values) for a bulk writer: the
 * same characters as {@link ContactRepository#toJson} (Jackson's defaults: {@code "} and
 * {@code \} escaped, control characters as {@code \b \t \n \f \r} or a backslash-u escape of four upper-case hex digits, everything
 * else as is), without an ObjectMapper call per row. Reuses one builder: not thread-safe.
 */
final class CustomJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder sb = new StringBuilder(256);

    String write(Map<String, String> map) {
        if (map.isEmpty()) return "{}";
        sb.setLength(0);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            string(e.getKey());
            sb.append(':');
            if (e.getValue() == null) sb.append("null");
            else string(e.getValue());
        }
        return sb.append('}').toString();
    }

    private void string(String s) {
        sb.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            sb.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        sb.append(s, start, s.length()).append('"');
    }
}
