package dev.cadence.importer;

import static dev.cadence.importer.Fixtures.file;
import static dev.cadence.importer.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputTest {
    @TempDir
    Path tmp;

    @Test
    void bomIsStrippedAndCrlfRowsAreRead() {
        try (CsvInput in = CsvInput.open(file("bom-crlf.csv"), Optional.empty())) {
            assertThat(in.header()).containsExactly("Email", "First Name", "Last Name", "Company");
            assertThat(in.header().get(0)).doesNotStartWith("\uFEFF");
            List<CsvRow> rows = rows(in);
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L);
            assertThat(rows.get(0).fields()).containsExactly("zoe@example.com", "Zoë", "Ångström", "Café Ünïcode");
            assertThat(rows.get(1).field(3)).isEqualTo("Acme"); // no stray \r
        }
    }

    @Test
    void semicolonIsDetectedEvenWithCommasInValues() {
        try (CsvInput in = CsvInput.open(file("semicolon.csv"), Optional.empty())) {
            assertThat(in.delimiter()).isEqualTo(';');
            assertThat(in.delimiterDetected()).isTrue();
            List<CsvRow> rows = rows(in);
            assertThat(rows.get(0).fields()).containsExactly("jurgen.muller@example.de", "Jürgen", "Müller",
                    "Müller & Söhne, GmbH", "030 1234567", "Europe/Berlin", "1.234,56");
            assertThat(rows.get(1).field(3)).isEqualTo("Gruber; Partner");
        }
    }

    @Test
    void tabIsDetectedAndQuotedTabsStayInTheCell() {
        try (CsvInput in = CsvInput.open(file("tab.tsv"), Optional.empty())) {
            assertThat(in.delimiter()).isEqualTo('\t');
            List<CsvRow> rows = rows(in);
            assertThat(rows.get(0).fields()).containsExactly("li.wei@example.cn", "Wei", "Li", "CTO", "met at, the booth");
            assertThat(rows.get(1).field(4)).isEqualTo("quoted, with tab\tinside");
        }
    }

    @Test
    void anExplicitDelimiterIsUsedAsGiven() {
        try (CsvInput in = CsvInput.open(file("semicolon.csv"), Optional.of(','))) {
            assertThat(in.delimiterDetected()).isFalse();
            assertThat(in.header()).hasSize(1); // the whole line is one column when read with ','
        }
    }

    @Test
    void multiLineFieldsKeepTheStartLineOfEveryLaterRowAndBlankLinesAreSkipped() {
        try (CsvInput in = CsvInput.open(file("multiline.csv"), Optional.empty())) {
            List<CsvRow> rows = rows(in);
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 5L, 6L, 8L, 11L);
            assertThat(rows.get(0).field(3)).isEqualTo("first line\nsecond line, with comma\nthird \"quoted\" line");
            assertThat(rows.get(4).field(0)).isEqualTo("e@example.com");
        }
    }

    @Test
    void crOnlyLineEndsAndRowsOfEmptyCellsAreHandled() throws Exception {
        Path f = tmp.resolve("cr.csv");
        Files.writeString(f, "\n\nemail,name\r,\ra@example.com,A\r\r\rb@example.com,B", StandardCharsets.UTF_8);
        try (CsvInput in = CsvInput.open(f, Optional.empty())) {
            assertThat(in.headerLine()).isEqualTo(3);
            assertThat(rows(in)).extracting(r -> r.line() + ":" + r.field(0))
                    .containsExactly("5:a@example.com", "8:b@example.com");
        }
    }

    @Test
    void stdinIsASource() {
        byte[] bytes = "Email;Name\nx@example.com;X\n".getBytes(StandardCharsets.UTF_8);
        try (CsvInput in = CsvInput.open(new ByteArrayInputStream(bytes), CsvInput.STDIN_NAME, Optional.empty())) {
            assertThat(in.name()).isEqualTo("<stdin>");
            assertThat(rows(in)).singleElement().extracting(CsvRow::fields).isEqualTo(List.of("x@example.com", "X"));
        }
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFileAndLine() {
        Path f = file("latin1.csv");
        assertThatThrownBy(() -> {
            try (CsvInput in = CsvInput.open(f, Optional.empty())) {
                rows(in);
            }
        }).isInstanceOf(CadenceException.class)
                .hasMessage(f + ":3: not valid UTF-8 (byte 0xE9 at byte offset 55); save the file as UTF-8 and import again")
                .extracting(e -> ((CadenceException) e).status()).isEqualTo(ExitStatus.INVALID);
    }

    @Test
    void invalidUtf8DeepInALargeFileNamesItsLine() throws Exception {
        Path f = tmp.resolve("big.csv");
        StringBuilder sb = new StringBuilder("email,name\n");
        for (int i = 0; i < 20_000; i++) sb.append("user").append(i).append("@example.com,名前").append(i).append('\n');
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "bad@example.com,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        Files.write(f, all);
        assertThatThrownBy(() -> {
            try (CsvInput in = CsvInput.open(f, Optional.empty())) {
                rows(in);
            }
        }).hasMessageStartingWith(f + ":20002: not valid UTF-8 (byte 0xE9 at byte offset " + (head.length + 19) + ")");
    }

    @Test
    void anEmptyFileIsAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.csv");
        Files.writeString(f, "\n\n");
        assertThatThrownBy(() -> CsvInput.open(f, Optional.empty()))
                .hasMessage(f + ": the file is empty (a header row is needed)");
    }

    @Test
    void aMissingFileIsAnError() {
        Path f = tmp.resolve("nope.csv");
        assertThatThrownBy(() -> CsvInput.open(f, Optional.empty())).hasMessage(f + ": no such file");
    }

    @Test
    void delimiterValues() {
        assertThat(CsvInput.parseDelimiter(";")).isEqualTo(';');
        assertThat(CsvInput.parseDelimiter("tab")).isEqualTo('\t');
        assertThat(CsvInput.parseDelimiter("\\t")).isEqualTo('\t');
        assertThat(CsvInput.parseDelimiter("\t")).isEqualTo('\t');
        assertThat(CsvInput.parseDelimiter("semicolon")).isEqualTo(';');
        assertThatThrownBy(() -> CsvInput.parseDelimiter(";;"))
                .hasMessage("invalid delimiter ';;': give one character such as ',' ';' or 'tab'");
    }

    @Test
    void theFormulaSafetyApostropheOfOurOwnWritersIsDropped() {
        assertThat(CsvInput.unescapeFormula("'=1+1")).isEqualTo("=1+1");
        assertThat(CsvInput.unescapeFormula("'+33 1 23")).isEqualTo("+33 1 23");
        assertThat(CsvInput.unescapeFormula("'-x")).isEqualTo("-x");
        assertThat(CsvInput.unescapeFormula("'@x")).isEqualTo("@x");
        assertThat(CsvInput.unescapeFormula("'\tx")).isEqualTo("\tx");
        assertThat(CsvInput.unescapeFormula("'\rx")).isEqualTo("\rx");
        // anything else keeps its apostrophe
        assertThat(CsvInput.unescapeFormula("'tis")).isEqualTo("'tis");
        assertThat(CsvInput.unescapeFormula("'")).isEqualTo("'");
        assertThat(CsvInput.unescapeFormula("O'Neil")).isEqualTo("O'Neil");
        assertThat(CsvInput.unescapeFormula("''=x")).isEqualTo("''=x");
    }
}
