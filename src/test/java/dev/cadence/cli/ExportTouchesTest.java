package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export touches end to end: every attempt read back with FastCSV and Jackson, formula-safe, filtered. */
class ExportTouchesTest {
    static final List<String> HEADER = List.of("id", "at", "contact_id", "email", "channel", "sequence", "step",
            "occurrence", "variant", "kind", "status", "outcome", "subject", "note", "body", "error", "due_at");

    @TempDir
    Path tmp;
    ControlFixture f;

    @BeforeEach
    void setUp() {
        f = new ControlFixture(tmp);
        // an automatic email sent on 2 March (with a subject a spreadsheet would run) and one that failed
        try (Ledger l = Ledger.open("jdbc:sqlite:" + f.db, Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC))) {
            long en = l.enrollments().enroll(f.eve, "outbound", java.time.LocalDate.of(2026, 3, 2)).id();
            l.touches().insert(new Touch(0, en, f.eve, "outbound", "intro", 1, Channel.EMAIL, TouchKind.AUTO,
                    TouchStatus.SENT, null, null, "=1+1 ideas for you", "Hi Eve,\nan idea.", "<m1@example.com>", "a",
                    null, 1, Instant.parse("2026-03-02T14:00:00Z"), Instant.parse("2026-03-02T15:00:00Z"), null));
            l.touches().insert(new Touch(0, en, f.eve, "outbound", "value", 1, Channel.EMAIL, TouchKind.AUTO,
                    TouchStatus.FAILED, null, null, "Re: ideas", null, null, null, "550 mailbox unavailable", 1,
                    null, Instant.parse("2026-03-04T15:00:00Z"), null));
        }
        ok("log", "zoe@example.com", "--channel", "call", "--outcome", "connected", "--at", "2026-03-05T10:00",
                "--note", "-5% if they sign in March, \"as promised\"\nCall back Friday");
        ok("log", "li@example.cn", "--channel", "linkedin", "--outcome", "message-sent", "--note", "发了消息");
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = f.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
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

    @Test
    void csvHasEveryAttemptOldestFirstFormulaSafeAndReadableBack() {
        Cli.Result r = ok("export", "touches");

        assertThat(r.err()).isEqualTo("exported 4 touches\n");
        assertThat(r.out()).contains("\r\n");
        List<List<String>> rows = csv(r.out());
        assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
        assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(HEADER.size()));

        assertThat(rows.get(1)).containsExactly("1", "2026-03-02T15:00:00Z", String.valueOf(f.eve), "eve@evil.example",
                "email", "outbound", "intro", "1", "a", "auto", "sent", "", "'=1+1 ideas for you", "",
                "Hi Eve,\nan idea.", "", "2026-03-02T14:00:00Z");
        assertThat(rows.get(2)).containsExactly("2", "2026-03-04T15:00:00Z", String.valueOf(f.eve), "eve@evil.example",
                "email", "outbound", "value", "1", "", "auto", "failed", "", "Re: ideas", "", "", "550 mailbox unavailable",
                "");
        assertThat(rows.get(3)).containsExactly("3", "2026-03-05T15:00:00Z", String.valueOf(f.zoe), "Zoe@Example.com",
                "call", "", "", "", "", "manual", "done", "connected", "",
                "'-5% if they sign in March, \"as promised\"\nCall back Friday", "", "", "");
        assertThat(rows.get(4)).containsExactly("4", "2026-03-06T14:00:00Z", String.valueOf(f.li), "li@example.cn",
                "linkedin", "", "", "", "", "manual", "done", "message-sent", "", "发了消息", "", "", "");
    }

    @Test
    void jsonHasTheSameKeysAndUnchangedValues() throws Exception {
        Cli.Result r = ok("export", "touches", "--format", "json");

        JsonNode all = new ObjectMapper().readTree(r.out());
        assertThat(all.isArray()).isTrue();
        assertThat(all).hasSize(4);
        List<String> keys = new ArrayList<>();
        all.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(HEADER);
        assertThat(all.get(0).get("subject").asText()).isEqualTo("=1+1 ideas for you");
        assertThat(all.get(0).get("occurrence").isNumber()).isTrue();
        assertThat(all.get(2).get("note").asText()).isEqualTo("-5% if they sign in March, \"as promised\"\nCall back Friday");
        assertThat(all.get(2).get("sequence").isNull()).isTrue();
        assertThat(all.get(2).get("occurrence").isNull()).isTrue();
        assertThat(all.get(3).get("email").asText()).isEqualTo("li@example.cn");
    }

    @Test
    void sinceAndContactFilterAndOutputFileIsWrittenWhole() throws Exception {
        List<List<String>> since = csv(ok("export", "touches", "--since", "2026-03-05").out());
        assertThat(since).extracting(row -> row.get(3)).containsExactly("email", "Zoe@Example.com", "li@example.cn");

        List<List<String>> eve = csv(ok("export", "touches", "--contact", "EVE@evil.example").out());
        assertThat(eve).extracting(row -> row.get(6)).containsExactly("step", "intro", "value");

        Cli.Result file = ok("export", "touches", "--contact", String.valueOf(f.zoe), "--format", "json", "-o", "t.json");
        assertThat(file.out()).isEmpty();
        assertThat(file.err()).isEqualTo("exported 1 touch to t.json\n");
        JsonNode written = new ObjectMapper().readTree(Files.readString(f.ws.getParent().resolve("t.json")));
        assertThat(written).hasSize(1);
        assertThat(written.get(0).get("outcome").asText()).isEqualTo("connected");
        try (var listing = Files.list(f.ws.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anUnknownContactOrBadDateIsExit2AndNoFile() {
        Cli.Result unknown = f.run("export", "touches", "--contact", "nobody@example.com", "-o", "x.csv");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("cadence: no contact 'nobody@example.com' in the ledger"
                + " (give a contact id or an email)\n");
        assertThat(f.ws.getParent().resolve("x.csv")).doesNotExist();

        Cli.Result date = f.run("export", "touches", "--since", "March");
        assertThat(date.code()).isEqualTo(2);
        assertThat(date.err()).contains("'March' is not a date; use YYYY-MM-DD");
    }
}
