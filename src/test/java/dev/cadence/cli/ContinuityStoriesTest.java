package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.enrollment.DueUpdater;
import dev.cadence.enrollment.SilenceRule;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.schedule.Schedule;
import dev.cadence.sequence.Fixture;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "Done when": whole continuity stories through the command line with {@code --as-of}
 * on a real SQLite ledger. New York, Monday to Friday, 09:00-17:00, no holidays; 2 March 2026 is
 * a Monday and US daylight saving time starts on Sunday 8 March. Sent emails are inserted
 * through the ledger, standing for {@code cadence run}.
 */
class ContinuityStoriesTest {
    static final String CONFIG = """
            timezone: America/New_York
            sender: { name: Acme Sales, email: sales@example.com, company: Acme }
            custom_fields: [industry]
            silence: { after: 10 days, action: flag }
            """;

    static final String COLD = """
            name: cold
            description: Cold outreach with a call and a channel switch.
            steps:
              - id: intro
                day: 1
                channel: email
                purpose: First outreach.
                template: cold/intro.mustache
              - id: value
                day: 3
                channel: email
                purpose: A case study.
                template: cold/value.mustache
              - id: call
                day: 5
                channel: call
                purpose: Reference the case study.
                template: cold/call.mustache
              - id: angle
                day: 7
                channel: email
                purpose: Another angle.
                template: cold/angle-a.mustache
              - id: switch
                day: 10
                channel: linkedin
                if: { sent: { channel: email, min: 3 } }
                purpose: Three emails unanswered, try LinkedIn.
              - id: breakup
                day: 14
                channel: email
                purpose: Close the file.
                template: cold/angle-b.mustache
            """;

    static final String PING = """
            name: ping
            description: One email.
            exclusive: false
            steps:
              - id: hello
                day: 1
                channel: email
                purpose: Say hello.
                template: cold/intro.mustache
            """;

    static final String CHORE = """
            name: chore
            description: One task.
            exclusive: false
            steps:
              - id: research
                day: 1
                channel: task
                purpose: Research the account.
            """;

    static final Clock SETUP = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path ws;
    Path db;
    long zoe;
    long li;
    long eve;
    long sup;

    @BeforeEach
    void setUp() {
        ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "cadence.yaml", CONFIG);
        Fixture.write(ws, "sequences/cold.yaml", COLD);
        Fixture.write(ws, "sequences/ping.yaml", PING);
        Fixture.write(ws, "sequences/chore.yaml", CHORE);
        db = ws.resolve("cadence.db");
        try (Ledger l = ledger(SETUP)) {
            zoe = l.contacts().insert(Contact.builder("zoe@example.com").firstName("Zoë").lastName("Martin")
                    .phone("+1 212 555 0100").owner("ana").stage("new").build()).id();
            li = l.contacts().insert(Contact.builder("li@example.com").firstName("Li").owner("kim").stage("new").build()).id();
            eve = l.contacts().insert(Contact.builder("eve@example.com").firstName("=SUM(A1)").owner("ana")
                    .stage("qualified").build()).id();
            sup = l.contacts().insert(Contact.builder("sup@example.com").firstName("Sue").owner("kim").build()).id();
            l.suppressions().add("sup@example.com", SuppressionReason.OPTOUT, "test");
        }
    }

    // ------------------------------------------------------------ helpers

    Ledger ledger(Clock clock) {
        return Ledger.open("jdbc:sqlite:" + db, clock);
    }

    <T> T read(Function<Ledger, T> f) {
        try (Ledger l = ledger(SETUP)) {
            return f.apply(l);
        }
    }

    Cli.Result run(String asOf, String... args) {
        List<String> all = new ArrayList<>(List.of("-w", ws.toString(), "--as-of", asOf));
        all.addAll(List.of(args));
        return Cli.in(tmp).run(all.toArray(String[]::new));
    }

    Cli.Result ok(String asOf, String... args) {
        Cli.Result r = run(asOf, args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    List<Touch> touchesOf(long enrollmentId) {
        return read(l -> l.touches().listByEnrollment(enrollmentId));
    }

    List<Enrollment> enrollmentsOf(long contact) {
        return read(l -> l.enrollments().findByContact(contact));
    }

    Enrollment enrollment(long contact, String sequence) {
        return read(l -> l.enrollments().findByContact(contact)).stream().filter(e -> e.sequence().equals(sequence))
                .reduce((a, b) -> b).orElseThrow();
    }

    /** Stands for {@code cadence run}: an email step sent at {@code at}. */
    void sent(long contact, String sequence, String step, String at) {
        Enrollment e = enrollment(contact, sequence);
        try (Ledger l = ledger(Clock.fixed(Instant.parse(at), ZoneOffset.UTC))) {
            l.touches().insert(new Touch(0, e.id(), contact, sequence, step, 1, Channel.EMAIL, TouchKind.AUTO,
                    TouchStatus.SENT, null, null, "subject", "body", "<" + e.id() + step + "@x>", null, null, 1, null,
                    Instant.parse(at), null));
        }
    }

    void touch(long contact, String sequence, String step, TouchStatus status, int attempts, String error, String at) {
        Enrollment e = enrollment(contact, sequence);
        try (Ledger l = ledger(Clock.fixed(Instant.parse(at), ZoneOffset.UTC))) {
            l.touches().insert(new Touch(0, e.id(), contact, sequence, step, 1, Channel.EMAIL, TouchKind.AUTO,
                    status, null, null, "subject", "body", null, null, error, attempts, null, Instant.parse(at), null));
        }
    }

    /** What run or the due refresh would do: recompute and store the enrollment's next action. */
    DueUpdater.Update update(long enrollmentId, String at) {
        Problems p = new Problems();
        Workspace w = new Workspace(ws, ConfigLoader.load(ws.resolve("cadence.yaml"), p));
        SequenceLibrary lib = SequenceLoader.loadAll(w, p);
        assertThat(p.asList()).isEmpty();
        try (Ledger l = ledger(Clock.fixed(Instant.parse(at), ZoneOffset.UTC))) {
            return new DueUpdater(l, lib, Schedule.of(w.config(), l.clock())).update(enrollmentId);
        }
    }

    JsonNode gapsJson(String asOf) throws Exception {
        Cli.Result r = ok(asOf, "gaps", "--format", "json");
        return JSON.readTree(r.out());
    }

    static List<String> rows(JsonNode gaps, long contact) {
        List<String> out = new ArrayList<>();
        for (JsonNode g : gaps) {
            if (g.get("contact_id").asLong() == contact) {
                out.add(g.get("kind").asText() + " " + g.get("sequence").asText("-") + "/" + g.get("step").asText("-")
                        + " " + g.get("days").asLong());
            }
        }
        return out;
    }

    // ------------------------------------------------------------ stories

    @Test
    void aReplyOnDay4MeansNothingMoreIsScheduledAndGapsDoesNotListThem() throws Exception {
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "cold", "--start", "2026-03-02");
        sent(zoe, "cold", "intro", "2026-03-02T14:05:00Z");
        sent(zoe, "cold", "value", "2026-03-04T14:05:00Z");
        ok("2026-03-05T16:00:00Z", "event", "zoe@example.com", "reply", "--note", "Interested, call me Monday");

        Enrollment e = enrollment(zoe, "cold");
        assertThat(e.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(e.nextDueAt()).isNull();
        assertThat(update(e.id(), "2026-03-06T15:00:00Z").action().explanation()).startsWith("the enrollment was stopped (reply");

        // the next Monday: Li (new, never enrolled) is a gap, Zoë is not: her reply is the outcome
        JsonNode gaps = gapsJson("2026-03-09T15:00:00Z");
        assertThat(rows(gaps, zoe)).isEmpty();
        assertThat(rows(gaps, li)).containsExactly("no_sequence -/- 8");
        // nothing to skip either: the sequence is over
        Cli.Result skip = run("2026-03-09T15:00:00Z", "skip", "zoe@example.com", "--reason", "x");
        assertThat(skip.code()).isEqualTo(2);
        assertThat(skip.err()).contains("nothing to skip: zoe@example.com has no active or paused enrollment");
    }

    @Test
    void aCallStepBlocksUntilLoggedThenTheNextStepIsDueOnTime() {
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "cold", "--start", "2026-03-02");
        long id = enrollment(zoe, "cold").id();
        sent(zoe, "cold", "intro", "2026-03-02T14:05:00Z");
        sent(zoe, "cold", "value", "2026-03-04T14:05:00Z");

        // Thursday 5 March: a call logged the day before the call step is due stays off-sequence
        Cli.Result before = ok("2026-03-05T15:00:00Z", "log", "zoe@example.com", "--channel", "call",
                "--outcome", "no-answer");
        assertThat(before.out()).contains("(off-sequence)");
        assertThat(enrollment(zoe, "cold").currentStep()).isEqualTo("call");

        // Friday 6 March, day 5: a LinkedIn message is not the call; it stays off-sequence and the call keeps blocking
        Cli.Result li = ok("2026-03-06T15:00:00Z", "log", "zoe@example.com", "--channel", "linkedin",
                "--outcome", "message-sent");
        assertThat(li.out()).startsWith("logged linkedin message-sent for Zoë Martin <zoe@example.com> (off-sequence)");
        Enrollment blocked = enrollment(zoe, "cold");
        assertThat(blocked.currentStep()).isEqualTo("call");
        assertThat(blocked.nextDueAt()).isEqualTo(Instant.parse("2026-03-06T14:00:00Z")); // 09:00 EST

        // the call, logged the same day without --step, completes the call step
        Cli.Result call = ok("2026-03-06T16:00:00Z", "log", "zoe@example.com", "--channel", "call",
                "--outcome", "no-answer", "--note", "Left no message");
        assertThat(call.out()).startsWith("logged call no-answer for Zoë Martin <zoe@example.com> (cold/call)");
        Touch done = read(l -> l.touches().listByEnrollment(id)).stream().filter(t -> "call".equals(t.stepId()))
                .findFirst().orElseThrow();
        assertThat(done.status()).isEqualTo(TouchStatus.DONE);
        assertThat(done.dueAt()).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
        // day 7 is Sunday 8 March: the angle email is due Monday 9 March at 09:00, now EDT (13:00 UTC)
        Enrollment moved = enrollment(zoe, "cold");
        assertThat(moved.currentStep()).isEqualTo("angle");
        assertThat(moved.nextDueAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(update(id, "2026-03-09T13:00:00Z").enrollment().nextDueAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void anOverdueCallIsAGapWithItsDaysUntilSkippedWithAReasonWhichShowsInTheTimeline() throws Exception {
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "cold", "--start", "2026-03-02");
        long id = enrollment(zoe, "cold").id();
        sent(zoe, "cold", "intro", "2026-03-02T14:05:00Z");
        sent(zoe, "cold", "value", "2026-03-04T14:05:00Z");

        // the call was due Friday 6 March; on Monday 9 March it is 3 days overdue
        JsonNode gaps = gapsJson("2026-03-09T15:00:00Z");
        assertThat(rows(gaps, zoe)).containsExactly("manual_overdue cold/call 3");
        Cli.Result table = run("2026-03-09T15:00:00Z", "gaps", "--fail");
        assertThat(table.code()).as(table.toString()).isEqualTo(3);
        assertThat(table.out()).contains("manual_overdue  #" + zoe + " zoe@example.com  ana    cold/call")
                .contains("call step call was due Fri 6 Mar 2026, 3 days overdue; it blocks cold");

        // skip needs a reason
        Cli.Result blank = run("2026-03-09T15:00:00Z", "skip", "zoe@example.com", "--reason", "  ");
        assertThat(blank.code()).isEqualTo(2);
        assertThat(blank.err()).isEqualTo("cadence: --reason is empty\n");
        Cli.Result wrong = run("2026-03-09T15:00:00Z", "skip", "zoe@example.com", "--reason", "x", "--step", "angle");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("no manual step to skip for zoe@example.com matching --step angle; next: cold: call (call, manual");
        assertThat(touchesOf(id)).hasSize(2);

        Cli.Result skip = ok("2026-03-09T15:00:00Z", "skip", "zoe@example.com", "--reason", "No answer twice;\nemail only",
                "--step", "call");
        assertThat(skip.out()).startsWith("skipped cold/call (call) for Zoë Martin <zoe@example.com>\nnext: angle (email");
        Touch skipped = read(l -> l.touches().listByEnrollment(id)).stream().filter(t -> "call".equals(t.stepId()))
                .findFirst().orElseThrow();
        assertThat(skipped.status()).isEqualTo(TouchStatus.SKIPPED);
        assertThat(skipped.note()).isEqualTo("No answer twice;\nemail only");
        Enrollment moved = enrollment(zoe, "cold");
        assertThat(moved.currentStep()).isEqualTo("angle");
        // day 7 (Sunday 8) is past, so the angle email is due at once: Monday 9 March 09:00 EDT
        assertThat(moved.nextDueAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(rows(gapsJson("2026-03-09T15:00:00Z"), zoe)).isEmpty();

        Cli.Result show = ok("2026-03-09T15:00:00Z", "contacts", "show", "zoe@example.com");
        assertThat(show.out()).contains("call skipped · cold/call\n      No answer twice;\n      email only\n");

        // now the next step is an email: nothing manual to skip, and the message says what is next
        Cli.Result again = run("2026-03-09T15:00:00Z", "skip", "zoe@example.com", "--reason", "again");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("no manual step to skip for zoe@example.com; next: cold: angle (email, day 7) is due now");
    }

    @Test
    void twoBlockingStepsNeedASequenceToSkip() {
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "cold", "--start", "2026-03-02");
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "chore", "--start", "2026-03-06");
        sent(zoe, "cold", "intro", "2026-03-02T14:05:00Z");
        sent(zoe, "cold", "value", "2026-03-04T14:05:00Z");
        Cli.Result both = run("2026-03-06T15:00:00Z", "skip", "zoe@example.com", "--reason", "later");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("cadence: zoe@example.com has manual steps in several sequences (cold/call,"
                + " chore/research); name one with --sequence; nothing was skipped\n");
        ok("2026-03-06T15:00:00Z", "skip", "zoe@example.com", "--reason", "Done last week", "--sequence", "chore");
        assertThat(enrollment(zoe, "chore").state()).isEqualTo(EnrollmentState.COMPLETED);
        // a task logged now goes nowhere (chore is over); the call is still blocking
        assertThat(ok("2026-03-06T15:00:00Z", "log", "zoe@example.com", "--channel", "task", "--outcome", "done")
                .out()).contains("(off-sequence)");
        assertThat(enrollment(zoe, "cold").currentStep()).isEqualTo("call");
    }

    @Test
    void threeUnansweredEmailsSwitchTheChannelAndTwoDoNot() {
        for (String who : List.of("zoe@example.com", "li@example.com")) {
            ok("2026-03-02T14:00:00Z", "enroll", who, "--sequence", "cold", "--start", "2026-03-02");
        }
        for (long c : List.of(zoe, li)) {
            sent(c, "cold", "intro", "2026-03-02T14:05:00Z");
            sent(c, "cold", "value", "2026-03-04T14:05:00Z");
        }
        ok("2026-03-06T16:00:00Z", "log", "zoe@example.com", "--channel", "call", "--outcome", "no-answer");
        ok("2026-03-06T16:00:00Z", "skip", "li@example.com", "--reason", "No phone number");
        sent(zoe, "cold", "angle", "2026-03-09T13:05:00Z");
        touch(li, "cold", "angle", TouchStatus.SKIPPED, 0, null, "2026-03-09T13:05:00Z");
        update(enrollment(zoe, "cold").id(), "2026-03-09T14:00:00Z");
        update(enrollment(li, "cold").id(), "2026-03-09T14:00:00Z");

        // Zoë had three emails: the LinkedIn step is her next action on day 10 (Wednesday 11 March)
        Enrollment z = enrollment(zoe, "cold");
        assertThat(z.currentStep()).isEqualTo("switch");
        assertThat(z.nextDueAt()).isEqualTo(Instant.parse("2026-03-11T13:00:00Z"));
        Cli.Result logged = ok("2026-03-11T15:00:00Z", "log", "zoe@example.com", "--channel", "linkedin",
                "--outcome", "connection-sent");
        assertThat(logged.out()).contains("(cold/switch)");
        assertThat(enrollment(zoe, "cold").currentStep()).isEqualTo("breakup");

        // Li had two: when day 10 comes the step is skipped with the reason, and LinkedIn stays off-sequence
        Cli.Result off = ok("2026-03-11T15:00:00Z", "log", "li@example.com", "--channel", "linkedin",
                "--outcome", "connection-sent");
        assertThat(off.out()).contains("(off-sequence)");
        Enrollment l = enrollment(li, "cold");
        assertThat(l.currentStep()).isEqualTo("breakup");
        Touch skip = read(x -> x.touches().listByEnrollment(l.id())).stream().filter(t -> "switch".equals(t.stepId()))
                .findFirst().orElseThrow();
        assertThat(skip.status()).isEqualTo(TouchStatus.SKIPPED);
        assertThat(skip.note()).contains("email");
    }

    @Test
    void aSilentContactIsFlaggedByGapsThenReactivatedAndNoLongerListed() throws Exception {
        // Eve (qualified) was added on 1 March and nothing happened since; Li is new and never enrolled
        JsonNode early = gapsJson("2026-03-10T15:00:00Z");
        assertThat(rows(early, eve)).isEmpty(); // 9 days: not yet past the rule
        JsonNode gaps = gapsJson("2026-03-12T15:00:00Z");
        assertThat(rows(gaps, eve)).containsExactly("silent -/- 11");
        assertThat(rows(gaps, li)).containsExactly("no_sequence -/- 11"); // listed once, as the more specific gap
        assertThat(rows(gaps, sup)).isEmpty(); // suppressed: closed
        JsonNode row = gaps.get(gaps.size() - 1);
        assertThat(row.get("detail").asText()).isEqualTo("no touch or event for 11 days (silence rule: 10 days);"
                + " decide the next touch: 'cadence enroll' or 'cadence reactivate'");

        // a dry run writes nothing
        Cli.Result dry = ok("2026-03-12T15:00:00Z", "reactivate", "--silent-for", "10d", "--sequence", "ping",
                "--stage", "qualified", "--dry-run");
        assertThat(dry.out()).isEqualTo("would enroll eve@example.com in ping (silent 11 days)\n");
        assertThat(dry.err()).isEqualTo("1 silent for 10 days: 1 would be enrolled, 0 refused (dry run: nothing written)\n");
        assertThat(enrollmentsOf(eve)).isEmpty();

        Cli.Result r = ok("2026-03-12T15:00:00Z", "reactivate", "--silent-for", "10 days", "--sequence", "ping",
                "--format", "json");
        JsonNode answers = JSON.readTree(r.out());
        assertThat(answers).hasSize(4);
        assertThat(answers.get(2).get("email").asText()).isEqualTo("eve@example.com");
        assertThat(answers.get(2).get("result").asText()).isEqualTo("enrolled");
        assertThat(answers.get(2).get("start_date").asText()).isEqualTo("2026-03-12");
        assertThat(answers.get(2).get("silent_days").asLong()).isEqualTo(11);
        assertThat(answers.get(3).get("result").asText()).isEqualTo("refused");
        assertThat(answers.get(3).get("reason").asText()).isEqualTo("suppressed (optout)");
        assertThat(r.err()).isEqualTo("4 silent for 10 days: 3 enrolled, 1 refused\n");
        // enrolled with its due time stored: the hello email is due today, 12 March, at once
        Enrollment e = enrollment(eve, "ping");
        assertThat(e.currentStep()).isEqualTo("hello");
        assertThat(e.nextDueAt()).isEqualTo(Instant.parse("2026-03-12T13:00:00Z"));

        assertThat(rows(gapsJson("2026-03-12T16:00:00Z"), eve)).isEmpty();
        // the unknown stage is an error naming the stages
        Cli.Result bad = run("2026-03-12T15:00:00Z", "reactivate", "--silent-for", "10d", "--sequence", "ping",
                "--stage", "qualifed");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown stage 'qualifed'; did you mean 'qualified'?");
        Cli.Result span = run("2026-03-12T15:00:00Z", "reactivate", "--silent-for", "soon", "--sequence", "ping");
        assertThat(span.code()).isEqualTo(2);
        assertThat(span.err()).contains("--silent-for: cannot read \"soon\" as a length of time");
    }

    @Test
    void theSilenceRuleEnrollsThroughTheEnrollerAndGapsSaysWhatItWillDo() throws Exception {
        Fixture.write(ws, "cadence.yaml", CONFIG.replace("action: flag", "enroll: ping"));
        JsonNode gaps = gapsJson("2026-03-12T15:00:00Z");
        assertThat(rows(gaps, eve)).containsExactly("silent -/- 11");
        assertThat(gaps.get(gaps.size() - 1).get("detail").asText()).endsWith("the silence rule enrolls them in ping"
                + " when 'cadence run' applies it (now: 'cadence reactivate --silent-for \"10 days\" --sequence ping')");

        Problems p = new Problems();
        Workspace w = new Workspace(ws, ConfigLoader.load(ws.resolve("cadence.yaml"), p));
        SequenceLibrary lib = SequenceLoader.loadAll(w, p);
        Clock at = Clock.fixed(Instant.parse("2026-03-12T15:00:00Z"), ZoneOffset.UTC);
        try (Ledger l = ledger(at)) {
            SilenceRule.Applied applied = new SilenceRule(l, lib, w.config(), at).apply(false);
            // zoe, li and eve are silent and active; sue is suppressed, so not even a candidate
            assertThat(applied.answers()).extracting(a -> a.candidate().contact().email() + " " + a.status())
                    .containsExactly("zoe@example.com ENROLLED", "li@example.com ENROLLED", "eve@example.com ENROLLED");
            assertThat(new SilenceRule(l, lib, w.config(), at).apply(false).answers()).isEmpty(); // once
        }
        assertThat(enrollment(eve, "ping").nextDueAt()).isEqualTo(Instant.parse("2026-03-12T13:00:00Z"));
    }

    @Test
    void anOptOutSuppressesAcrossAllSequencesAndSurvivesARecreatedContact() {
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "cold", "--start", "2026-03-02");
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "chore");
        Cli.Result optout = ok("2026-03-03T14:00:00Z", "event", "zoe@example.com", "optout");
        assertThat(optout.out()).contains("stopped cold: optout on 2026-03-03").contains("stopped chore: optout on 2026-03-03");

        // the contact comes back from a CSV with other fields (the re-import merge writes through the repository)
        try (Ledger l = ledger(Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC))) {
            Contact c = l.contacts().findById(zoe).orElseThrow();
            l.contacts().update(c.toBuilder().email("ZOE@Example.com").firstName("Zoe").stage("new").build());
        }
        Cli.Result again = run("2026-03-20T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "ping");
        assertThat(again.code()).isEqualTo(4);
        assertThat(again.out()).isEqualTo("refused  ZOE@Example.com: suppressed (optout)\n");
        Cli.Result reactivate = ok("2026-03-20T14:00:00Z", "reactivate", "--silent-for", "10d", "--sequence", "ping",
                "--stage", "new");
        assertThat(reactivate.out()).contains("refused  ZOE@Example.com: suppressed (optout)");
        assertThat(enrollmentsOf(zoe)).extracting(Enrollment::sequence).containsExactly("cold", "chore");
        assertThat(rows(JSON.valueToTree(List.of()), zoe)).isEmpty();
        Cli.Result gaps = ok("2026-03-20T14:00:00Z", "gaps", "--format", "csv");
        assertThat(gaps.out()).doesNotContain("ZOE@Example.com");
    }

    @Test
    void finishedWithoutAnOutcomeAllSkippedInDoubtAndFailedAreListedAndCsvIsFormulaSafe() throws Exception {
        ok("2026-03-02T14:00:00Z", "enroll", "li@example.com", "--sequence", "ping");
        sent(li, "ping", "hello", "2026-03-02T14:05:00Z");
        assertThat(update(enrollment(li, "ping").id(), "2026-03-02T15:00:00Z").enrollment().state())
                .isEqualTo(EnrollmentState.COMPLETED);
        ok("2026-03-02T14:00:00Z", "enroll", "eve@example.com", "--sequence", "chore");
        ok("2026-03-03T14:00:00Z", "skip", "eve@example.com", "--reason", "Account closed");
        assertThat(enrollment(eve, "chore").state()).isEqualTo(EnrollmentState.COMPLETED);
        ok("2026-03-02T14:00:00Z", "enroll", "zoe@example.com", "--sequence", "cold", "--start", "2026-03-02");
        touch(zoe, "cold", "intro", TouchStatus.SENT, 1, null, "2026-03-02T14:05:00Z");
        touch(zoe, "cold", "value", TouchStatus.IN_DOUBT, 1, null, "2026-03-04T14:05:00Z");

        JsonNode gaps = gapsJson("2026-03-05T15:00:00Z");
        assertThat(rows(gaps, li)).containsExactly("finished_no_outcome ping/- 3");
        assertThat(rows(gaps, eve)).containsExactly("all_skipped chore/- 2");
        assertThat(rows(gaps, zoe)).containsExactly("in_doubt cold/value 1");

        // a reply after the ping closes Li's gap; a failed retry replaces nothing but is listed
        ok("2026-03-05T15:00:00Z", "event", "li@example.com", "reply");
        try (Ledger l = ledger(SETUP)) {
            l.jdbc().update("UPDATE touches SET status = 'failed', attempts = 5, error = '=550 mailbox unavailable'"
                    + " WHERE step_id = 'value'");
        }
        Cli.Result csv = ok("2026-03-05T16:00:00Z", "gaps", "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("kind,contact_id,email,name,owner,sequence,step,days,detail");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("failed," + zoe + ",zoe@example.com,Zoë Martin,ana,cold,value,1,"
                + "\"email step value failed 5 times (=550 mailbox unavailable); no longer retried: fix the cause,"
                + " then resend or skip it\"");
        assertThat(lines.get(2)).startsWith("all_skipped," + eve + ",eve@example.com,'=SUM(A1),ana,chore,,2,\"chore completed on Tue 3 Mar 2026"
                + " with every step skipped: they were never reached; enroll them in another sequence, or move them"
                + " to stage lost\"");
        assertThat(csv.err()).isEqualTo("2 gaps\n");
    }

    @Test
    void gapsFailExitsZeroWhenNothingIsListed() {
        try (Ledger l = ledger(SETUP)) {
            for (long c : List.of(zoe, li, eve)) {
                Contact x = l.contacts().findById(c).orElseThrow();
                l.contacts().update(x.toBuilder().stage("lost").build());
            }
        }
        Cli.Result r = run("2026-03-20T14:00:00Z", "gaps", "--fail");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("no gaps: every active contact has a next action\n");
        Cli.Result bad = run("2026-03-20T14:00:00Z", "gaps", "--format", "xml");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--format: 'xml' is not table, json or csv");
    }

    @Test
    void helpHasExamples() {
        for (String cmd : List.of("skip", "reactivate", "gaps")) {
            Cli.Result r = Cli.in(tmp).run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Examples:");
            assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        }
        assertThat(LocalDate.of(2026, 3, 2).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
    }
}
