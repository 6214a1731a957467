package dev.cadence.agenda;

import dev.cadence.enrollment.DueRefresher;
import dev.cadence.enrollment.Enroller;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.render.RenderResult;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.schedule.ContactHistory;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Schedule;
import dev.cadence.schedule.Variants;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a step would send or say to one contact, and why it is or is not due now
 * ({@code cadence preview}). Reads the contact's open enrollments after bringing their due times
 * up to date; renders with the same {@link TouchContent} as {@code due} and {@code run}.
 */
public final class Preview {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.ENGLISH);

    private final WorkspaceConfig config;
    private final Ledger ledger;
    private final SequenceLibrary library;
    private final Clock clock;
    private final Schedule schedule;
    private final TouchContent content;
    private final DueRefresher refresher;

    public Preview(WorkspaceConfig config, Ledger ledger, SequenceLibrary library, Clock clock, Renderer renderer) {
        this.config = config;
        this.ledger = ledger;
        this.library = library;
        this.clock = clock;
        this.schedule = Schedule.of(config, clock);
        this.content = new TouchContent(config, renderer, UnsubscribeToken.unkeyed());
        this.refresher = new DueRefresher(ledger, library, schedule, new Enroller(ledger, library, clock, config.timezone()));
    }

    /**
     * One previewed step. {@code enrollment} is empty when the contact is not enrolled in the
     * sequence (a look at what it would get); {@code step} is empty when the enrollment has no
     * step left (finished, stopped). {@code why} explains the due time or its absence.
     */
    public record Item(Contact contact, Sequence sequence, Optional<Enrollment> enrollment, Optional<Step> step,
                       int occurrence, Optional<String> variant, boolean dueNow, String why, Optional<RenderResult> rendered,
                       ZoneId zone) {}

    /**
     * The contact's next step in each open enrollment ({@code sequence} null: all of them), or
     * {@code stepId} of that sequence. An unknown sequence or step is invalid input listing what exists.
     */
    public List<Item> preview(Contact contact, String sequence, String stepId) {
        refresher.refresh();
        Instant now = clock.instant();
        if (sequence != null && library.find(sequence).isEmpty()) {
            throw CadenceException.invalid("unknown sequence '" + sequence + "'" + SequenceLoader.hint(sequence,
                    new TreeSet<>(library.names())));
        }
        List<Enrollment> open = ledger.enrollments().findActiveByContact(contact.id()).stream()
                .filter(e -> sequence == null || e.sequence().equals(sequence)).toList();
        ContactHistory h = new ContactHistory(contact, ledger.touches().listByContact(contact.id()),
                ledger.events().listByContact(contact.id()), ledger.suppressions().isSuppressed(contact.emailNorm()));
        var notes = ledger.notes().listByContact(contact.id());
        ZoneId zone = schedule.zoneOf(contact);
        List<Item> out = new ArrayList<>();

        if (open.isEmpty()) {
            if (sequence == null) {
                throw CadenceException.invalid(contact.email() + " has no active or paused enrollment; give --sequence S"
                        + " (and --step ID) to preview what a sequence would send");
            }
            Sequence seq = library.find(sequence).orElseThrow();
            Step step = stepId == null ? seq.steps().get(0) : stepOf(seq, stepId);
            Optional<String> variant = Variants.assign(contact.emailNorm(), seq.name(), step);
            String why = contact.email() + " is not enrolled in " + seq.name() + enrolledBefore(contact, seq.name())
                    + ": nothing is due; this is what " + step.id() + " would say";
            out.add(new Item(contact, seq, Optional.empty(), Optional.of(step), 1, variant, false, why,
                    Optional.of(content.render(contact, seq, step, variant, List.of(), notes, now)), zone));
            return out;
        }

        List<Enrollment> targets = open;
        if (stepId != null && sequence == null) {
            targets = open.stream().filter(e -> library.find(e.sequence()).flatMap(s -> s.step(stepId)).isPresent()).toList();
            if (targets.isEmpty()) {
                throw CadenceException.invalid("no step '" + stepId + "' in the sequences of " + contact.email() + "; "
                        + open.stream().map(e -> e.sequence() + ": " + library.find(e.sequence()).map(Preview::stepIds)
                                .orElse("(not defined)")).collect(Collectors.joining("; ")));
            }
        }
        for (Enrollment e : targets) {
            Optional<Sequence> found = library.find(e.sequence());
            if (found.isEmpty()) {
                throw CadenceException.invalid(contact.email() + " is in sequence '" + e.sequence()
                        + "', which is not defined in sequences/ (or has problems: run cadence validate)");
            }
            Sequence seq = found.get();
            NextAction a = schedule.next(seq, e, h);
            List<Touch> mine = h.touchesOf(e.id());
            if (stepId == null) {
                if (a.step().isEmpty()) {
                    out.add(new Item(contact, seq, Optional.of(e), Optional.empty(), 0, Optional.empty(), false,
                            a.explanation(), Optional.empty(), zone));
                    continue;
                }
                Step step = a.step().get();
                out.add(new Item(contact, seq, Optional.of(e), Optional.of(step), a.occurrence(), a.variant(), a.isDue(now),
                        status(a, now, zone), Optional.of(content.render(contact, seq, step, a.variant(), mine, notes, now)), zone));
                continue;
            }
            Step step = stepOf(seq, stepId);
            boolean next = a.step().map(s -> s.id().equals(step.id())).orElse(false);
            Optional<String> variant = next ? a.variant() : recordedVariant(mine, step)
                    .or(() -> Variants.assign(contact.emailNorm(), seq.name(), step));
            String why = next ? status(a, now, zone) : notNext(step, a, mine, zone);
            out.add(new Item(contact, seq, Optional.of(e), Optional.of(step), next ? a.occurrence() : 1, variant,
                    next && a.isDue(now), why, Optional.of(content.render(contact, seq, step, variant, mine, notes, now)), zone));
        }
        return out;
    }

    /** Why the next action is what it is; the explanation says when it is due and what moved it. */
    private String status(NextAction a, Instant now, ZoneId zone) {
        return switch (a.kind()) {
            case AUTO, MANUAL, PAUSED, FINISHED, STOPPED -> a.explanation();
            case HELD -> "held, nothing is sent automatically until a person resolves it: " + a.explanation();
        };
    }

    private String notNext(Step step, NextAction a, List<Touch> mine, ZoneId zone) {
        List<Touch> own = mine.stream().filter(t -> step.id().equals(t.stepId())).toList();
        for (Touch t : own) {
            if (t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE) {
                return "not due: " + step.id() + " was already done" + (t.at() == null ? "" : " on " + t.at().atZone(zone).format(WHEN))
                        + "; next: " + a.step().map(Step::id).orElse("nothing") + " — " + a.explanation();
            }
            if (t.status() == TouchStatus.SKIPPED) {
                return "not due: " + step.id() + " was skipped (" + (t.note() == null ? "no reason" : t.note()) + "); next: "
                        + a.step().map(Step::id).orElse("nothing") + " — " + a.explanation();
            }
        }
        if (a.step().isEmpty()) return "not due — " + a.explanation();
        return "not due: " + a.step().get().id() + " comes first (" + a.kind().name().toLowerCase(Locale.ROOT) + ") — "
                + a.explanation();
    }

    private static Optional<String> recordedVariant(List<Touch> mine, Step step) {
        return mine.stream().filter(t -> step.id().equals(t.stepId()) && t.variant() != null).map(Touch::variant).findFirst();
    }

    private String enrolledBefore(Contact contact, String seq) {
        return ledger.enrollments().findByContact(contact.id()).stream().filter(e -> e.sequence().equals(seq))
                .reduce((x, y) -> y).map(e -> " (its enrollment there is " + e.state().dbValue()
                        + (e.stopReason() == null ? "" : ", " + e.stopReason()) + ")").orElse("");
    }

    private static Step stepOf(Sequence seq, String stepId) {
        return seq.step(stepId).orElseThrow(() -> CadenceException.invalid("unknown step '" + stepId + "' in sequence "
                + seq.name() + "; its steps: " + stepIds(seq)));
    }

    static String stepIds(Sequence seq) {
        return seq.steps().stream().map(Step::id).collect(Collectors.joining(", "));
    }
}
