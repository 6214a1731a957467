package dev.cadence.ledger;

import java.time.Instant;

/** Context for the next touch, written by a rep ({@code author} may be null). */
public record Note(long id, long contactId, String body, String author, Instant createdAt) {
}
