package dev.cadence.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contact's run through one sequence. {@code startDate} is day 1 (the contact's local
 * date); {@code currentStep}/{@code occurrence} the next step to do (null before the schedule
 * first looks at it); {@code nextDueAt} the cached due time (null: nothing due).
 */
public record Enrollment(long id, long contactId, String sequence, EnrollmentState state, String stopReason,
                         LocalDate startDate, String currentStep, int occurrence, Instant nextDueAt,
                         LocalDate pausedUntil, Instant createdAt, Instant updatedAt) {
}
