package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.sequence.Fixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCommandsTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private Cli.Result run(Path ws, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-w";
        all[1] = ws.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.in(tmp).run(all);
    }

    @Test
    void validateOk() {
        Cli.Result r = run(Fixture.workspace(tmp.resolve("ws")), "validate");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("ok: cadence.yaml, 2 sequences, 6 steps, 6 templates\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateReportsEveryProblemWithRelativePathsAndExits2() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "sequences/nurture.yaml", Fixture.NURTURE.replace("    purpose: One useful idea per quarter.\n", ""));
        Fixture.write(ws, "templates/cold/intro.mustache", "subject: Hi\n---\n{{#company}}\n");
        Cli.Result r = run(ws, "validate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(
                "sequences/nurture.yaml:6:5: step 'quarterly' needs a 'purpose': why this touch matters to the contact,"
                        + " in one sentence (follow-ups are reason-based, never \"just checking in\")\n"
                        + "templates/cold/intro.mustache:3:1: section {{#company}} (or {{^company}}) is never closed; add {{/company}}\n"
                        + "cadence: 2 problems found\n");
    }

    @Test
    void validateJson() throws Exception {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Cli.Result ok = run(ws, "validate", "--format", "json");
        assertThat(ok.code()).isZero();
        assertThat(json.readTree(ok.out()).isArray()).isTrue();
        assertThat(json.readTree(ok.out())).isEmpty();

        Fixture.write(ws, "sequences/nurture.yaml", Fixture.NURTURE.replace("day: 1", "day: 0"));
        Cli.Result bad = run(ws, "validate", "--format", "json");
        assertThat(bad.code()).isEqualTo(2);
        JsonNode arr = json.readTree(bad.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("file").asText()).isEqualTo("sequences/nurture.yaml");
        assertThat(arr.get(0).get("line").asInt()).isEqualTo(7);
        assertThat(arr.get(0).get("column").asInt()).isEqualTo(10);
        assertThat(arr.get(0).get("message").asText()).contains("'day' must be 1 or more");
    }

    @Test
    void validateMalformedConfig() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "cadence.yaml", "timezone: [\n");
        Cli.Result r = run(ws, "validate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("cadence.yaml:").contains("YAML syntax error").doesNotContain("Exception");
    }

    @Test
    void sequencesListTableAndJson() throws Exception {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Cli.Result table = run(ws, "sequences", "list");
        assertThat(table.code()).as(table.toString()).isZero();
        String[] lines = table.out().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("NAME").contains("STEPS", "DAYS", "AUTO/MAN", "CHANNELS");
        assertThat(lines[1]).matches("nurture\\s+1\\s+1\\s+1/0\\s+email");
        assertThat(lines[2]).matches("    Quarterly value.*");
        assertThat(lines[3]).matches("outbound\\s+5\\s+7\\s+3/2\\s+email,call,linkedin");
        assertThat(lines[4]).matches("    Day 1/3/5/7.*");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));

        Cli.Result r = run(ws, "sequences", "list", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode arr = json.readTree(r.out());
        assertThat(arr).hasSize(2);
        JsonNode outbound = arr.get(1);
        assertThat(outbound.get("name").asText()).isEqualTo("outbound");
        assertThat(outbound.get("steps").asInt()).isEqualTo(5);
        assertThat(outbound.get("span_days").asInt()).isEqualTo(7);
        assertThat(outbound.get("auto").asInt()).isEqualTo(3);
        assertThat(outbound.get("manual").asInt()).isEqualTo(2);
        assertThat(outbound.get("channels").toString()).isEqualTo("[\"email\",\"call\",\"linkedin\"]");
    }

    @Test
    void listShowsValidSequencesAndReportsBrokenOnes() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "sequences/broken.yaml", "name: broken\nsteps: []\n");
        Cli.Result r = run(ws, "sequences", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("nurture").contains("outbound").doesNotContain("broken");
        assertThat(r.err()).contains("sequences/broken.yaml:2:8: 'steps' must list at least one step");
    }

    @Test
    void showPrintsAReadablePlanWithBusinessDayDates() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        // 2026-03-04 (Wed) is a holiday in the fixture
        Cli.Result r = run(ws, "sequences", "show", "outbound", "--start", "2026-03-02");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("outbound: Day 1/3/5/7 outreach, then nurture.\n")
                .contains("  window:      09:00-11:30")
                .contains("  stop on:     reply, optout, bounce, meeting")
                .contains("  on complete: enroll in nurture")
                .contains("if has phone")
                .contains("variants a (cold/angle-a.mustache), b (cold/angle-b.mustache)")
                .contains("why: Reference the case study; leave a voicemail if no answer.");
        assertThat(r.out()).containsPattern("intro\\s+day 1\\s+Mon 2026-03-02\\s+email\\s+auto")
                .containsPattern("value\\s+day 3\\s+Thu 2026-03-05\\s+email\\s+auto")   // Wed 03-04 is a holiday
                .containsPattern("call\\s+day 5\\s+Fri 2026-03-06\\s+call\\s+manual")
                .containsPattern("angle\\s+day 7\\s+Mon 2026-03-09\\s+email\\s+auto")   // Sun 03-08 moves to Monday
                .containsPattern("linkedin\\s+after 2 business days\\s+Wed 2026-03-11\\s+linkedin\\s+manual");
        assertThat(r.out().split("\n")).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void showDefaultsToTodayFromAsOf() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Cli.Result r = run(ws, "--as-of", "2026-03-07", "sequences", "show", "nurture");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("enrolled Sat 2026-03-07").containsPattern("quarterly\\s+day 1\\s+Mon 2026-03-09")
                .contains("repeats every 90 days, 4 times");
    }

    @Test
    void showJson() throws Exception {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Cli.Result r = run(ws, "sequences", "show", "outbound", "--start", "2026-03-02", "--format", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode s = json.readTree(r.out());
        assertThat(s.get("name").asText()).isEqualTo("outbound");
        assertThat(s.get("window").asText()).isEqualTo("09:00-11:30");
        assertThat(s.get("stop_on")).hasSize(4);
        assertThat(s.get("on_complete_enroll").asText()).isEqualTo("nurture");
        JsonNode steps = s.get("steps");
        assertThat(steps).hasSize(5);
        assertThat(steps.get(1).get("date").asText()).isEqualTo("2026-03-05");
        assertThat(steps.get(1).get("thread").asBoolean()).isTrue();
        assertThat(steps.get(2).get("kind").asText()).isEqualTo("manual");
        assertThat(steps.get(2).get("if").get(0).asText()).isEqualTo("has phone");
        assertThat(steps.get(4).get("after").asText()).isEqualTo("2 business days");
        assertThat(steps.get(4).get("day").isNull()).isTrue();
        assertThat(steps.get(3).get("variants").get(1).get("template").asText()).isEqualTo("cold/angle-b.mustache");
    }

    @Test
    void unknownSequenceListsTheKnownOnes() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Cli.Result r = run(ws, "sequences", "show", "outbond");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown sequence 'outbond'; did you mean 'outbound'?").contains("nurture, outbound");
    }

    @Test
    void aBrokenUnrelatedSequenceDoesNotBlockShow() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "sequences/broken.yaml", "name: broken\nsteps: []\n");
        Cli.Result ok = run(ws, "sequences", "show", "nurture", "--start", "2026-03-02");
        assertThat(ok.code()).as(ok.toString()).isZero();
        Cli.Result bad = run(ws, "sequences", "show", "broken");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("sequences/broken.yaml:2:8:");
    }

    @Test
    void showIsBlockedByProblemsOfItsOwnTemplates() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "templates/cold/call.mustache", "Call {{phnoe}}\n");
        Cli.Result r = run(ws, "sequences", "show", "outbound");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("templates/cold/call.mustache:1:6: unknown variable 'phnoe'; did you mean 'phone'");
        assertThat(run(ws, "sequences", "show", "nurture").code()).isZero();
    }

    @Test
    void helpHasExamples() {
        for (String[] cmd : new String[][] {{"validate", "--help"}, {"sequences", "--help"}, {"sequences", "show", "--help"},
                {"sequences", "list", "--help"}}) {
            Cli.Result r = Cli.in(tmp).run(cmd);
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Examples:");
            assertThat(r.out().split("\n")).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void sequencesWithoutSubcommandIsAUsageError() {
        Cli.Result r = run(Fixture.workspace(tmp.resolve("ws")), "sequences");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing subcommand");
    }
}
