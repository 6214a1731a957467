package dev.cadence.ledger;

import dev.cadence.model.EventType;
import java.time.Instant;

/**
 * Something that happened to a contact at {@code at}; {@code source} says how it was learnt
 * (cli, import, run), {@code touchId} the touch it answers, when known. {@code id} and
 * {@code createdAt} are assigned by the ledger.
 */
public record Event(long id, long contactId, EventType type, Instant at, String note, String source, Long touchId,
                    Instant createdAt) {

    /** A new event to {@link EventRepository#add}. */
    public static Event of(long contactId, EventType type, Instant at, String note, String source) {
        return new Event(0, contactId, type, at, note, source, null, null);
    }
}
