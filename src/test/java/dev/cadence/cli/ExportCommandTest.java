package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export contacts end to end: CSV read back with FastCSV, JSON with Jackson, -o written atomically. */
class ExportCommandTest {
    static final List<String> HEADER = List.of("id", "email", "first_name", "last_name", "company", "title", "phone",
            "phone_e164", "linkedin", "timezone", "owner", "stage", "paused_until", "suppressed", "created_at",
            "updated_at", "city", "custom.email", "industry", "motto");

    @TempDir
    Path tmp;
    ControlFixture f;

    @BeforeEach
    void setUp() {
        f = new ControlFixture(tmp);
    }

    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(text)) {
            r.forEach(rec -> rows.add(rec.getFields()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    private static String cell(List<List<String>> rows, int row, String column) {
        return rows.get(row).get(rows.get(0).indexOf(column));
    }

    @Test
    void csvHasEveryFieldAndOneColumnPerCustomFieldReadableBack() {
        Cli.Result r = f.run("export", "contacts");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("exported 4 contacts\n");
        assertThat(r.out()).contains("\r\n");
        List<List<String>> rows = csv(r.out());
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(HEADER.size()));

        assertThat(rows.get(1)).containsExactly(String.valueOf(f.zoe), "Zoe@Example.com", "Zoë", "Martin",
                "Acme, Inc.", "", "", "", "", "Europe/Paris", "ana", "new", "", "", "2026-03-01T12:00:00Z",
                "2026-03-01T12:00:00Z", "", "", "retail", "");
        // non-Latin text comes back byte for byte
        assertThat(cell(rows, 2, "first_name")).isEqualTo("小龙");
        assertThat(cell(rows, 2, "last_name")).isEqualTo("李");
        assertThat(cell(rows, 2, "company")).isEqualTo("北京科技");
        assertThat(cell(rows, 2, "city")).isEqualTo("北京");
        // the suppression travels with the contact
        assertThat(cell(rows, 4, "suppressed")).isEqualTo("optout");
        // a custom field named like a field does not overwrite it
        assertThat(cell(rows, 3, "email")).isEqualTo("eve@evil.example");
        assertThat(cell(rows, 3, "custom.email")).isEqualTo("other@evil.example");
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunArePrefixed() {
        List<List<String>> rows = csv(f.run("export", "contacts", "--search", "evil").out());
        assertThat(rows).hasSize(2);
        assertThat(cell(rows, 1, "company")).isEqualTo("'" + ControlFixture.EVIL_COMPANY);
        assertThat(cell(rows, 1, "title")).isEqualTo("'-boss");
        assertThat(cell(rows, 1, "phone")).isEqualTo("'+1 555 0100");
        assertThat(cell(rows, 1, "motto")).isEqualTo("'@SUM(A1)");
        assertThat(cell(rows, 1, "first_name")).isEqualTo("Eve");
    }

    @Test
    void contactsListCsvIsFormulaSafeToo() {
        Cli.Result r = f.run("contacts", "list", "--search", "evil", "--format", "csv");
        List<List<String>> rows = csv(r.out());
        assertThat(cell(rows, 1, "company")).isEqualTo("'" + ControlFixture.EVIL_COMPANY);
    }

    @Test
    void jsonIsOneArrayWithSnakeCaseKeysAndValuesUnchanged() throws Exception {
        Cli.Result r = f.run("export", "contacts", "--format", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertThat(a.isArray()).isTrue();
        assertThat(a).hasSize(4);
        JsonNode zoe = a.get(0);
        List<String> keys = new ArrayList<>();
        zoe.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "email", "first_name", "last_name", "company", "title", "phone",
                "phone_e164", "linkedin", "timezone", "owner", "stage", "paused_until", "suppressed", "created_at",
                "updated_at", "custom");
        assertThat(zoe.get("id").isIntegralNumber()).isTrue();
        assertThat(zoe.get("id").asLong()).isEqualTo(f.zoe);
        assertThat(zoe.get("first_name").asText()).isEqualTo("Zoë");
        assertThat(zoe.get("title").isNull()).isTrue();
        assertThat(zoe.get("custom").get("industry").asText()).isEqualTo("retail");
        assertThat(a.get(1).get("last_name").asText()).isEqualTo("李");
        assertThat(a.get(1).get("custom").get("city").asText()).isEqualTo("北京");
        // JSON is not a spreadsheet: nothing is prefixed
        assertThat(a.get(2).get("company").asText()).isEqualTo(ControlFixture.EVIL_COMPANY);
        assertThat(a.get(2).get("custom").get("email").asText()).isEqualTo("other@evil.example");
        assertThat(a.get(3).get("suppressed").asText()).isEqualTo("optout");
    }

    @Test
    void filtersSelectTheContacts() throws Exception {
        f.run("enroll", "li@example.cn", "--sequence", "nurture");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(f.run("export", "contacts", "--format", "json", "--owner", "ana").out()))
                .extracting(n -> n.get("email").asText()).containsExactly("Zoe@Example.com", "eve@evil.example");
        assertThat(json.readTree(f.run("export", "contacts", "--format", "json", "--stage", "qualified").out()))
                .extracting(n -> n.get("email").asText()).containsExactly("eve@evil.example");
        assertThat(json.readTree(f.run("export", "contacts", "--format", "json", "--sequence", "nurture").out()))
                .extracting(n -> n.get("email").asText()).containsExactly("li@example.cn");
        Cli.Result none = f.run("export", "contacts", "--format", "json", "--owner", "nobody");
        assertThat(json.readTree(none.out())).isEmpty();
        assertThat(none.err()).isEqualTo("exported 0 contacts\n");
        // an empty CSV export still has its header
        assertThat(csv(f.run("export", "contacts", "--owner", "nobody").out()))
                .containsExactly(HEADER);
    }

    @Test
    void outputFileIsWrittenWholeAndReplacesTheOldOne() throws Exception {
        Path out = f.ws.resolve("out.csv");
        Files.writeString(out, "old content");
        Cli.Result r = f.run("export", "contacts", "-o", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("exported 4 contacts to " + out + "\n");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(csv(text)).hasSize(5);
        assertThat(text).contains("北京科技");
        assertThat(text).isEqualTo(f.run("export", "contacts").out());
        try (Stream<Path> s = Files.list(f.ws)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void outputIsRelativeToTheWorkingFolder() throws Exception {
        Cli.Result r = Cli.in(tmp).run("-w", f.ws.toString(), "export", "contacts", "--format", "json", "-o", "c.json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(new ObjectMapper().readTree(tmp.resolve("c.json").toFile())).hasSize(4);
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedAndLeavesNothing() throws Exception {
        Path missing = tmp.resolve("no/such/folder/out.csv");
        Cli.Result r = f.run("export", "contacts", "-o", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: cannot write " + missing + ": folder " + missing.getParent()
                + " does not exist\n");
        assertThat(tmp.resolve("no")).doesNotExist();

        Cli.Result dir = f.run("export", "contacts", "-o", f.ws.toString());
        assertThat(dir.code()).isEqualTo(2);
        assertThat(dir.err()).isEqualTo("cadence: " + f.ws + " is a folder, not a file\n");
    }

    @Test
    void exportNeedsALedgerAndAKnownFormat() throws Exception {
        Cli.Result format = f.run("export", "contacts", "--format", "xlsx");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("Invalid value for option '--format'", "xlsx");

        Files.delete(f.db);
        Cli.Result r = f.run("export", "contacts");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: no ledger yet at " + f.db + "; import contacts first\n");
        assertThat(f.db).doesNotExist();

        Cli.Result bare = f.run("export");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("missing subcommand: contacts");
    }
}
