package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.DuplicateKeyException;
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
import dev.cadence.model.FreeText;
import dev.cadence.model.Outcome;
import dev.cadence.schedule.ContactHistory;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Schedule;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What reps and the outside world tell the ledger (issue 6): manual touches with their outcome
 * and what was said ({@link #log}), and events ({@link #event}, {@link #recordEvents} for bulk
 * imports), with their consequences applied at once in the same transaction:
 *
 * <ul>
 *   <li>each open (active or paused) enrollment whose sequence's {@code stop_on} has the event
 *       type is stopped, with the reason "reply on 2026-03-05"; an enrollment created after the
 *       event's day is left alone (an old reply in an events file does not stop a new sequence);</li>
 *   <li>{@code optout} and {@code bounce} suppress the address for good and stop every open
 *       enrollment, whatever {@code stop_on} says;</li>
 *   <li>an {@code on_event} rule of {@code cadence.yaml} enrolls the contact in its sequence
 *       (through the {@link Enroller}, so suppression, exclusivity and reenroll rules hold).</li>
 * </ul>
 *
 * <p>Times: an event or touch may not be dated after today, nor before the day the contact was
 * added to the ledger; both compared as calendar dates in the workspace time zone (so
 * {@code --at 2026-03-06} on the day a contact was imported is accepted).
 *
 * <p>A sequence file that is missing or broken no longer tells its {@code stop_on}: the default
 * ({@link Sequence#DEFAULT_STOP_ON}) is applied, which errs on the side of stopping.
 */
public final class Outcomes {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Ledger ledger;
    private final SequenceLibrary library;
    private final WorkspaceConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final Enroller enroller;
    private final Schedule schedule;
    private final DueUpdater dueUpdater;
    private final DueRefresher refresher;

    public Outcomes(Ledger ledger, SequenceLibrary library, WorkspaceConfig config, Clock clock) {
        this.ledger = ledger;
        this.library = library;
        this.config = config;
        this.clock = clock;
        this.zone = config.timezone();
        this.enroller = new Enroller(ledger, library, clock, zone);
        this.schedule = Schedule.of(config, clock);
        this.dueUpdater = new DueUpdater(ledger, library, schedule);
        this.refresher = new DueRefresher(ledger, library, schedule, enroller);
    }

    // ---------------------------------------------------------------- results

    /** What an event changed: enrollments stopped (as they are now), a new suppression, an on_event enrollment. */
    public record Effects(List<Enrollment> stopped, Optional<SuppressionReason> suppressed,
                          Optional<Enroller.Result> enrolled) {
        static final Effects NONE = new Effects(List.of(), Optional.empty(), Optional.empty());
    }

    /** A touch logged with {@link #log}; {@code event} is the event its outcome implied, if any. */
    public record Logged(Contact contact, Touch touch, Optional<Event> event, Effects effects) {}

    /** An event recorded and what it changed. */
    public record Recorded(Contact contact, Event event, Effects effects) {}

    /** A manual touch to log: {@code at} null means now; {@code step} null, "ID" or "SEQUENCE/ID". */
    public record LogRequest(Channel channel, String outcome, String note, Instant at, String step) {}

    /** One event of a bulk import ({@link #recordEvents}): a contact reference (id or email), type, time, note. */
    public record NewEvent(String ref, EventType type, Instant at, String note) {}

    /** The answer for one {@link NewEvent}. */
    public sealed interface EventResult permits Accepted, Rejected {
        NewEvent input();
    }

    public record Accepted(NewEvent input, Recorded recorded) implements EventResult {}

    public record Rejected(NewEvent input, String reason) implements EventResult {}

    /** How many events of a bulk import were recorded and how many rejected. */
    public record Summary(long recorded, long rejected) {}

    // ---------------------------------------------------------------- log

    /**
     * Records a manual touch (status {@code done}) with its outcome and note. With {@code step},
     * the touch is recorded against the contact's open enrollment that has that step (so the
     * schedule sees the step done); otherwise against the due manual step of that channel when
     * the schedule knows one ({@link #dueManualStep}), else off-sequence. An outcome that implies
     * an event ({@link Outcome#impliedEvent}: meeting-booked, replied, bounced) records it too
     * and applies its consequences. Invalid input (unknown outcome, step, time) is exit 2 and
     * nothing is written.
     */
    public Logged log(Contact contact, LogRequest r) {
        Objects.requireNonNull(r.channel(), "channel");
        String outcome = checked(() -> Outcome.check(r.channel(), r.outcome()));
        String note = r.note() == null ? null : checked(() -> FreeText.check("note", r.note(), true));
        Instant at = when(contact, r.at(), "touch");
        return ledger.inTransaction(() -> {
            Optional<StepTarget> target = r.step() != null
                    ? Optional.of(stepTarget(contact, r.step(), r.channel()))
                    : dueManualStep(contact, r.channel(), at);
            Touch touch = target.isPresent()
                    ? insertForStep(contact, target.get(), r.channel(), outcome, note, at)
                    : ledger.touches().insert(Touch.offSequence(contact.id(), r.channel(), outcome, note, at));
            target.ifPresent(t -> stepDone(t, touch));
            Optional<EventType> implied = Outcome.impliedEvent(r.channel(), outcome);
            Logged logged;
            if (implied.isEmpty()) {
                logged = new Logged(contact, touch, Optional.empty(), Effects.NONE);
            } else {
                Event e = ledger.events().add(new Event(0, contact.id(), implied.get(), at,
                        r.channel().id() + " " + outcome, "log", touch.id(), null));
                logged = new Logged(contact, touch, Optional.of(e), apply(contact, e));
            }
            // any touch moves the caps of the contact's other enrollments
            reschedule(contact.id());
            return logged;
        });
    }

    /**
     * An open enrollment and one of its sequence's steps: where a logged touch goes;
     * {@code dueAt} when the schedule says it was due (null: the enrollment's stored due time if
     * it is the current step).
     */
    public record StepTarget(Enrollment enrollment, Step step, int occurrence, Instant dueAt) {
        public StepTarget(Enrollment enrollment, Step step, int occurrence) {
            this(enrollment, step, occurrence, null);
        }
    }

    /**
     * The manual step of {@code channel} that {@code cadence log} without {@code --step}
     * completes: over the contact's open enrollments, the schedule's next action that is a
     * manual (blocking) step of that channel, due at or before the end of {@code at}'s day in
     * the contact's time zone; the earliest due when several are. None: the touch is recorded
     * off-sequence (it still counts for caps and stage gates) and a blocking step of another
     * channel keeps blocking.
     */
    Optional<StepTarget> dueManualStep(Contact contact, Channel channel, Instant at) {
        ZoneId contactZone = schedule.zoneOf(contact);
        Instant endOfDay = at.atZone(contactZone).toLocalDate().plusDays(1).atStartOfDay(contactZone).toInstant();
        ContactHistory history = history(contact);
        StepTarget best = null;
        for (Enrollment e : ledger.enrollments().findActiveByContact(contact.id())) {
            Optional<Sequence> seq = library.find(e.sequence());
            if (seq.isEmpty()) continue;
            NextAction a = schedule.next(seq.get(), e, history);
            if (a.kind() != NextAction.Kind.MANUAL || a.step().orElseThrow().channel() != channel) continue;
            Instant due = a.dueAt().orElse(null);
            if (due == null || !due.isBefore(endOfDay)) continue;
            if (best == null || due.isBefore(best.dueAt())) best = new StepTarget(e, a.step().get(), a.occurrence(), due);
        }
        return Optional.ofNullable(best);
    }

    /**
     * Called in the logging transaction after {@code touch} completed the step of
     * {@code target}: the enrollment moves on (skips recorded, next step and {@code next_due_at}
     * stored, completed when it was the last step).
     */
    void stepDone(StepTarget target, Touch touch) {
        // recompute, and chain into on_complete when this was the last step
        if (library.find(target.enrollment().sequence()).isPresent()) refresher.recompute(target.enrollment().id());
    }

    /**
     * Recomputes the due time of every open enrollment of the contact whose sequence is usable
     * (a missing or broken sequence file is left for {@code validate} to report, not an error
     * here).
     */
    private void reschedule(long contactId) {
        for (Enrollment e : ledger.enrollments().findActiveByContact(contactId)) {
            if (library.find(e.sequence()).isPresent()) refresher.recompute(e.id());
        }
    }

    private ContactHistory history(Contact contact) {
        return new ContactHistory(contact, ledger.touches().listByContact(contact.id()),
                ledger.events().listByContact(contact.id()), ledger.suppressions().isSuppressed(contact.emailNorm()));
    }

    // ---------------------------------------------------------------- skip

    /** {@code cadence skip}: why (required), and optionally which sequence and step. */
    public record SkipRequest(String reason, String sequence, String step) {}

    /** A skipped step: its {@code skipped} touch (the reason as its note) and where the enrollment went. */
    public record Skipped(Contact contact, Touch touch, DueUpdater.Update update) {}

    /**
     * Skips the current manual (blocking) step of one of the contact's open enrollments
     * ({@code sequence}: of that one; {@code step}: only if it is that step), with a reason kept
     * as the note of a {@code skipped} touch, and moves the enrollment on. Exit 2, nothing
     * written, when the reason is missing or not clean text, when no open enrollment has a manual
     * step as its next action (the message says what comes next instead), or when several do and
     * no sequence was named.
     */
    public Skipped skip(Contact contact, SkipRequest r) {
        if (r.reason() == null || r.reason().isBlank()) {
            throw CadenceException.invalid("a reason is required to skip a step (--reason TEXT); nothing was skipped");
        }
        String reason = checked(() -> FreeText.check("reason", r.reason(), true));
        return ledger.inTransaction(() -> {
            List<Enrollment> open = ledger.enrollments().findActiveByContact(contact.id());
            if (r.sequence() != null) {
                List<Enrollment> in = open.stream().filter(e -> e.sequence().equals(r.sequence())).toList();
                if (in.isEmpty()) {
                    throw CadenceException.invalid("nothing to skip: " + contact.email() + " is not active or paused in "
                            + r.sequence() + (open.isEmpty() ? "" : " (open: " + String.join(", ",
                            open.stream().map(Enrollment::sequence).toList()) + ")"));
                }
                open = in;
            }
            if (open.isEmpty()) {
                throw CadenceException.invalid("nothing to skip: " + contact.email() + " has no active or paused enrollment");
            }
            ContactHistory history = history(contact);
            List<StepTarget> manual = new ArrayList<>();
            List<String> instead = new ArrayList<>();
            for (Enrollment e : open) {
                Optional<Sequence> seq = library.find(e.sequence());
                if (seq.isEmpty()) {
                    instead.add(e.sequence() + ": its sequence file is missing or has problems");
                    continue;
                }
                NextAction a = schedule.next(seq.get(), e, history);
                if (a.kind() == NextAction.Kind.MANUAL
                        && (r.step() == null || a.step().orElseThrow().id().equals(r.step().strip()))) {
                    manual.add(new StepTarget(e, a.step().orElseThrow(), a.occurrence(), a.dueAt().orElse(null)));
                } else {
                    instead.add(e.sequence() + ": " + a.explanation());
                }
            }
            if (manual.isEmpty()) {
                throw CadenceException.invalid("no manual step to skip for " + contact.email()
                        + (r.step() == null ? "" : " matching --step " + r.step().strip()) + "; next: "
                        + String.join("; ", instead));
            }
            if (manual.size() > 1) {
                throw CadenceException.invalid(contact.email() + " has manual steps in several sequences ("
                        + String.join(", ", manual.stream().map(t -> t.enrollment().sequence() + "/" + t.step().id())
                        .toList()) + "); name one with --sequence; nothing was skipped");
            }
            StepTarget t = manual.get(0);
            Enrollment e = t.enrollment();
            Touch touch = ledger.touches().insert(new Touch(0, e.id(), contact.id(), e.sequence(), t.step().id(),
                    t.occurrence(), t.step().channel(), TouchKind.MANUAL, TouchStatus.SKIPPED, null, reason, null, null,
                    null, null, null, 0, t.dueAt(), clock.instant(), null));
            DueUpdater.Update update = dueUpdater.update(e.id());
            refresher.chain(e, update);
            return new Skipped(contact, touch, update);
        });
    }

    private Touch insertForStep(Contact contact, StepTarget t, Channel channel, String outcome, String note,
                                Instant at) {
        Enrollment e = t.enrollment();
        Instant dueAt = t.dueAt() != null ? t.dueAt() : t.step().id().equals(e.currentStep()) ? e.nextDueAt() : null;
        try {
            return ledger.touches().insert(new Touch(0, e.id(), contact.id(), e.sequence(), t.step().id(),
                    t.occurrence(), channel, TouchKind.MANUAL, TouchStatus.DONE, outcome, note, null, null, null,
                    null, null, 0, dueAt, at, null));
        } catch (DuplicateKeyException x) {
            throw CadenceException.invalid("step '" + t.step().id() + "' of " + e.sequence()
                    + " is already recorded for " + contact.email() + "; nothing was logged");
        }
    }

    /**
     * The step {@code ref} ("ID" or "SEQUENCE/ID") in the contact's open enrollments; exit 2 when
     * no open enrollment has it, when two do (name the sequence), when the step is of another
     * channel, or when it was already done.
     */
    StepTarget stepTarget(Contact contact, String ref, Channel channel) {
        String r = ref.strip();
        int slash = r.indexOf('/');
        String seqName = slash < 0 ? null : r.substring(0, slash);
        String stepId = slash < 0 ? r : r.substring(slash + 1);
        List<Enrollment> open = ledger.enrollments().findActiveByContact(contact.id());
        List<StepTarget> found = new ArrayList<>();
        for (Enrollment e : open) {
            if (seqName != null && !e.sequence().equals(seqName)) continue;
            Optional<Step> step = library.find(e.sequence()).flatMap(s -> s.step(stepId));
            if (step.isPresent()) found.add(new StepTarget(e, step.get(), 1));
        }
        if (found.isEmpty()) {
            String where = open.isEmpty() ? contact.email() + " has no active or paused enrollment"
                    : "open enrollments of " + contact.email() + ": " + String.join(", ", open.stream()
                            .map(e -> e.sequence() + " (" + library.find(e.sequence())
                                    .map(s -> String.join(", ", s.steps().stream().map(Step::id).toList()))
                                    .orElse("sequence file missing or broken") + ")").toList());
            throw CadenceException.invalid("unknown step '" + r + "': " + where + "; nothing was logged");
        }
        if (found.size() > 1) {
            throw CadenceException.invalid("step '" + stepId + "' is in several open enrollments of " + contact.email()
                    + " (" + String.join(", ", found.stream().map(t -> t.enrollment().sequence()).toList())
                    + "); give SEQUENCE/" + stepId + "; nothing was logged");
        }
        StepTarget t = found.get(0);
        if (t.step().channel() != channel) {
            String ch = t.step().channel().id();
            throw CadenceException.invalid("step '" + stepId + "' of " + t.enrollment().sequence() + " is "
                    + ("aeiou".indexOf(ch.charAt(0)) >= 0 ? "an " : "a ") + ch + " step; log it with --channel " + t.step().channel().id()
                    + "; nothing was logged");
        }
        Enrollment e = t.enrollment();
        int occurrence = stepId.equals(e.currentStep()) ? e.occurrence() : 1;
        for (Touch x : ledger.touches().listByEnrollment(e.id())) {
            if (stepId.equals(x.stepId()) && x.occurrence() == occurrence) {
                throw CadenceException.invalid("step '" + stepId + "' of " + e.sequence() + " is already recorded for "
                        + contact.email() + " (" + x.status().dbValue()
                        + (x.at() == null ? "" : " on " + day(x.at())) + "); nothing was logged");
            }
        }
        return new StepTarget(e, t.step(), occurrence);
    }

    // ---------------------------------------------------------------- events

    /**
     * Records an event (at null: now) and applies its consequences (see the class comment) in
     * one transaction. {@code source} says how it was learnt ("cli", "import", ...).
     */
    public Recorded event(Contact contact, EventType type, Instant at, String note, String source) {
        Objects.requireNonNull(type, "type");
        String text = note == null ? null : checked(() -> FreeText.check("note", note, true));
        Instant when = when(contact, at, "event");
        checkOnEvent(type);
        return ledger.inTransaction(() -> {
            Event e = ledger.events().add(Event.of(contact.id(), type, when, text, source));
            return new Recorded(contact, e, apply(contact, e));
        });
    }

    /**
     * Records events in bulk, for {@code cadence import --events FILE}: each is checked (contact
     * known, time not after today nor before the contact, note text) and either recorded with
     * its consequences ({@link Accepted}) or refused with the reason ({@link Rejected}); both
     * are handed to {@code each} as they go, so a large file never sits in memory. All of it is
     * one transaction: an unexpected failure records nothing. Any {@code on_event} rule naming
     * a sequence that cannot be used is an error for the whole call (exit 2), nothing recorded.
     */
    public Summary recordEvents(Iterable<NewEvent> events, String source, Consumer<? super EventResult> each) {
        for (EventType t : config.onEvent().keySet()) checkOnEvent(t);
        return ledger.inTransaction(() -> {
            long ok = 0;
            long rejected = 0;
            for (NewEvent n : events) {
                EventResult result;
                try {
                    if (n.type() == null) throw CadenceException.invalid("no event type");
                    if (n.ref() == null || n.ref().isBlank()) throw CadenceException.invalid("no contact");
                    Contact c = ledger.contacts().getByRef(n.ref());
                    result = new Accepted(n, event(c, n.type(), n.at(), n.note(), source));
                } catch (CadenceException x) {
                    if (x.status() != dev.cadence.error.ExitStatus.INVALID) throw x;
                    result = new Rejected(n, x.getMessage());
                }
                if (result instanceof Accepted) ok++;
                else rejected++;
                each.accept(result);
            }
            return new Summary(ok, rejected);
        });
    }

    /** The consequences of {@code e} for {@code contact}, in the caller's transaction. */
    private Effects apply(Contact contact, Event e) {
        EventType type = e.type();
        boolean suppresses = type == EventType.OPTOUT || type == EventType.BOUNCE;
        LocalDate eventDay = e.at().atZone(zone).toLocalDate();
        String reason = type.id() + " on " + eventDay;

        List<Enrollment> stopped = new ArrayList<>();
        for (Enrollment en : ledger.enrollments().findActiveByContact(contact.id())) {
            Sequence seq = library.find(en.sequence()).orElse(null);
            boolean stops = suppresses
                    || ((seq == null ? Sequence.DEFAULT_STOP_ON : seq.stopOn()).contains(type)
                        && !en.createdAt().atZone(zone).toLocalDate().isAfter(eventDay));
            if (stops && ledger.enrollments().updateState(en.id(), EnrollmentState.STOPPED, reason)) {
                stopped.add(ledger.enrollments().findById(en.id()).orElseThrow());
            }
        }

        Optional<SuppressionReason> suppressed = Optional.empty();
        if (suppresses) {
            SuppressionReason why = type == EventType.OPTOUT ? SuppressionReason.OPTOUT : SuppressionReason.BOUNCE;
            if (ledger.suppressions().add(contact.emailNorm(), why, "event #" + e.id())) suppressed = Optional.of(why);
        }

        Optional<Enroller.Result> enrolled = Optional.empty();
        WorkspaceConfig.OnEvent rule = config.onEvent().get(type);
        if (rule != null) {
            Contact now = ledger.contacts().findById(contact.id()).orElseThrow();
            enrolled = Optional.of(enroller.enroll(now, onEventSequence(rule), null));
        }
        return new Effects(List.copyOf(stopped), suppressed, enrolled);
    }

    /** Exit 2 before anything is written when an on_event rule for {@code type} names an unusable sequence. */
    private void checkOnEvent(EventType type) {
        WorkspaceConfig.OnEvent rule = config.onEvent().get(type);
        if (rule != null) onEventSequence(rule);
    }

    private Sequence onEventSequence(WorkspaceConfig.OnEvent rule) {
        return library.find(rule.enroll()).orElseThrow(() -> CadenceException.invalid("on_event." + rule.event().id()
                + ".enroll: sequence '" + rule.enroll() + "' "
                + (library.declaredNames().contains(rule.enroll()) ? "has problems" : "does not exist")
                + " (" + rule.location() + "); run 'cadence validate'; nothing was recorded"));
    }

    // ---------------------------------------------------------------- times

    /**
     * {@code at}, or now when null; exit 2 when its day (workspace time zone) is after today or
     * before the day the contact was added to the ledger.
     */
    public Instant when(Contact contact, Instant at, String what) {
        Instant now = clock.instant();
        if (at == null) return now;
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (day.isAfter(today)) {
            throw CadenceException.invalid(what + " time " + WHEN.format(at.atZone(zone)) + " is in the future (today is "
                    + today + " in " + zone.getId() + "); nothing was recorded");
        }
        if (contact.createdAt() != null) {
            LocalDate created = contact.createdAt().atZone(zone).toLocalDate();
            if (day.isBefore(created)) {
                throw CadenceException.invalid(what + " time " + WHEN.format(at.atZone(zone)) + " is before "
                        + contact.email() + " was added to the ledger (" + created + "); nothing was recorded");
            }
        }
        return at;
    }

    private LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private static String checked(java.util.function.Supplier<String> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid(e.getMessage());
        }
    }
}
