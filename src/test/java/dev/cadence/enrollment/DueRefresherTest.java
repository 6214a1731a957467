package dev.cadence.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The needs_schedule flag (V4) on a real SQLite ledger: which writes set it, and the refresher
 * that recomputes exactly the flagged enrollments. Fixture workspace (New York, holiday Wed 4
 * March 2026; outbound intro day 1 in 09:00-11:30, chains into nurture).
 */
class DueRefresherTest {
    @TempDir
    Path tmp;
    Workspace ws;
    SequenceLibrary lib;
    Path db;

    @BeforeEach
    void setUp() {
        Path dir = Fixture.workspace(tmp.resolve("ws"));
        Problems p = new Problems();
        ws = new Workspace(dir, ConfigLoader.load(dir.resolve("cadence.yaml"), p));
        lib = SequenceLoader.loadAll(ws, p);
        assertThat(p.asList()).isEmpty();
        db = tmp.resolve("cadence.db");
    }

    Ledger open(String now) {
        return Ledger.open("jdbc:sqlite:" + db, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    DueRefresher.Result refresh(Ledger l) {
        Schedule s = Schedule.of(ws.config(), l.clock());
        return new DueRefresher(l, lib, s, new Enroller(l, lib, l.clock(), ws.config().timezone())).refresh();
    }

    @Test
    void enrollFlagsRefreshComputesAndClearsThenAReplyStopsIt() {
        try (Ledger l = open("2026-03-02T12:00:00Z")) {
            Contact ana = l.contacts().insert(Contact.builder("ana@example.com").timezone("America/New_York").build());
            Contact bob = l.contacts().insert(Contact.builder("bob@example.com").build());
            long a = l.enrollments().enroll(ana.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            long b = l.enrollments().enroll(bob.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            assertThat(l.enrollments().needsSchedule(a)).isTrue();
            assertThat(l.enrollments().findById(a).orElseThrow().nextDueAt()).isNull();

            DueRefresher.Result r = refresh(l);
            assertThat(r.recomputed()).isEqualTo(2);
            assertThat(r.problems()).isEmpty();
            assertThat(l.enrollments().countNeedingSchedule()).isZero();
            assertThat(l.enrollments().findById(a).orElseThrow().nextDueAt()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
            // nothing changed: nothing recomputed
            assertThat(refresh(l).recomputed()).isZero();

            // a reply of Ana flags Ana's enrollment only; the refresh stops it
            l.events().add(new Event(0, ana.id(), EventType.REPLY, Instant.parse("2026-03-02T12:00:00Z"), null, "test", null, null));
            assertThat(l.enrollments().needsSchedule(a)).isTrue();
            assertThat(l.enrollments().needsSchedule(b)).isFalse();
            assertThat(refresh(l).recomputed()).isEqualTo(1);
            Enrollment stopped = l.enrollments().findById(a).orElseThrow();
            assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
            assertThat(stopped.stopReason()).isEqualTo("reply");
            assertThat(stopped.nextDueAt()).isNull();
            assertThat(l.enrollments().needsSchedule(a)).isFalse();
        }
    }

    @Test
    void touchesContactEditsSuppressionAndPausesFlagAndASentTouchMovesTheDueTime() {
        try (Ledger l = open("2026-03-02T12:00:00Z")) {
            Contact ana = l.contacts().insert(Contact.builder("ana@example.com").timezone("America/New_York").build());
            long a = l.enrollments().enroll(ana.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            refresh(l);

            l.touches().insert(new Touch(0, a, ana.id(), "outbound", "intro", 1, Channel.EMAIL, TouchKind.AUTO,
                    TouchStatus.SENT, null, null, "s", "b", "<intro@x>", null, null, 1, null,
                    Instant.parse("2026-03-02T14:00:05Z"), null));
            assertThat(l.enrollments().needsSchedule(a)).isTrue();
            refresh(l);
            // value is day 3 = Wed 4 March, a holiday: Thursday 09:00 EST
            Enrollment e = l.enrollments().findById(a).orElseThrow();
            assertThat(e.currentStep()).isEqualTo("value");
            assertThat(e.nextDueAt()).isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));

            l.contacts().update(ana.toBuilder().timezone("Europe/Paris").build());
            assertThat(l.enrollments().needsSchedule(a)).isTrue();
            refresh(l);
            assertThat(l.enrollments().findById(a).orElseThrow().nextDueAt()).isEqualTo(Instant.parse("2026-03-05T08:00:00Z"));

            l.enrollments().updateState(a, EnrollmentState.PAUSED, "holiday", LocalDate.of(2026, 3, 10));
            assertThat(l.enrollments().needsSchedule(a)).isTrue();
            refresh(l);
            assertThat(l.enrollments().needsSchedule(a)).isFalse();

            l.suppressions().add("ana@example.com", SuppressionReason.MANUAL, "test");
            assertThat(l.enrollments().needsSchedule(a)).isTrue();
            refresh(l);
            assertThat(l.enrollments().findById(a).orElseThrow().state()).isEqualTo(EnrollmentState.STOPPED);
        }
    }

    @Test
    void aDatedPauseThatEndedIsResumedWithoutAFlag() {
        try (Ledger l = open("2026-03-02T12:00:00Z")) {
            Contact ana = l.contacts().insert(Contact.builder("ana@example.com").timezone("America/New_York").build());
            long a = l.enrollments().enroll(ana.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            l.enrollments().updateState(a, EnrollmentState.PAUSED, "trip", LocalDate.of(2026, 3, 5));
            refresh(l);
            Enrollment paused = l.enrollments().findById(a).orElseThrow();
            assertThat(paused.state()).isEqualTo(EnrollmentState.PAUSED);
            assertThat(paused.nextDueAt()).isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
        }
        try (Ledger l = open("2026-03-05T15:00:00Z")) {
            assertThat(l.enrollments().countNeedingSchedule()).isZero();
            assertThat(refresh(l).recomputed()).isEqualTo(1);
            Enrollment e = l.enrollments().findById(1).orElseThrow();
            assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
            assertThat(e.currentStep()).isEqualTo("intro");
        }
    }

    @Test
    void aCompletedEnrollmentChainsIntoOnCompleteOnceAndTheNewOneIsComputed() {
        try (Ledger l = open("2026-03-02T12:00:00Z")) {
            Contact ana = l.contacts().insert(Contact.builder("ana@example.com").timezone("America/New_York").build());
            long a = l.enrollments().enroll(ana.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            for (String step : new String[] {"intro", "value", "call", "angle", "linkedin"}) {
                l.touches().insert(new Touch(0, a, ana.id(), "outbound", step, 1, Channel.EMAIL, TouchKind.AUTO,
                        TouchStatus.SKIPPED, null, "test", null, null, null, null, null, 0, null,
                        Instant.parse("2026-03-02T12:00:00Z"), null));
            }
            DueRefresher.Result r = refresh(l);
            assertThat(r.chained()).containsExactly("ana@example.com: outbound completed, enrolled in nurture");
            assertThat(l.enrollments().findById(a).orElseThrow().state()).isEqualTo(EnrollmentState.COMPLETED);
            Enrollment nurture = l.enrollments().findActiveByContact(ana.id()).get(0);
            assertThat(nurture.sequence()).isEqualTo("nurture");
            assertThat(nurture.currentStep()).isEqualTo("quarterly");
            assertThat(nurture.nextDueAt()).isNotNull();
            assertThat(refresh(l).chained()).isEmpty();
        }
    }

    @Test
    void aPageIsOneTransactionAndOneBrokenEnrollmentIsRolledBackAloneAndReported() {
        try (Ledger l = open("2026-03-02T12:00:00Z")) {
            // Ana completes outbound and chains into nurture; Bob's sequence does not exist; Carol is plain
            Contact ana = l.contacts().insert(Contact.builder("ana@example.com").timezone("America/New_York").build());
            Contact bob = l.contacts().insert(Contact.builder("bob@example.com").build());
            Contact carol = l.contacts().insert(Contact.builder("carol@example.com").build());
            long a = l.enrollments().enroll(ana.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            long b = l.enrollments().enroll(bob.id(), "gone", LocalDate.of(2026, 3, 2)).id();
            long c = l.enrollments().enroll(carol.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
            for (String step : new String[] {"intro", "value", "call", "angle", "linkedin"}) {
                l.touches().insert(new Touch(0, a, ana.id(), "outbound", step, 1, Channel.EMAIL, TouchKind.AUTO,
                        TouchStatus.SKIPPED, null, "test", null, null, null, null, null, 0, null,
                        Instant.parse("2026-03-02T12:00:00Z"), null));
            }
            DueRefresher.Result r = refresh(l);
            // the page failed on Bob, was rolled back whole and redone one by one: Ana chained once
            assertThat(r.chained()).containsExactly("ana@example.com: outbound completed, enrolled in nurture");
            assertThat(r.problems()).singleElement().asString().contains("gone");
            assertThat(l.enrollments().findActiveByContact(ana.id())).singleElement()
                    .satisfies(e -> assertThat(e.sequence()).isEqualTo("nurture"));
            assertThat(l.enrollments().needsSchedule(b)).isTrue();
            assertThat(l.enrollments().needsSchedule(c)).isFalse();
            assertThat(l.enrollments().findById(c).orElseThrow().nextDueAt()).isNotNull();
            // Bob stays flagged and is reported again; the others are done
            DueRefresher.Result again = refresh(l);
            assertThat(again.recomputed()).isZero();
            assertThat(again.problems()).hasSize(1);
        }
    }
}
