package dev.cadence.ledger;

import dev.cadence.model.Channel;
import java.time.Instant;

/**
 * One attempt to reach a contact. {@code enrollmentId} is null for a touch logged
 * off-sequence; (enrollmentId, stepId, occurrence) is unique, which is what makes a send happen
 * at most once. {@code at} is when it was done, {@code dueAt} when it was due. {@code id} and
 * {@code createdAt} are assigned by the ledger.
 */
public record Touch(long id, Long enrollmentId, long contactId, String sequence, String stepId, int occurrence,
                    Channel channel, TouchKind kind, TouchStatus status, String outcome, String note,
                    String subject, String body, String messageId, String variant, String error, int attempts,
                    Instant dueAt, Instant at, Instant createdAt) {

    /** A manual touch logged by a rep, outside any sequence. */
    public static Touch offSequence(long contactId, Channel channel, String outcome, String note, Instant at) {
        return new Touch(0, null, contactId, null, null, 1, channel, TouchKind.MANUAL, TouchStatus.DONE, outcome,
                note, null, null, null, null, null, 0, null, at, null);
    }
}
