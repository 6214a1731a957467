package dev.cadence.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of an enrollment's state, as recorded in the append-only history: from what to
 * what, why ({@code reason}, may be null), until when for a pause ({@code pausedUntil}, may be
 * null), and when.
 */
public record EnrollmentChange(long id, long enrollmentId, long contactId, String sequence, EnrollmentState from,
                               EnrollmentState to, String reason, LocalDate pausedUntil, Instant at) {
}
