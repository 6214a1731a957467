package dev.cadence.ledger;

import java.time.Instant;

/** An address on the do-not-contact list; {@code source} says where from (a file, "event", ...). */
public record Suppression(String emailNorm, SuppressionReason reason, String source, Instant createdAt) {
}
