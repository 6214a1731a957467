package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void chineseNamesTakeTwoColumnsAndTheNextColumnStaysAligned() {
        Table t = new Table("NAME", "COMPANY");
        t.add("芳 王", "京华科技有限公司");
        t.add("Zoë Martin", "Acme");
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s, true));
        String[] lines = s.toString().split("\n");
        // "COMPANY" starts in the same terminal column on every line
        int col = Table.width(lines[0].substring(0, lines[0].indexOf("COMPANY")));
        assertThat(Table.width(lines[1].substring(0, lines[1].indexOf("京")))).isEqualTo(col);
        assertThat(Table.width(lines[2].substring(0, lines[2].indexOf("Acme")))).isEqualTo(col);
        assertThat(Table.width("京华")).isEqualTo(4);
        assertThat(Table.width("Zoë")).isEqualTo(3);
    }

    @Test
    void theLastColumnIsCutToFitAndDetailsAreIndented() {
        Table t = new Table("A", "B").fit(30);
        t.add("x", "y".repeat(60));
        t.detail("z".repeat(100));
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s, true));
        assertThat(s.toString().lines()).allSatisfy(l -> assertThat(Table.width(l)).isLessThanOrEqualTo(30));
        assertThat(s.toString().lines().skip(2).findFirst().orElseThrow()).startsWith("    zzz").endsWith("…");
    }
}
