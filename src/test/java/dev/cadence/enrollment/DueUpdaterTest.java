package dev.cadence.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
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
import dev.cadence.schedule.NextAction.Kind;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The glue between the pure schedule and a real SQLite ledger, with the fixture workspace:
 * New York, Monday to Friday, holiday Wed 4 March 2026, sequence outbound (window
 * 09:00-11:30; intro day 1, value day 3, call day 5 if has phone, angle day 7 with variants,
 * linkedin after 2 business days). 2 March 2026 is a Monday.
 */
class DueUpdaterTest {
    @TempDir
    Path tmp;
    Workspace ws;
    SequenceLibrary lib;
    Path db;
    Contact ana;
    long enrollmentId;

    @BeforeEach
    void setUp() {
        Path dir = Fixture.workspace(tmp.resolve("ws"));
        Problems p = new Problems();
        ws = new Workspace(dir, ConfigLoader.load(dir.resolve("cadence.yaml"), p));
        lib = SequenceLoader.loadAll(ws, p);
        assertThat(p.asList()).isEmpty();
        db = tmp.resolve("cadence.db");
        try (Ledger ledger = open("2026-03-02T12:00:00Z")) {
            ana = ledger.contacts().insert(Contact.builder("ana@example.com").firstName("Ana").timezone("America/New_York").build());
            enrollmentId = ledger.enrollments().enroll(ana.id(), "outbound", LocalDate.of(2026, 3, 2)).id();
        }
    }

    Ledger open(String now) {
        return Ledger.open("jdbc:sqlite:" + db, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    DueUpdater.Update update(String now) {
        try (Ledger ledger = open(now)) {
            return new DueUpdater(ledger, lib, Schedule.of(ws.config(), ledger.clock())).update(enrollmentId);
        }
    }

    Enrollment stored(String now) {
        try (Ledger ledger = open(now)) {
            return ledger.enrollments().findById(enrollmentId).orElseThrow();
        }
    }

    void sent(String step, String at) {
        try (Ledger ledger = open(at)) {
            ledger.touches().insert(new Touch(0, enrollmentId, ana.id(), "outbound", step, 1, Channel.EMAIL, TouchKind.AUTO,
                    TouchStatus.SENT, null, null, "s", "b", "<" + step + "@x>", null, null, 1, null, Instant.parse(at), null));
        }
    }

    @Test
    void storesTheNextDueTimeSoTheIndexedQueryFindsIt() {
        DueUpdater.Update u = update("2026-03-02T12:00:00Z");
        assertThat(u.action().kind()).isEqualTo(Kind.AUTO);
        Enrollment e = stored("2026-03-02T12:00:00Z");
        assertThat(e.currentStep()).isEqualTo("intro");
        assertThat(e.occurrence()).isEqualTo(1);
        assertThat(e.nextDueAt()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        try (Ledger ledger = open("2026-03-02T12:00:00Z")) {
            assertThat(ledger.enrollments().findDue(Instant.parse("2026-03-02T13:59:59Z"), 10)).isEmpty();
            assertThat(ledger.enrollments().findDue(Instant.parse("2026-03-02T14:00:00Z"), 10))
                    .extracting(Enrollment::id).containsExactly(enrollmentId);
        }
    }

    @Test
    void followsTheTouchesSkipsAFailedConditionAndRecordsIt() {
        update("2026-03-02T12:00:00Z");
        sent("intro", "2026-03-02T14:00:05Z");
        update("2026-03-02T14:00:06Z");
        // value is day 3, Wed 4 March: a holiday in the fixture, so Thursday 09:00 EST
        assertThat(stored("2026-03-02T14:00:06Z").nextDueAt()).isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
        sent("value", "2026-03-05T14:00:05Z");
        update("2026-03-05T14:00:06Z");
        Enrollment e = stored("2026-03-05T14:00:06Z");
        assertThat(e.currentStep()).isEqualTo("call");
        assertThat(e.nextDueAt()).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));

        // Friday: the call comes due, Ana has no phone: skipped with the reason, angle is next (Mon 9 March, EDT)
        DueUpdater.Update u = update("2026-03-06T15:00:00Z");
        assertThat(u.skipped()).hasSize(1);
        e = stored("2026-03-06T15:00:00Z");
        assertThat(e.currentStep()).isEqualTo("angle");
        assertThat(e.nextDueAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        try (Ledger ledger = open("2026-03-06T15:00:00Z")) {
            List<Touch> touches = ledger.touches().listByEnrollment(enrollmentId);
            Touch skip = touches.stream().filter(t -> t.stepId().equals("call")).findFirst().orElseThrow();
            assertThat(skip.status()).isEqualTo(TouchStatus.SKIPPED);
            assertThat(skip.kind()).isEqualTo(TouchKind.MANUAL);
            assertThat(skip.note()).isEqualTo("condition not met: if has phone (phone is empty)");
            assertThat(skip.dueAt()).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
            assertThat(skip.at()).isEqualTo(Instant.parse("2026-03-06T15:00:00Z"));
        }
        // recomputing changes nothing and records nothing twice
        DueUpdater.Update again = update("2026-03-06T16:00:00Z");
        assertThat(again.skipped()).isEmpty();
        assertThat(stored("2026-03-06T16:00:00Z").nextDueAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(again.action().variant()).isPresent();
    }

    @Test
    void aReplyStopsTheEnrollmentAndClearsTheDueTime() {
        update("2026-03-02T12:00:00Z");
        try (Ledger ledger = open("2026-03-02T13:00:00Z")) {
            ledger.events().add(Event.of(ana.id(), EventType.REPLY, Instant.parse("2026-03-02T13:00:00Z"), "thanks", "cli"));
        }
        DueUpdater.Update u = update("2026-03-02T13:00:01Z");
        assertThat(u.action().kind()).isEqualTo(Kind.STOPPED);
        Enrollment e = stored("2026-03-02T13:00:01Z");
        assertThat(e.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(e.stopReason()).isEqualTo("reply");
        assertThat(e.nextDueAt()).isNull();
    }

    @Test
    void suppressionStopsToo() {
        try (Ledger ledger = open("2026-03-02T13:00:00Z")) {
            ledger.suppressions().add(ana.emailNorm(), SuppressionReason.values()[0], "test");
        }
        update("2026-03-02T13:00:01Z");
        assertThat(stored("2026-03-02T13:00:01Z").stopReason()).isEqualTo("suppressed");
    }

    @Test
    void aPausedEnrollmentResumesByItselfWhenItsDateHasPassed() {
        try (Ledger ledger = open("2026-03-02T12:00:00Z")) {
            ledger.enrollments().updateState(enrollmentId, EnrollmentState.PAUSED, null, LocalDate.of(2026, 3, 10));
        }
        DueUpdater.Update paused = update("2026-03-02T12:00:00Z");
        assertThat(paused.action().kind()).isEqualTo(Kind.PAUSED);
        assertThat(stored("2026-03-02T12:00:00Z").nextDueAt()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
        update("2026-03-10T12:00:00Z");
        Enrollment e = stored("2026-03-10T12:00:00Z");
        assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(e.nextDueAt()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
    }

    @Test
    void completesWhenEveryStepIsDoneAndNamesTheChain() {
        for (String step : List.of("intro", "value", "call", "angle", "linkedin")) sent(step, "2026-03-12T14:00:00Z");
        DueUpdater.Update u = update("2026-03-12T15:00:00Z");
        assertThat(u.chainTo()).contains("nurture");
        Enrollment e = stored("2026-03-12T15:00:00Z");
        assertThat(e.state()).isEqualTo(EnrollmentState.COMPLETED);
        assertThat(e.currentStep()).isNull();
        assertThat(e.nextDueAt()).isNull();
    }

    @Test
    void anUnknownEnrollmentIsInvalidInput() {
        try (Ledger ledger = open("2026-03-02T12:00:00Z")) {
            assertThatThrownBy(() -> new DueUpdater(ledger, lib, Schedule.of(ws.config(), ledger.clock())).update(999))
                    .isInstanceOf(CadenceException.class).hasMessage("no enrollment 999");
        }
    }

    @Test
    void updateContactCoversEveryOpenEnrollment() {
        try (Ledger ledger = open("2026-03-02T12:00:00Z")) {
            long other = ledger.enrollments().enroll(ana.id(), "nurture", LocalDate.of(2026, 3, 2)).id();
            List<DueUpdater.Update> all = new DueUpdater(ledger, lib, Schedule.of(ws.config(), ledger.clock()))
                    .updateContact(ana.id());
            assertThat(all).extracting(u -> u.enrollment().id()).containsExactly(enrollmentId, other);
            assertThat(all).allSatisfy(u -> assertThat(u.enrollment().nextDueAt()).isNotNull());
        }
    }
}
