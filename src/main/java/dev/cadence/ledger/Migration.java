package dev.cadence.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One versioned migration script, {@code db/migration/V<version>__<description>.sql} on the
 * class path, as Flyway names them. The checksum is a CRC32 of the script's lines (line endings
 * and a byte-order mark ignored), recorded in {@code schema_history} when it is applied.
 */
record Migration(int version, String description, String script, String text, long checksum) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    static final String LOCATION = "db/migration/";

    static Migration load(String script) {
        return load(LOCATION, script);
    }

    /** Loads {@code location + script} from the class path ({@code location} ends with '/'). */
    static Migration load(String location, String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) throw new IllegalStateException("bad migration name " + script);
        String text;
        try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(location + script)) {
            if (in == null) throw new IllegalStateException("migration " + location + script + " is not on the class path");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), script, text, checksum(text));
    }

    static long checksum(String text) {
        CRC32 crc = new CRC32();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return crc.getValue();
    }

    /** The statements of the script, placeholders replaced, comments removed. */
    List<String> statements(Map<String, String> placeholders) {
        List<String> out = new ArrayList<>();
        for (String sql : split(text)) {
            Matcher m = PLACEHOLDER.matcher(sql);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = placeholders.get(m.group(1));
                if (value == null) throw new IllegalStateException(script + ": unknown placeholder ${" + m.group(1) + "}");
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * Splits a script on the semicolons that end statements, skipping {@code --} and
     * {@code /* *}{@code /} comments and quoted text. Enough for DDL and plain DML; migration
     * scripts hold no triggers or procedures (their bodies contain semicolons).
     */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') i++;
                cur.append('\n');
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                cur.append(' ');
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    if (text.charAt(j) == c) {
                        if (j + 1 < n && text.charAt(j + 1) == c) j += 2; // doubled quote
                        else break;
                    } else {
                        j++;
                    }
                }
                cur.append(text, i, Math.min(j + 1, n));
                i = j;
            } else if (c == ';') {
                addIfNotBlank(out, cur);
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        addIfNotBlank(out, cur);
        return out;
    }

    private static void addIfNotBlank(List<String> out, StringBuilder sb) {
        String s = sb.toString().strip();
        if (!s.isEmpty()) out.add(s);
    }
}
