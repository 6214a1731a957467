package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.StageChange;
import dev.cadence.ledger.Suppression;
import dev.cadence.ledger.SuppressionReason;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.sequence.Fixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * log, event and stage end to end on a real SQLite ledger (issue 6): stop rules per sequence,
 * suppression for good, on_event enrollment, stage gates and their override, and every bad input
 * refused with nothing written. The workspace is the control fixture's with stage gates, an
 * on_event rule and a post-purchase sequence whose stop_on has only bounce.
 */
class OutcomeCommandsTest {
    static final String CONFIG = """
            timezone: America/New_York
            sender: { name: Acme Sales, email: sales@example.com, company: Acme }
            custom_fields: [industry]
            stages:
              - new
              - contacted
              - { name: qualified, requires: { attempts: 3, channels: 2 } }
              - customer
              - { name: lost, requires: { attempts: 5, note: true } }
            on_event:
              purchased: { enroll: post-purchase }
            """;

    static final String POST_PURCHASE = """
            name: post-purchase
            description: Onboarding after a purchase.
            exclusive: false
            reenroll: always
            stop_on: [bounce]
            steps:
              - id: kickoff
                day: 1
                channel: task
                purpose: Book the onboarding call.
            """;

    static final List<String> TABLES = List.of("touches", "events", "enrollments", "enrollment_changes",
            "suppressions", "stage_changes", "notes");

    @TempDir
    Path tmp;
    ControlFixture f;

    @BeforeEach
    void setUp() {
        f = new ControlFixture(tmp);
        Fixture.write(f.ws, "cadence.yaml", CONFIG);
        Fixture.write(f.ws, "sequences/post-purchase.yaml", POST_PURCHASE);
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = f.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    private Map<String, Enrollment> enrollments(long contact) {
        return f.read(l -> l.enrollments().findByContact(contact)).stream()
                .collect(Collectors.toMap(Enrollment::sequence, Function.identity(), (a, b) -> b));
    }

    private List<Event> events(long contact) {
        return f.read(l -> l.events().listByContact(contact));
    }

    private List<Touch> touches(long contact) {
        return f.read(l -> l.touches().listByContact(contact));
    }

    private List<Touch> touchesOf(long enrollment) {
        return f.read(l -> l.touches().listByEnrollment(enrollment));
    }

    private List<StageChange> stageChanges(long contact) {
        return f.read(l -> l.stageChanges().listByContact(contact));
    }

    private java.util.Optional<Suppression> suppression(String emailNorm) {
        return f.read(l -> l.suppressions().find(emailNorm));
    }

    private List<Suppression> suppressions() {
        return f.read(l -> l.suppressions().list());
    }

    private Map<String, Long> counts() {
        return TABLES.stream().collect(Collectors.toMap(t -> t, f::count));
    }

    // ---- event: stop rules, suppression, on_event

    @Test
    void aReplyStopsTheSequenceWhoseStopOnHasReplyAndNotTheOneWithout() {
        ok("enroll", "zoe@example.com", "--sequence", "outbound");
        ok("enroll", "zoe@example.com", "--sequence", "post-purchase");

        Cli.Result r = ok("event", "zoe@example.com", "reply", "--note", "Interested; asks for pricing");

        assertThat(r.out()).isEqualTo("recorded reply for Zoë Martin <Zoe@Example.com>\n"
                + "stopped outbound: reply on 2026-03-06\n");
        Map<String, Enrollment> e = enrollments(f.zoe);
        assertThat(e.get("outbound").state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(e.get("outbound").stopReason()).isEqualTo("reply on 2026-03-06");
        assertThat(e.get("outbound").nextDueAt()).isNull();
        assertThat(e.get("post-purchase").state()).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(events(f.zoe)).singleElement().satisfies(ev -> {
            assertThat(ev.type()).isEqualTo(EventType.REPLY);
            assertThat(ev.at()).isEqualTo(Instant.parse(ControlFixture.AS_OF));
            assertThat(ev.note()).isEqualTo("Interested; asks for pricing");
            assertThat(ev.source()).isEqualTo("cli");
        });
        assertThat(f.count("suppressions")).isEqualTo(1); // only the fixture's opted-out address

        Cli.Result show = ok("contacts", "show", "zoe@example.com");
        assertThat(show.out()).contains("2026-03-06 09:00  reply (cli)\n      Interested; asks for pricing\n")
                .contains("2026-03-06 09:00  outbound stopped: reply on 2026-03-06\n");
    }

    @Test
    void aPausedEnrollmentStopsTooButAReplyDatedBeforeAnEnrollmentStartedLeavesItAlone() {
        ok("enroll", "zoe@example.com", "--sequence", "outbound");
        ok("pause", "zoe@example.com", "--sequence", "outbound");

        Cli.Result old = ok("event", "zoe@example.com", "reply", "--at", "2026-03-05T16:00");
        assertThat(old.out()).isEqualTo("recorded reply for Zoë Martin <Zoe@Example.com>\n");
        assertThat(enrollments(f.zoe).get("outbound").state()).isEqualTo(EnrollmentState.PAUSED);

        Cli.Result today = ok("event", "zoe@example.com", "meeting", "--at", "2026-03-06");
        assertThat(today.out()).endsWith("stopped outbound: meeting on 2026-03-06\n");
        assertThat(enrollments(f.zoe).get("outbound").state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(events(f.zoe)).extracting(Event::at).containsExactly(
                Instant.parse("2026-03-05T21:00:00Z"), Instant.parse("2026-03-06T05:00:00Z"));
    }

    @Test
    void anOptoutSuppressesForGoodStopsEverySequenceAndALaterEnrollIsRefused() {
        ok("enroll", "zoe@example.com", "--sequence", "outbound");
        ok("enroll", "zoe@example.com", "--sequence", "post-purchase");

        Cli.Result r = ok("event", String.valueOf(f.zoe), "optout");

        assertThat(r.out()).isEqualTo("recorded optout for Zoë Martin <Zoe@Example.com>\n"
                + "stopped outbound: optout on 2026-03-06\n"
                + "stopped post-purchase: optout on 2026-03-06\n"
                + "suppressed Zoe@Example.com for good (optout)\n");
        assertThat(enrollments(f.zoe).values()).extracting(Enrollment::state)
                .containsOnly(EnrollmentState.STOPPED);
        long eventId = events(f.zoe).get(0).id();
        assertThat(suppression("zoe@example.com")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.OPTOUT);
            assertThat(s.source()).isEqualTo("event #" + eventId);
        });

        Cli.Result again = f.run("enroll", "zoe@example.com", "--sequence", "nurture");
        assertThat(again.code()).isEqualTo(4);
        assertThat(again.out()).isEqualTo("refused  Zoe@Example.com: suppressed (optout)\n");

        // a bounce later keeps the first reason: suppressed once, for good
        ok("event", "zoe@example.com", "bounce");
        assertThat(suppressions()).extracting(Suppression::emailNorm, Suppression::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("zoe@example.com", SuppressionReason.OPTOUT));
    }

    @Test
    void aPurchaseEnrollsInTheSequenceOfTheOnEventRule() {
        Cli.Result r = ok("event", "li@example.cn", "purchased", "--note", "Annual plan");

        assertThat(r.out()).isEqualTo("recorded purchased for 小龙 李 <li@example.cn>\n"
                + "enrolled in post-purchase, day 1 = 2026-03-06\n");
        assertThat(enrollments(f.li)).containsOnlyKeys("post-purchase");
        assertThat(enrollments(f.li).get("post-purchase").state()).isEqualTo(EnrollmentState.ACTIVE);

        // already in it: the event is recorded, the enrollment refused with its reason
        Cli.Result again = ok("event", "li@example.cn", "purchased");
        assertThat(again.out()).endsWith("not enrolled: already active in post-purchase\n");
        assertThat(f.count("events")).isEqualTo(2);
        assertThat(f.count("enrollments")).isEqualTo(1);
    }

    @Test
    void anOnEventRuleNamingAMissingSequenceRefusesTheEventAndWritesNothing() {
        Fixture.write(f.ws, "cadence.yaml", CONFIG.replace("enroll: post-purchase", "enroll: onboarding"));
        Map<String, Long> before = counts();

        Cli.Result r = f.run("event", "li@example.cn", "purchased");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("cadence: on_event.purchased.enroll: sequence 'onboarding' does not exist (")
                .endsWith("cadence.yaml:11:24); run 'cadence validate'; nothing was recorded\n");
        assertThat(counts()).isEqualTo(before);

        Cli.Result validate = f.run("validate");
        assertThat(validate.code()).isEqualTo(2);
        assertThat(validate.err()).contains("cadence.yaml:11:24: on_event.purchased.enroll: 'onboarding' is not a"
                + " sequence of this workspace; known sequences: nurture, outbound, post-purchase");
    }

    // ---- log

    @Test
    void logRecordsAnOffSequenceManualTouchWithWhatWasSaid() {
        Cli.Result r = ok("log", "zoe@example.com", "--channel", "Call", "--outcome", "No-Answer",
                "--note", "Rang twice.\nLeft no message.");

        assertThat(r.out()).isEqualTo("logged call no-answer for Zoë Martin <Zoe@Example.com> (off-sequence)\n");
        assertThat(touches(f.zoe)).singleElement().satisfies(t -> {
            assertThat(t.enrollmentId()).isNull();
            assertThat(t.channel()).isEqualTo(Channel.CALL);
            assertThat(t.kind()).isEqualTo(TouchKind.MANUAL);
            assertThat(t.status()).isEqualTo(TouchStatus.DONE);
            assertThat(t.outcome()).isEqualTo("no-answer");
            assertThat(t.note()).isEqualTo("Rang twice.\nLeft no message.");
            assertThat(t.at()).isEqualTo(Instant.parse(ControlFixture.AS_OF));
        });
        assertThat(f.count("events")).isZero();
        assertThat(ok("contacts", "show", "zoe@example.com").out())
                .contains("2026-03-06 09:00  call done · no-answer\n      Rang twice.\n      Left no message.\n");
    }

    @Test
    void aBookedMeetingRecordsAMeetingEventAndAppliesTheStopRules() {
        ok("enroll", "zoe@example.com", "--sequence", "outbound");
        ok("enroll", "zoe@example.com", "--sequence", "post-purchase");

        Cli.Result r = ok("log", "zoe@example.com", "--channel", "call", "--outcome", "meeting-booked",
                "--note", "Demo on Tuesday");

        assertThat(r.out()).isEqualTo("logged call meeting-booked for Zoë Martin <Zoe@Example.com> (off-sequence)\n"
                + "recorded meeting event\n"
                + "stopped outbound: meeting on 2026-03-06\n");
        Touch touch = touches(f.zoe).get(0);
        assertThat(events(f.zoe)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.MEETING);
            assertThat(e.touchId()).isEqualTo(touch.id());
            assertThat(e.source()).isEqualTo("log");
            assertThat(e.note()).isEqualTo("call meeting-booked");
        });
        assertThat(enrollments(f.zoe).get("post-purchase").state()).isEqualTo(EnrollmentState.ACTIVE);
    }

    @Test
    void aHandSentEmailThatBouncedSuppressesTheAddress() {
        Cli.Result r = ok("log", "li@example.cn", "--channel", "email", "--outcome", "bounced");
        assertThat(r.out()).endsWith("recorded bounce event\nsuppressed li@example.cn for good (bounce)\n");
        assertThat(suppression("li@example.cn")).map(Suppression::reason)
                .contains(SuppressionReason.BOUNCE);
    }

    @Test
    void logWithAStepRecordsItAgainstThatStepOfTheOpenEnrollment() {
        ok("enroll", "zoe@example.com", "--sequence", "outbound");
        long enrollment = enrollments(f.zoe).get("outbound").id();

        Cli.Result r = ok("log", "zoe@example.com", "--channel", "call", "--outcome", "connected",
                "--step", "call", "--at", "2026-03-06T08:30");

        assertThat(r.out()).isEqualTo("logged call connected for Zoë Martin <Zoe@Example.com> (outbound/call)\n");
        assertThat(touchesOf(enrollment)).singleElement().satisfies(t -> {
            assertThat(t.sequence()).isEqualTo("outbound");
            assertThat(t.stepId()).isEqualTo("call");
            assertThat(t.occurrence()).isEqualTo(1);
            assertThat(t.at()).isEqualTo(Instant.parse("2026-03-06T13:30:00Z"));
        });

        Map<String, Long> before = counts();
        Cli.Result twice = f.run("log", "zoe@example.com", "--channel", "call", "--outcome", "connected",
                "--step", "outbound/call");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("cadence: step 'call' of outbound is already recorded for Zoe@Example.com"
                + " (done on 2026-03-06); nothing was logged\n");
        Cli.Result wrongChannel = f.run("log", "zoe@example.com", "--channel", "linkedin", "--outcome", "message-sent",
                "--step", "intro");
        assertThat(wrongChannel.code()).isEqualTo(2);
        assertThat(wrongChannel.err()).isEqualTo("cadence: step 'intro' of outbound is an email step; log it with"
                + " --channel email; nothing was logged\n");
        Cli.Result unknown = f.run("log", "zoe@example.com", "--channel", "call", "--outcome", "connected",
                "--step", "calll");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("cadence: unknown step 'calll': open enrollments of Zoe@Example.com:"
                + " outbound (intro, value, call, angle, linkedin); nothing was logged\n");
        assertThat(counts()).isEqualTo(before);
    }

    // ---- stage gates

    @Test
    void aStageGateRefusesWithWhatIsMissingThenAllowsAfterTheAttempts() {
        Cli.Result first = f.run("stage", "zoe@example.com", "qualified");
        assertThat(first.code()).isEqualTo(4);
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).isEqualTo("cadence: cannot move Zoe@Example.com to stage qualified: 0 of 3 attempts,"
                + " 0 of 2 channels (qualified requires 3 attempts on 2 channels); log the attempts, or override"
                + " with --force --reason TEXT\n");

        ok("log", "zoe@example.com", "--channel", "call", "--outcome", "no-answer", "--at", "2026-03-02");
        ok("log", "zoe@example.com", "--channel", "call", "--outcome", "voicemail", "--at", "2026-03-03");
        // a failed automatic email is no attempt
        f.read(l -> l.touches().insert(new Touch(0, null, f.zoe, null, null, 1, Channel.EMAIL, TouchKind.AUTO,
                TouchStatus.FAILED, null, null, "Hello", null, null, null, "550 no such user", 1, null,
                Instant.parse("2026-03-04T15:00:00Z"), null)));

        Cli.Result second = f.run("stage", "zoe@example.com", "qualified");
        assertThat(second.code()).isEqualTo(4);
        assertThat(second.err()).contains(": 2 of 3 attempts, 1 of 2 channels (qualified requires");
        assertThat(f.count("stage_changes")).isZero();
        assertThat(f.read(l -> l.contacts().findById(f.zoe)).orElseThrow().stage()).isEqualTo("new");

        ok("log", "zoe@example.com", "--channel", "linkedin", "--outcome", "connection-sent");
        Cli.Result third = ok("stage", "zoe@example.com", "qualified", "--actor", "ana");

        assertThat(third.out()).isEqualTo("moved Zoe@Example.com from new to qualified\n");
        assertThat(f.read(l -> l.contacts().findById(f.zoe)).orElseThrow().stage()).isEqualTo("qualified");
        assertThat(stageChanges(f.zoe)).singleElement().satisfies(sc -> {
            assertThat(sc.from()).isEqualTo("new");
            assertThat(sc.to()).isEqualTo("qualified");
            assertThat(sc.forced()).isFalse();
            assertThat(sc.actor()).isEqualTo("ana");
            assertThat(sc.at()).isEqualTo(Instant.parse(ControlFixture.AS_OF));
        });
        assertThat(ok("contacts", "show", "zoe@example.com").out())
                .contains("  stage         qualified\n")
                .contains("2026-03-06 09:00  stage new → qualified by ana\n");

        // the same stage again: nothing to do
        Cli.Result same = ok("stage", "zoe@example.com", "qualified");
        assertThat(same.out()).isEqualTo("Zoe@Example.com is already in stage qualified; nothing changed\n");
        assertThat(f.count("stage_changes")).isEqualTo(1);
    }

    @Test
    void aNoteRequirementIsNamedAndForceRecordsTheReasonAndActor() {
        ok("log", "zoe@example.com", "--channel", "call", "--outcome", "no-answer");
        ok("log", "zoe@example.com", "--channel", "email", "--outcome", "sent");
        ok("log", "zoe@example.com", "--channel", "task", "--outcome", "done");

        Cli.Result refused = f.run("stage", "zoe@example.com", "lost");
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains(": 3 of 5 attempts, no note (lost requires 5 attempts and a note);");

        Cli.Result noReason = f.run("stage", "zoe@example.com", "lost", "--force");
        assertThat(noReason.code()).isEqualTo(2);
        assertThat(noReason.err()).isEqualTo("cadence: --force needs --reason: say why the requirements of stage"
                + " 'lost' are overridden\n");
        assertThat(f.count("stage_changes")).isZero();

        Cli.Result forced = ok("stage", "zoe@example.com", "lost", "--force", "--reason", "Chose a competitor",
                "--actor", "ana");
        assertThat(forced.out()).isEqualTo("moved Zoe@Example.com from new to lost (forced; missing: 3 of 5 attempts,"
                + " no note)\n");
        StageChange sc = stageChanges(f.zoe).get(0);
        assertThat(sc.forced()).isTrue();
        assertThat(sc.reason()).isEqualTo("Chose a competitor");
        assertThat(sc.actor()).isEqualTo("ana");
        assertThat((long) f.read(l -> l.jdbc().queryLong("SELECT forced FROM stage_changes"))).isEqualTo(1);

        Cli.Result show = ok("contacts", "show", "zoe@example.com");
        assertThat(show.out()).contains("  stage         lost\n")
                .contains("2026-03-06 09:00  stage new → lost, forced by ana\n      Chose a competitor\n");
        assertThat(ok("contacts", "show", "zoe@example.com", "--format", "json").out())
                .contains("\"kind\" : \"stage\"").contains("\"detail\" : \"Chose a competitor\"");
    }

    @Test
    void anUnknownStageListsTheStages() {
        Cli.Result r = f.run("stage", "zoe@example.com", "qualifed");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: unknown stage 'qualifed'; did you mean 'qualified'?"
                + " (stages: new, contacted, qualified, customer, lost)\n");
        Cli.Result far = f.run("stage", "zoe@example.com", "won");
        assertThat(far.err()).isEqualTo("cadence: unknown stage 'won' (stages: new, contacted, qualified, customer,"
                + " lost)\n");
        assertThat(f.count("stage_changes")).isZero();
    }

    // ---- bad input: clear message, exit 2, nothing written

    @Test
    void everyBadInputIsRefusedWithExit2AndNothingWritten() {
        ok("enroll", "zoe@example.com", "--sequence", "outbound");
        Map<String, Long> before = counts();

        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("log", "nobody@example.com", "--channel", "call", "--outcome", "connected"),
                "no contact 'nobody@example.com' in the ledger (give a contact id or an email)");
        cases.put(List.of("event", "999", "reply"),
                "no contact '999' in the ledger (give a contact id or an email)");
        cases.put(List.of("stage", "nobody@example.com", "contacted"),
                "no contact 'nobody@example.com' in the ledger (give a contact id or an email)");
        cases.put(List.of("log", "zoe@example.com", "--channel", "call", "--outcome", "noanswer"),
                "unknown call outcome 'noanswer'; valid call outcomes: connected, no-answer, voicemail,"
                        + " wrong-number, meeting-booked, not-interested, call-back");
        cases.put(List.of("log", "zoe@example.com", "--channel", "linkedin", "--outcome", "sent"),
                "unknown linkedin outcome 'sent'; valid linkedin outcomes: connection-sent, connected,"
                        + " message-sent, replied");
        cases.put(List.of("log", "zoe@example.com", "--channel", "fax", "--outcome", "sent"),
                "--channel: unknown channel 'fax'; valid channels: email, sms, webhook, call, voicemail, linkedin,"
                        + " mail, task");
        cases.put(List.of("log", "zoe@example.com", "--channel", "webhook", "--outcome", "sent"),
                "webhook touches are sent by 'cadence run' and cannot be logged; log one of email, sms, call,"
                        + " voicemail, linkedin, mail, task");
        cases.put(List.of("event", "zoe@example.com", "replied"),
                "unknown event 'replied'; valid events: reply, optout, bounce, meeting, opened, clicked, purchased");
        cases.put(List.of("event", "zoe@example.com", "reply", "--at", "2026-02-28"),
                "event time 2026-02-28 00:00 is before Zoe@Example.com was added to the ledger (2026-03-01);"
                        + " nothing was recorded");
        cases.put(List.of("log", "zoe@example.com", "--channel", "call", "--outcome", "connected", "--at",
                        "2026-02-28T23:00"),
                "touch time 2026-02-28 23:00 is before Zoe@Example.com was added to the ledger (2026-03-01);"
                        + " nothing was recorded");
        cases.put(List.of("event", "zoe@example.com", "optout", "--at", "2026-03-07"),
                "event time 2026-03-07 00:00 is in the future (today is 2026-03-06 in America/New_York);"
                        + " nothing was recorded");
        cases.put(List.of("log", "zoe@example.com", "--channel", "call", "--outcome", "connected", "--at",
                        "2026-03-07T05:00:00Z"),
                "touch time 2026-03-07 00:00 is in the future (today is 2026-03-06 in America/New_York)");
        cases.put(List.of("event", "zoe@example.com", "reply", "--at", "last tuesday"),
                "--at: cannot read 'last tuesday' as a time; use 2026-03-06, 2026-03-06T08:30 (workspace time zone)"
                        + " or 2026-03-06T08:30:00Z");
        cases.put(List.of("log", "zoe@example.com", "--channel", "call", "--outcome", "connected", "--note",
                        "said \u001b[2Jhi"),
                "--note: control character U+001B at character 6 is not allowed (only newlines and tabs are)");
        cases.put(List.of("event", "zoe@example.com", "reply", "--note", "nul\u0000"),
                "--note: control character U+0000 at character 4 is not allowed (only newlines and tabs are)");
        cases.put(List.of("stage", "zoe@example.com", "lost", "--force", "--reason", "two\nlines"),
                "--reason: control character U+000A at character 4 is not allowed (it must be one line of text)");
        cases.put(List.of("stage", "zoe@example.com", "closed"),
                "unknown stage 'closed' (stages: new, contacted, qualified, customer, lost)");
        cases.put(List.of("log", "li@example.cn", "--channel", "call", "--outcome", "connected", "--step", "call"),
                "unknown step 'call': li@example.cn has no active or paused enrollment; nothing was logged");

        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            Cli.Result r = f.run(c.getKey().toArray(String[]::new));
            assertThat(r.code()).as(c.getKey() + "\n" + r).isEqualTo(2);
            assertThat(r.out()).as(c.getKey().toString()).isEmpty();
            assertThat(r.err()).as(c.getKey().toString()).startsWith("cadence: " + c.getValue());
            assertThat(r.err()).as(c.getKey().toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(counts()).isEqualTo(before);
        assertThat(f.read(l -> l.contacts().findById(f.zoe)).orElseThrow().stage()).isEqualTo("new");
    }

    @Test
    void theCommandsHaveHelpWithExamples() {
        for (String cmd : List.of("log", "event", "stage")) {
            Cli.Result r = Cli.in(tmp).run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Examples:");
            assertThat(Stream.of(r.out().split("\n"))).as(cmd).allSatisfy(line -> assertThat(line.length())
                    .isLessThanOrEqualTo(80));
        }
        assertThat(Cli.in(tmp).run("log", "--help").out()).contains("call       connected, no-answer, voicemail,");
    }
}
