package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.workspace.ExampleWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first morning of a new user: {@code cadence init --example} imports its contacts.csv,
 * enrolls them with start dates spread over the last two weeks and records what was due on those
 * days as done (example history); then {@code cadence due} on Tuesday 10 March 2026, 08:00 in
 * New York shows a real morning.
 */
class ExampleMorningTest {
    static final String NOW = "2026-03-10T12:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void theMorningListOfTheExampleWorkspaceIsSensible() throws Exception {
        Path ws = tmp.resolve("w");
        // init --example imports contacts.csv and enrolls everyone with day 1 spread over the last two weeks
        Cli.Result init = Cli.in(tmp).run("--as-of", NOW, "init", "--example", ws.toString());
        assertThat(init.code()).as(init.toString()).isZero();
        List<String> emails = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(ws.resolve(ExampleWorkspace.CONTACTS_FILE))) {
            for (NamedCsvRecord r : csv) emails.add(r.getField("email"));
        }
        LocalDate today = LocalDate.of(2026, 3, 10);

        // the two weeks before were recorded by init itself (example history): every step done once
        Set<String> seen = new HashSet<>();
        try (Ledger l = Ledger.open("jdbc:sqlite:" + ws.resolve("cadence.db"), Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC))) {
            l.jdbc().query("SELECT enrollment_id, step_id, occurrence, note, status FROM touches", r -> {
                String key = r.longValue("enrollment_id") + "/" + r.string("step_id") + "/" + r.intValue("occurrence");
                assertThat(seen.add(key)).as("recorded twice: " + key).isTrue();
                if (!r.string("status").equals("skipped")) {
                    assertThat(r.string("note")).isEqualTo(dev.cadence.agenda.ExampleHistory.MARK);
                }
                return key;
            });
        }
        assertThat(seen).hasSizeGreaterThan(emails.size());

        Cli.Result table = Cli.in(tmp).run("-w", ws.toString(), "--as-of", NOW, "due");
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        assertThat(table.out()).contains("Script:").contains("Subject:");

        Cli.Result json = Cli.in(tmp).run("-w", ws.toString(), "--as-of", NOW, "due", "--format", "json");
        JsonNode items = new ObjectMapper().readTree(json.out());
        assertThat(items.size()).isGreaterThan(5);
        assertThat(items).anySatisfy(i -> assertThat(i.get("step").asText()).isNotEqualTo("intro"));
        Set<Long> enrollments = new HashSet<>();
        int manual = 0;
        for (JsonNode i : items) {
            // each enrollment once; nothing from the future; the example's templates render for its contacts
            assertThat(enrollments.add(i.get("enrollment_id").asLong())).isTrue();
            assertThat(seen).doesNotContain(i.get("enrollment_id").asText() + "/" + i.get("step").asText() + "/"
                    + i.get("occurrence").asText());
            assertThat(i.get("error").isNull()).as(i.toString()).isTrue();
            assertThat(i.get("body").asText()).doesNotContain("{{").doesNotContain("Hi ,");
            if (i.get("kind").asText().equals("manual")) manual++;
        }
        assertThat(manual).as("some calls or LinkedIn steps on the first morning").isPositive();
        // manual items that block come first
        assertThat(items.get(0).get("kind").asText()).isEqualTo("manual");
        // asked again: the same list, nothing twice
        Cli.Result again = Cli.in(tmp).run("-w", ws.toString(), "--as-of", NOW, "due", "--format", "json");
        assertThat(again.out()).isEqualTo(json.out());
        assertThat(Files.exists(ws.resolve("cadence.db"))).isTrue();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
