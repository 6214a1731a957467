package dev.cadence.ledger;

import java.time.Instant;

/**
 * A contact moved from one stage to another ({@code from} null: it had none). {@code forced}:
 * the target stage's requirements were not met and a person overrode them, saying why
 * ({@code reason}) and, when given, who ({@code actor}). {@code id} and {@code createdAt} are
 * assigned by the ledger.
 */
public record StageChange(long id, long contactId, String from, String to, boolean forced, String reason,
                          String actor, Instant at, Instant createdAt) {
}
