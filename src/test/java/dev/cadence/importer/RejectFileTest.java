package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectFileTest {
    @TempDir
    Path tmp;

    private static List<List<String>> readBack(Path f) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(f, StandardCharsets.UTF_8)) {
            for (CsvRecord rec : r) out.add(rec.getFields());
        }
        return out;
    }

    private void writeRejects(String source, Path target) {
        try (ContactReader reader = ContactReader.open(Fixtures.file(source),
                ContactReader.Options.defaults(Fixtures.STAGES, "US"));
             RejectFile rejects = RejectFile.create(target, reader.header())) {
            for (RowResult r : reader) {
                if (r instanceof RowResult.Rejected x) rejects.write(x);
            }
            rejects.commit();
        }
    }

    @Test
    void rejectedRowsAreWrittenWithTheirOriginalColumnsLineAndError() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("out")).resolve("rejects.csv");
        writeRejects("bad-rows.csv", target);
        List<List<String>> rows = readBack(target);
        assertThat(rows.get(0)).containsExactly("Email", "First Name", "Last Name", "Time Zone", "LinkedIn", "Stage",
                "line", "error");
        assertThat(rows).hasSize(9); // line 8 (a LinkedIn value kept with a warning) is imported
        assertThat(rows.get(1)).containsExactly("bob@", "Bob", "NoDomain", "", "", "", "3",
                "email: 'bob@' is not an email address: no domain after the @");
        assertThat(rows.get(2)).containsExactly("alice@example.com", "Alice", "Tz", "EST", "", "", "4",
                "timezone: unknown time zone 'EST'; use an IANA name such as America/New_York or Europe/Paris");
        // a short row is padded, a long row keeps its extra cell in the error: the file stays rectangular
        assertThat(rows.get(4)).containsExactly("carol@example.com", "Carol", "Short", "", "", "", "6",
                "columns: expected 6 cells as in the header, found 3");
        assertThat(rows.get(5)).containsExactly("dave@example.com", "Dave", "Long", "UTC", "", "", "7",
                "columns: expected 6 cells as in the header, found 7 (extra cells: \"extra\")");
        assertThat(rows.get(6).get(1)).isEqualTo("Frank\u0007Bell");
        assertThat(rows.get(8)).containsExactly("", "No", "Email", "", "", "", "11", "email: missing");
        // no temporary file left behind
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void formulaCellsAreEscaped() throws Exception {
        Path target = tmp.resolve("formula-rejects.csv");
        writeRejects("formula.csv", target);
        List<List<String>> rows = readBack(target);
        assertThat(rows.get(1)).containsExactly("'=cmd|'/C calc'!A0", "Eve", "Il", "'+1+1", "2",
                "email: '=cmd|'/C calc'!A0' is not an email address: it contains a space");
        assertThat(rows.get(2)).containsExactly("mallory@example", "'@SUM(1+1)", "'-2", "'\tTabbed", "3",
                "email: 'mallory@example' is not an email address: the domain 'example' has no dot");
    }

    @Test
    void multiLineCellsSurviveTheRejectFile() throws Exception {
        Path target = tmp.resolve("m.csv");
        writeRejects("multiline.csv", target);
        List<List<String>> rows = readBack(target);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("c@example.com", "Cid", "Multi\nName", "oops", "6",
                "last_name: contains a line break (U+000A)");
        assertThat(rows.get(2)).containsExactly("not-an-email", "Dee", "Dent", "two\nlines", "8",
                "email: 'not-an-email' is not an email address: no @");
    }

    @Test
    void closingWithoutCommitLeavesNothingAndKeepsAnOlderFile() throws Exception {
        Path target = tmp.resolve("rejects.csv");
        Files.writeString(target, "previous run\n");
        try (RejectFile rejects = RejectFile.create(target, List.of("Email"))) {
            rejects.write(new CsvRow(2, List.of("x")), "email: missing");
            assertThat(rejects.count()).isEqualTo(1);
        }
        assertThat(Files.readString(target)).isEqualTo("previous run\n");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void commitReplacesAnOlderFile() throws Exception {
        Path target = tmp.resolve("rejects.csv");
        Files.writeString(target, "previous run\n");
        try (RejectFile rejects = RejectFile.create(target, List.of("Email", "Name"))) {
            rejects.write(new CsvRow(4, List.of("x", "Zoë \"Z\", 王芳")), "email: 'x' is not an email address: no @");
            rejects.commit();
        }
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(
                "Email,Name,line,error\r\nx,\"Zoë \"\"Z\"\", 王芳\",4,email: 'x' is not an email address: no @\r\n");
    }
}
