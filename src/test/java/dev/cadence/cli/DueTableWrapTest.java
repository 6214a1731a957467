package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table's word wrap (a scanner, no regular expressions) prints what the split-based one printed. */
class DueTableWrapTest {

    /** The former implementation, kept as the reference. */
    private static void reference(PrintWriter out, String indent, String text) {
        String t = text.replace('\t', ' ').stripTrailing();
        if (t.isBlank()) {
            out.println();
            return;
        }
        int width = 80 - indent.length();
        StringBuilder line = new StringBuilder();
        for (String word : t.split(" +")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    out.println(indent + line);
                    line.setLength(0);
                }
                out.println(indent + word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.println(indent + line);
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.println(indent + line);
    }

    private static String wrapped(boolean reference, String indent, String text) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        if (reference) reference(w, indent, text);
        else DueCommand.DueTable.wrap(w, indent, text);
        w.flush();
        return s.toString();
    }

    @Test
    void sameLinesAsTheSplitBasedWrap() {
        String[] fixed = {"", " ", "\t", "one", "  leading spaces", "trailing   ", "a\tb\t\tc",
                "x".repeat(75), "x".repeat(76), "x".repeat(80), "x".repeat(160), "x".repeat(161) + " y",
                "word " + "y".repeat(200) + " z", "Zoë’s café — naïve\u00A0space", " ".repeat(90) + "end"};
        for (String indent : new String[] {"", "     ", "       "}) {
            for (String t : fixed) {
                assertThat(wrapped(false, indent, t)).as("[" + indent + "] " + t).isEqualTo(wrapped(true, indent, t));
            }
        }
        Random random = new Random(42);
        String alphabet = "abcdefghij      \tKLM.,;é\u00A0";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(n % 2 == 0 ? 400 : 90); // short lines too: printed as they are when nothing is to wrap
            for (int k = 0; k < len; k++) {
                b.append(random.nextInt(50) == 0 ? "x".repeat(random.nextInt(120)) : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            String indent = " ".repeat(random.nextInt(8));
            String t = b.toString();
            assertThat(wrapped(false, indent, t)).as("[" + indent + "] " + t).isEqualTo(wrapped(true, indent, t));
        }
    }

    private static String script(boolean reference, String text) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        if (reference) {
            for (String line : text.split("\r?\n")) reference(w, "       ", line);
        } else {
            DueCommand.DueTable.script(w, text);
        }
        w.flush();
        return s.toString();
    }

    @Test
    void scriptLinesAsTheRegexSplitGaveThem() {
        String[] fixed = {"", "one", "one\ntwo", "one\r\ntwo", "one\rtwo", "a\n\nb", "a\r\n\r\nb", "a\n \nb",
                "a\n\r\nb", "a\r\r\nb", "x".repeat(90) + "\n" + "short line", "CALL Zoë\n\tNumber: 1\n  indented"};
        for (String t : fixed) {
            assertThat(script(false, t)).as(t).isEqualTo(script(true, t));
        }
        Random random = new Random(7);
        String alphabet = "ab cd  ef\n\r\t.é";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(300);
            for (int k = 0; k < len; k++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String t = b.toString().strip(); // the table passes the stripped body
            assertThat(script(false, t)).as(t).isEqualTo(script(true, t));
        }
    }
}
