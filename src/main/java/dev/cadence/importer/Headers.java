package dev.cadence.importer;

import java.text.Normalizer;
import java.util.Locale;

/** Header-name normalisation shared by column recognition and custom-field naming. */
final class Headers {
    private Headers() {}

    /**
     * The key a header is recognised by: accents folded, lower-cased, everything but letters
     * and digits removed, so {@code E-mail Address}, {@code email_address} and
     * {@code EMAIL ADDRESS} all give {@code emailaddress}.
     */
    static String key(String header) {
        String folded = fold(header).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) sb.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /**
     * A custom field name: accents folded, lower-cased, every run of other characters turned
     * into one underscore, trimmed of underscores: {@code Annual Revenue ($)} → {@code annual_revenue}.
     * Letters of other scripts are kept ({@code 电话} stays {@code 电话}). Empty when nothing is left.
     */
    static String snakeCase(String header) {
        String folded = fold(header);
        StringBuilder sb = new StringBuilder(folded.length());
        boolean pendingUnderscore = false;
        int prev = -1;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                // camelCase boundary: "leadSource" -> "lead_source" (but "ID" stays "id")
                if (Character.isUpperCase(cp) && prev >= 0 && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
                    pendingUnderscore = true;
                }
                if (pendingUnderscore && sb.length() > 0) sb.append('_');
                pendingUnderscore = false;
                sb.appendCodePoint(Character.toLowerCase(cp));
                prev = cp;
            } else {
                pendingUnderscore = true;
                prev = -1;
            }
        }
        return sb.toString();
    }

    /** Removes combining marks after canonical decomposition and maps a few letters NFD leaves alone. */
    static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) continue;
            switch (c) {
                case 'ł': sb.append('l'); break;
                case 'Ł': sb.append('L'); break;
                case 'ø': sb.append('o'); break;
                case 'Ø': sb.append('O'); break;
                case 'đ': sb.append('d'); break;
                case 'Đ': sb.append('D'); break;
                case 'ß': sb.append("ss"); break;
                case 'æ': sb.append("ae"); break;
                case 'Æ': sb.append("AE"); break;
                case 'œ': sb.append("oe"); break;
                case 'Œ': sb.append("OE"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
