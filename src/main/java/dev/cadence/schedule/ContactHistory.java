package dev.cadence.schedule;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import java.util.List;
import java.util.Objects;

/**
 * What the schedule knows about one contact: its fields, every touch it had on any sequence
 * (and off-sequence; the caps count them all), its events, and whether its address is
 * suppressed (looked up by the caller: the schedule reads no repository).
 */
public record ContactHistory(Contact contact, List<Touch> touches, List<Event> events, boolean suppressed) {

    public ContactHistory {
        Objects.requireNonNull(contact, "contact");
        touches = List.copyOf(touches);
        events = List.copyOf(events);
    }

    /** {@code contact}'s history from rows read for a set of contacts ({@code due}, a run's batch). */
    public static ContactHistory of(Contact contact, dev.cadence.ledger.DueQuery.Rows rows) {
        return new ContactHistory(contact, rows.touchesOf(contact.id()), rows.eventsOf(contact.id()),
                rows.suppressed().contains(contact.id()));
    }

    /** The touches of one enrollment. */
    public List<Touch> touchesOf(long enrollmentId) {
        return touches.stream().filter(t -> t.enrollmentId() != null && t.enrollmentId() == enrollmentId).toList();
    }
}
