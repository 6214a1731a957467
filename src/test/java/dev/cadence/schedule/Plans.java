package dev.cadence.schedule;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.model.Window;
import dev.cadence.sequence.Condition;
import dev.cadence.sequence.Reenroll;
import dev.cadence.sequence.Repeat;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Timing;
import dev.cadence.sequence.Variant;
import dev.cadence.yaml.Location;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builders for sequences, enrollments, touches and events in schedule tests. */
final class Plans {
    static final Location HERE = new Location(Path.of("sequences/test.yaml"), 1, 1);
    private static final AtomicLong IDS = new AtomicLong(1000);

    private Plans() {
    }

    static Step step(String id, Timing timing, Channel channel) {
        return new Step(id, timing, Optional.empty(), channel, false, "Purpose of " + id + ".", Optional.of(id + ".mustache"),
                false, List.of(), List.of(), List.of(), HERE, HERE);
    }

    static Step day(String id, int n, Channel channel) {
        return step(id, new Timing.Day(n), channel);
    }

    static Step after(String id, String span, Channel channel) {
        return step(id, new Timing.After(Span.parse(span)), channel);
    }

    static Step manual(Step s) {
        return new Step(s.id(), s.timing(), s.repeat(), s.channel(), true, s.purpose(), s.template(), s.thread(), s.when(),
                s.unless(), s.variants(), s.location(), s.templateLocation());
    }

    static Step repeat(Step s, String every, Integer times) {
        return new Step(s.id(), s.timing(), Optional.of(new Repeat(Span.parse(every), Optional.ofNullable(times))),
                s.channel(), s.manual(), s.purpose(), s.template(), s.thread(), s.when(), s.unless(), s.variants(),
                s.location(), s.templateLocation());
    }

    static Step when(Step s, Condition... c) {
        return new Step(s.id(), s.timing(), s.repeat(), s.channel(), s.manual(), s.purpose(), s.template(), s.thread(),
                List.of(c), s.unless(), s.variants(), s.location(), s.templateLocation());
    }

    static Step unless(Step s, Condition... c) {
        return new Step(s.id(), s.timing(), s.repeat(), s.channel(), s.manual(), s.purpose(), s.template(), s.thread(),
                s.when(), List.of(c), s.variants(), s.location(), s.templateLocation());
    }

    static Step variants(Step s, String... ids) {
        List<Variant> vs = java.util.Arrays.stream(ids).map(v -> new Variant(v, s.id() + "-" + v + ".mustache", HERE)).toList();
        return new Step(s.id(), s.timing(), s.repeat(), s.channel(), s.manual(), s.purpose(), Optional.empty(), s.thread(),
                s.when(), s.unless(), vs, s.location(), s.templateLocation());
    }

    static Sequence sequence(String name, Step... steps) {
        return sequence(name, Optional.empty(), Sequence.DEFAULT_STOP_ON, steps);
    }

    static Sequence sequence(String name, Optional<Window> window, Set<EventType> stopOn, Step... steps) {
        return new Sequence(name, "Test sequence.", window, true, Reenroll.NEVER, stopOn, Optional.empty(), Map.of(),
                List.of(steps), Path.of("sequences/" + name + ".yaml"), HERE);
    }

    static Sequence onComplete(Sequence s, String next) {
        return new Sequence(s.name(), s.description(), s.window(), s.exclusive(), s.reenroll(), s.stopOn(),
                Optional.of(next), s.defaults(), s.steps(), s.file(), s.location());
    }

    static Contact contact(String email, String timezone) {
        return Contact.builder(email).timezone(timezone).firstName("Ana").build().toBuilder().build();
    }

    static Contact withId(Contact c, long id) {
        return new Contact(id, c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(), c.phone(),
                c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), c.custom(), c.pausedUntil(),
                c.createdAt(), c.updatedAt());
    }

    static Enrollment enrollment(long id, long contactId, String sequence, LocalDate start, Instant createdAt) {
        return new Enrollment(id, contactId, sequence, EnrollmentState.ACTIVE, null, start, null, 1, null, null,
                createdAt, createdAt);
    }

    static Enrollment state(Enrollment e, EnrollmentState state, String reason, LocalDate pausedUntil) {
        return new Enrollment(e.id(), e.contactId(), e.sequence(), state, reason, e.startDate(), e.currentStep(),
                e.occurrence(), e.nextDueAt(), pausedUntil, e.createdAt(), e.updatedAt());
    }

    static Touch touch(Enrollment e, Step step, int occurrence, TouchStatus status, Instant at) {
        TouchKind kind = step.automatic() ? TouchKind.AUTO : TouchKind.MANUAL;
        return new Touch(IDS.incrementAndGet(), e.id(), e.contactId(), e.sequence(), step.id(), occurrence, step.channel(),
                kind, status, null, null, null, null, null, null, null, status == TouchStatus.FAILED ? 1 : 1, at, at, at);
    }

    static Touch outcome(Touch t, String outcome) {
        return new Touch(t.id(), t.enrollmentId(), t.contactId(), t.sequence(), t.stepId(), t.occurrence(), t.channel(),
                t.kind(), t.status(), outcome, t.note(), t.subject(), t.body(), t.messageId(), t.variant(), t.error(),
                t.attempts(), t.dueAt(), t.at(), t.createdAt());
    }

    static Touch attempts(Touch t, int attempts, String error) {
        return new Touch(t.id(), t.enrollmentId(), t.contactId(), t.sequence(), t.stepId(), t.occurrence(), t.channel(),
                t.kind(), t.status(), t.outcome(), t.note(), t.subject(), t.body(), t.messageId(), t.variant(), error,
                attempts, t.dueAt(), t.at(), t.createdAt());
    }

    static Touch variant(Touch t, String variant) {
        return new Touch(t.id(), t.enrollmentId(), t.contactId(), t.sequence(), t.stepId(), t.occurrence(), t.channel(),
                t.kind(), t.status(), t.outcome(), t.note(), t.subject(), t.body(), t.messageId(), variant, t.error(),
                t.attempts(), t.dueAt(), t.at(), t.createdAt());
    }

    /** A touch of another sequence (or off-sequence when {@code sequence} is null). */
    static Touch other(long contactId, String sequence, Channel channel, Instant at) {
        return new Touch(IDS.incrementAndGet(), sequence == null ? null : 99L, contactId, sequence,
                sequence == null ? null : "x", 1, channel, TouchKind.AUTO, TouchStatus.SENT, null, null, null, null, null,
                null, null, 1, at, at, at);
    }

    static Event event(long contactId, EventType type, Instant at) {
        return new Event(IDS.incrementAndGet(), contactId, type, at, null, "test", null, at);
    }
}
