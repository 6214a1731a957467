package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Note;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** note, enroll, unenroll, pause and resume end to end, on a real SQLite ledger. */
class ControlCommandsTest {
    @TempDir
    Path tmp;
    ControlFixture f;

    @BeforeEach
    void setUp() {
        f = new ControlFixture(tmp);
    }

    private List<Enrollment> enrollments(long contact) {
        return f.read(l -> l.enrollments().findByContact(contact));
    }

    // ---- note

    @Test
    void noteIsStoredWithItsAuthorAndItsIdPrinted() {
        Cli.Result r = f.run("note", "zoe@example.com", "Prefers calls after 3pm.\r\nAsk about\tQ2.", "--author", "ana");
        assertThat(r.code()).as(r.toString()).isZero();
        List<Note> notes = f.read(l -> l.notes().listByContact(f.zoe));
        assertThat(notes).singleElement().satisfies(n -> {
            assertThat(n.body()).isEqualTo("Prefers calls after 3pm.\nAsk about\tQ2.");
            assertThat(n.author()).isEqualTo("ana");
            assertThat(r.out()).isEqualTo(n.id() + "\n");
        });
        assertThat(r.err()).isEqualTo("note added to Zoë Martin <Zoe@Example.com>\n");
    }

    @Test
    void noteWordsAreJoinedAndAContactIdWorks() {
        Cli.Result r = f.run("note", String.valueOf(f.li), "回电话", "after", "the", "holiday");
        assertThat(r.code()).as(r.toString()).isZero();
        List<Note> notes = f.read(l -> l.notes().listByContact(f.li));
        assertThat(notes).extracting(Note::body, Note::author)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("回电话 after the holiday", null));
    }

    @Test
    void noteWithAControlCharacterIsRefusedAndNothingWritten() {
        Cli.Result r = f.run("note", "zoe@example.com", "hello \u001b[31mred");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("cadence: note: control character U+001B at character 7 is not allowed"
                + " (only newlines and tabs are)\n");
        assertThat(f.count("notes")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " \n\t "})
    void anEmptyNoteIsRefused(String text) {
        Cli.Result r = f.run("note", "zoe@example.com", text);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: note is empty\n");
        assertThat(f.count("notes")).isZero();
    }

    @Test
    void noteOnAnUnknownContactOrWithABadAuthorIsRefused() {
        Cli.Result unknown = f.run("note", "nobody@example.com", "hi");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("cadence: no contact 'nobody@example.com' in the ledger"
                + " (give a contact id or an email)\n");
        Cli.Result author = f.run("note", "zoe@example.com", "hi", "--author", "ana\nbob");
        assertThat(author.code()).isEqualTo(2);
        assertThat(author.err()).contains("--author: control character U+000A at character 4 is not allowed"
                + " (it must be one line of text)");
        assertThat(f.count("notes")).isZero();
    }

    @Test
    void noteNeedsALedgerAndDoesNotCreateOne() throws Exception {
        java.nio.file.Files.delete(f.db);
        Cli.Result r = f.run("note", "zoe@example.com", "hi");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: no ledger yet at " + f.db + "; import contacts first\n");
        assertThat(f.db).doesNotExist();
    }

    // ---- enroll

    @Test
    void enrollsSeveralContactsWithDay1TodayInEachContactsZone() {
        Cli.Result r = f.run("enroll", "zoe@example.com", String.valueOf(f.li), "--sequence", "outbound");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("""
                enrolled Zoe@Example.com in outbound, day 1 = 2026-03-06
                enrolled li@example.cn in outbound, day 1 = 2026-03-06
                """);
        assertThat(r.err()).isEqualTo("2 enrolled, 0 refused\n");

        Cli.Result late = Cli.in(tmp).run("-w", f.ws.toString(), "--as-of", "2026-03-06T23:30:00Z",
                "enroll", "eve@evil.example", "--sequence", "nurture");
        // 23:30 UTC is still the 6th in New York (the workspace zone, Eve has none)
        assertThat(late.out()).isEqualTo("enrolled eve@evil.example in nurture, day 1 = 2026-03-06\n");

        assertThat(enrollments(f.zoe)).singleElement().satisfies(e -> {
            assertThat(e.sequence()).isEqualTo("outbound");
            assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
            assertThat(e.startDate()).isEqualTo(LocalDate.of(2026, 3, 6));
        });
    }

    @Test
    void startIsTheContactsLocalDay1() {
        Cli.Result r = f.run("enroll", "li@example.cn", "--sequence", "nurture", "--start", "2026-03-09");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("enrolled li@example.cn in nurture, day 1 = 2026-03-09\n");
        assertThat(r.err()).isEmpty(); // one contact: no summary line
        assertThat(enrollments(f.li)).extracting(Enrollment::startDate).containsExactly(LocalDate.of(2026, 3, 9));
    }

    @Test
    void someRefusedIsPartialAllRefusedIsRefused() {
        assertThat(f.run("enroll", "zoe@example.com", "--sequence", "outbound").code()).isZero();

        Cli.Result partial = f.run("enroll", "zoe@example.com", "li@example.cn", "sup@example.com",
                "--sequence", "nurture");
        assertThat(partial.code()).isEqualTo(3);
        assertThat(partial.out()).isEqualTo("""
                refused  Zoe@Example.com: already in exclusive sequence outbound
                enrolled li@example.cn in nurture, day 1 = 2026-03-06
                refused  sup@example.com: suppressed (optout)
                """);
        assertThat(partial.err()).isEqualTo("1 enrolled, 2 refused\n");

        Cli.Result refused = f.run("enroll", "zoe@example.com", "li@example.cn", "--sequence", "nurture");
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.out()).isEqualTo("""
                refused  Zoe@Example.com: already in exclusive sequence outbound
                refused  li@example.cn: already active in nurture
                """);
        assertThat(f.count("enrollments")).isEqualTo(2);
    }

    @Test
    void theSameContactTwiceIsEnrolledOnce() {
        Cli.Result r = f.run("enroll", "zoe@example.com", "ZOE@example.com ", String.valueOf(f.zoe),
                "--sequence", "nurture");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("enrolled Zoe@Example.com in nurture, day 1 = 2026-03-06\n");
        assertThat(f.count("enrollments")).isEqualTo(1);
    }

    @Test
    void anUnknownRefStopsEverythingBeforeAnythingIsWritten() {
        Cli.Result r = f.run("enroll", "zoe@example.com", "ghost@example.com", "999", "li@example.cn",
                "--sequence", "nurture");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("cadence: no contact 'ghost@example.com', '999' in the ledger"
                + " (give contact ids or emails); nothing was enrolled\n");
        assertThat(f.count("enrollments")).isZero();
    }

    @Test
    void anUnknownSequenceSuggestsTheClosestOne() {
        Cli.Result r = f.run("enroll", "zoe@example.com", "--sequence", "outbund");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: unknown sequence 'outbund'; did you mean 'outbound'?\n");
        assertThat(f.count("enrollments")).isZero();
    }

    @Test
    void aSequenceWithProblemsIsRefused() {
        dev.cadence.sequence.Fixture.write(f.ws, "sequences/broken.yaml", "name: broken\nsteps: 3\n");
        Cli.Result r = f.run("enroll", "zoe@example.com", "--sequence", "broken");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: sequence 'broken' has problems; run 'cadence validate'"
                + " and fix them first\n");
        // a broken file does not stop enrolling in the others
        assertThat(f.run("enroll", "zoe@example.com", "--sequence", "outbound").code()).isZero();
        assertThat(f.count("enrollments")).isEqualTo(1);
    }

    @Test
    void aBadStartDateIsAUsageError() {
        Cli.Result r = f.run("enroll", "zoe@example.com", "--sequence", "outbound", "--start", "2026-02-30");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("cadence: Invalid value for option '--start': '2026-02-30' is not a date;"
                + " use YYYY-MM-DD, e.g. 2026-03-06");
        assertThat(f.count("enrollments")).isZero();
    }

    // ---- unenroll

    @Test
    void unenrollStopsTheEnrollmentWithItsReasonOnce() {
        f.run("enroll", "zoe@example.com", "--sequence", "outbound");
        Cli.Result r = f.run("unenroll", "zoe@example.com", "--sequence", "outbound", "--reason", "asked for next year");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("stopped outbound for Zoe@Example.com: asked for next year\n");
        assertThat(enrollments(f.zoe)).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(EnrollmentState.STOPPED);
            assertThat(e.stopReason()).isEqualTo("asked for next year");
        });

        Cli.Result again = f.run("unenroll", "zoe@example.com", "--sequence", "outbound", "--reason", "again");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("cadence: cannot unenroll: Zoe@Example.com is not enrolled in outbound;"
                + " its enrollment there is stopped (asked for next year)\n");
        assertThat(f.count("enrollment_changes")).isEqualTo(1);
    }

    @Test
    void unenrollRefusals() {
        f.run("enroll", "zoe@example.com", "--sequence", "outbound");
        Cli.Result notIn = f.run("unenroll", "zoe@example.com", "--sequence", "nurture", "--reason", "x");
        assertThat(notIn.code()).isEqualTo(2);
        assertThat(notIn.err()).isEqualTo("cadence: cannot unenroll: Zoe@Example.com is not enrolled in nurture;"
                + " open: outbound\n");

        Cli.Result typo = f.run("unenroll", "zoe@example.com", "--sequence", "outbond", "--reason", "x");
        assertThat(typo.err()).isEqualTo("cadence: cannot unenroll: Zoe@Example.com is not enrolled in outbond;"
                + " did you mean 'outbound'?; open: outbound\n");

        Cli.Result noReason = f.run("unenroll", "zoe@example.com", "--sequence", "outbound");
        assertThat(noReason.code()).isEqualTo(2);
        assertThat(noReason.err()).startsWith("cadence: Missing required option: '--reason=TEXT'");

        Cli.Result blank = f.run("unenroll", "zoe@example.com", "--sequence", "outbound", "--reason", "  ");
        assertThat(blank.code()).isEqualTo(2);
        assertThat(blank.err()).isEqualTo("cadence: --reason is empty\n");

        assertThat(enrollments(f.zoe)).extracting(Enrollment::state).containsExactly(EnrollmentState.ACTIVE);
        assertThat(f.count("enrollment_changes")).isZero();
    }

    // ---- pause and resume

    @Test
    void pauseAndResumeAreIdempotentAndSaySo() {
        f.run("enroll", "li@example.cn", "--sequence", "outbound");
        f.read(l -> l.enrollments().enroll(f.li, "side-project", LocalDate.of(2026, 3, 6)));

        Cli.Result pause = f.run("pause", "li@example.cn", "--until", "2026-04-01", "--reason", "on leave");
        assertThat(pause.code()).as(pause.toString()).isZero();
        assertThat(pause.out()).isEqualTo("""
                paused outbound for li@example.cn until 2026-04-01
                paused side-project for li@example.cn until 2026-04-01
                """);
        assertThat(enrollments(f.li)).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(EnrollmentState.PAUSED);
            assertThat(e.pausedUntil()).isEqualTo(LocalDate.of(2026, 4, 1));
            assertThat(e.stopReason()).isEqualTo("on leave");
        });

        Cli.Result again = f.run("pause", "li@example.cn", "--until", "2026-04-01");
        assertThat(again.code()).isZero();
        assertThat(again.out()).isEqualTo("""
                outbound: already paused until 2026-04-01
                side-project: already paused until 2026-04-01
                """);

        Cli.Result longer = f.run("pause", "li@example.cn", "--sequence", "outbound");
        assertThat(longer.out()).isEqualTo("paused outbound for li@example.cn until resumed (was until 2026-04-01)\n");

        Cli.Result resume = f.run("resume", "li@example.cn", "--sequence", "side-project", "--reason", "back early");
        assertThat(resume.code()).isZero();
        assertThat(resume.out()).isEqualTo("resumed side-project for li@example.cn\n");
        Cli.Result all = f.run("resume", "li@example.cn");
        assertThat(all.out()).isEqualTo("""
                resumed outbound for li@example.cn
                side-project: already active
                """);
        assertThat(enrollments(f.li)).allSatisfy(e -> {
            assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
            assertThat(e.pausedUntil()).isNull();
            assertThat(e.stopReason()).isNull();
        });
        // five changes: two pauses, the new pause date, two resumes
        assertThat(f.count("enrollment_changes")).isEqualTo(5);
    }

    @Test
    void pauseUntilMustBeAfterTodayInTheContactsZone() {
        f.run("enroll", "li@example.cn", "--sequence", "outbound");
        // 14:00 UTC on 6 March is 22:00 in Shanghai: still the 6th
        Cli.Result today = f.run("pause", "li@example.cn", "--until", "2026-03-06");
        assertThat(today.code()).isEqualTo(2);
        assertThat(today.err()).isEqualTo("cadence: --until 2026-03-06 is not after today (2026-03-06 in"
                + " Asia/Shanghai for li@example.cn)\n");
        Cli.Result bad = f.run("pause", "li@example.cn", "--until", "next week");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'next week' is not a date; use YYYY-MM-DD");
        assertThat(f.run("pause", "li@example.cn", "--until", "2026-03-07").code()).isZero();
        assertThat(f.count("enrollment_changes")).isEqualTo(1);
    }

    @Test
    void pauseOrResumeWithNothingOpenIsRefused() {
        Cli.Result none = f.run("pause", "zoe@example.com");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("cadence: nothing to pause: Zoe@Example.com has no active or paused"
                + " enrollment\n");

        f.run("enroll", "zoe@example.com", "--sequence", "outbound");
        f.run("unenroll", "zoe@example.com", "--sequence", "outbound", "--reason", "not a fit");
        Cli.Result finished = f.run("resume", "zoe@example.com");
        assertThat(finished.code()).isEqualTo(2);
        assertThat(finished.err()).isEqualTo("cadence: nothing to resume: Zoe@Example.com has no active or paused"
                + " enrollment (outbound stopped)\n");

        Cli.Result other = f.run("pause", "zoe@example.com", "--sequence", "nurture");
        assertThat(other.err()).isEqualTo("cadence: cannot pause: Zoe@Example.com is not enrolled in nurture\n");
        assertThat(f.count("enrollment_changes")).isEqualTo(1);
    }

    // ---- what it all looks like in contacts show

    @Test
    void contactsShowListsNotesAndEveryEnrollmentChangeWithItsReason() {
        f.run("note", "zoe@example.com", "Met at the Lyon trade fair.\nWants a demo in April.", "--author", "ana");
        f.run("enroll", "zoe@example.com", "--sequence", "outbound");
        f.run("pause", "zoe@example.com", "--until", "2026-04-01", "--reason", "on holiday");
        f.run("resume", "zoe@example.com", "--reason", "replied from holiday");
        f.run("unenroll", "zoe@example.com", "--sequence", "outbound", "--reason", "moved to a call");

        Cli.Result show = f.run("contacts", "show", "zoe@example.com");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out())
                .contains("  outbound  stopped (moved to a call)  day 1 = 2026-03-06")
                .contains("note by ana\n      Met at the Lyon trade fair.\n      Wants a demo in April.")
                .contains("enrolled in outbound (day 1 = 2026-03-06)")
                .contains("outbound paused until 2026-04-01: on holiday")
                .contains("outbound resumed: replied from holiday")
                .contains("outbound stopped: moved to a call");
        // in the order they happened
        String out = show.out();
        assertThat(out.indexOf("enrolled in outbound")).isLessThan(out.indexOf("outbound paused"));
        assertThat(out.indexOf("outbound paused")).isLessThan(out.indexOf("outbound resumed"));
        assertThat(out.indexOf("outbound resumed")).isLessThan(out.indexOf("outbound stopped: moved"));

        Cli.Result json = f.run("contacts", "show", "zoe@example.com", "--format", "json");
        assertThat(json.out()).contains("\"kind\" : \"paused\"", "\"kind\" : \"resumed\"", "\"kind\" : \"stopped\"",
                "\"author\" : \"ana\"");
    }

    @Test
    void aPausedEnrollmentShowsUntilWhen() {
        f.run("enroll", "zoe@example.com", "--sequence", "outbound");
        f.run("pause", "zoe@example.com", "--until", "2026-04-01");
        Cli.Result show = f.run("contacts", "show", "zoe@example.com");
        assertThat(show.out()).contains("  outbound  paused until 2026-04-01  day 1 = 2026-03-06")
                .contains("outbound paused until 2026-04-01\n");
    }

    // ---- help

    @ParameterizedTest
    @ValueSource(strings = {"note", "enroll", "unenroll", "pause", "resume", "export", "export contacts"})
    void everyCommandHasHelpWithExamplesWithin80Columns(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        Cli.Result r = Cli.in(tmp).run(args.toArray(String[]::new));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Examples:");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }
}
