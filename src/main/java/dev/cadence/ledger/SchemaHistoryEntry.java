package dev.cadence.ledger;

import java.time.Instant;

/** One row of {@code schema_history}: a migration applied (or attempted, {@code success=false}). */
public record SchemaHistoryEntry(int installedRank, int version, String description, String script,
                                 long checksum, Instant appliedAt, long executionMillis, boolean success) {
}
