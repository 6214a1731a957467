package dev.cadence.schedule;

import dev.cadence.sequence.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an enrollment does next (design §6): the result of {@link Schedule#next}.
 *
 * <ul>
 *   <li>{@link Kind#AUTO}: {@code step}/{@code occurrence} is sent by {@code run} at or after
 *       {@code dueAt} (inside the window; {@link SendWindow#isSendableNow}).</li>
 *   <li>{@link Kind#MANUAL}: a rep does {@code step} at or after {@code dueAt}; it blocks the
 *       enrollment until it is logged or skipped.</li>
 *   <li>{@link Kind#HELD}: the step has a touch that must not be repeated automatically
 *       ({@code sending} by a run, {@code in_doubt}, or {@code failed} too often); nothing is due
 *       until a person resolves it.</li>
 *   <li>{@link Kind#PAUSED}: the enrollment or the contact is paused; {@code dueAt}, when
 *       present, is when the step comes due once the pause ends.</li>
 *   <li>{@link Kind#FINISHED}: every step is done or skipped; {@code onComplete} names the
 *       sequence to chain into.</li>
 *   <li>{@link Kind#STOPPED}: a stop rule fired; {@code stopReason} says which
 *       ({@code reply}, {@code suppressed}, ...).</li>
 * </ul>
 *
 * {@code skips} are the step occurrences that came due before this action and whose condition
 * failed; the caller records each as a {@code skipped} touch. {@code nominalAt} is the planned
 * time before business days, the window and the caps moved it. {@code explanation} says why,
 * in words a rep understands (printed by {@code preview}).
 */
public record NextAction(Kind kind, Optional<Step> step, int occurrence, Optional<Instant> dueAt,
                         Optional<Instant> nominalAt, Optional<String> variant, List<Skip> skips,
                         Optional<String> stopReason, Optional<String> onComplete, String explanation) {

    public enum Kind { AUTO, MANUAL, HELD, PAUSED, FINISHED, STOPPED }

    public NextAction {
        skips = List.copyOf(skips);
    }

    /** A manual step: blocks the enrollment until logged or skipped. */
    public boolean blocking() {
        return kind == Kind.MANUAL;
    }

    /** An auto or manual step whose due time has come at {@code now}. */
    public boolean isDue(Instant now) {
        return (kind == Kind.AUTO || kind == Kind.MANUAL) && dueAt.isPresent() && !dueAt.get().isAfter(now);
    }

    /** The enrollment is over (completed or stopped). */
    public boolean finished() {
        return kind == Kind.FINISHED || kind == Kind.STOPPED;
    }

    /**
     * The value of {@code enrollments.next_due_at}: the due time of an auto or manual step, or
     * of a step waiting for a dated pause to end; null when nothing will come due on its own.
     */
    public Instant nextDueAt() {
        return switch (kind) {
            case AUTO, MANUAL, PAUSED -> dueAt.orElse(null);
            case HELD, FINISHED, STOPPED -> null;
        };
    }
}
