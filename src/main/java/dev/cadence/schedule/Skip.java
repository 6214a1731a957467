package dev.cadence.schedule;

import dev.cadence.sequence.Step;
import java.time.Instant;

/**
 * A step occurrence that came due and does not apply: record it as a {@code skipped} touch
 * with {@code reason} (design §4), {@code dueAt} as its due time.
 */
public record Skip(Step step, int occurrence, Instant dueAt, String reason) {
}
