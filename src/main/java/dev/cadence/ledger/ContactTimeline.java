package dev.cadence.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the ledger knows about one contact, for {@code contacts show}: notes, enrollments,
 * touches (with what was said), events, suppression, and one timeline of all of it, oldest first.
 */
public record ContactTimeline(Contact contact, List<Note> notes, List<Enrollment> enrollments, List<Touch> touches,
                              List<Event> events, Optional<Suppression> suppression, List<Entry> timeline) {

    /** One line of the timeline: when, what kind of thing, and what was said or done. */
    public record Entry(Instant at, String kind, String summary, String detail) {}

    public static ContactTimeline load(Ledger ledger, Contact c) {
        List<Note> notes = ledger.notes().listByContact(c.id());
        List<Enrollment> enrollments = ledger.enrollments().findByContact(c.id());
        List<Touch> touches = ledger.touches().listByContact(c.id());
        List<Event> events = ledger.events().listByContact(c.id());
        Optional<Suppression> suppression = ledger.suppressions().find(c.emailNorm());

        List<Entry> t = new ArrayList<>();
        t.add(new Entry(c.createdAt(), "created", "added to the ledger", null));
        for (Enrollment e : enrollments) {
            t.add(new Entry(e.createdAt(), "enrolled", "enrolled in " + e.sequence() + " (day 1 = " + e.startDate() + ")", null));
            if (!e.state().isOpen() || e.state() == EnrollmentState.PAUSED) {
                t.add(new Entry(e.updatedAt(), e.state().dbValue(), e.sequence() + " " + e.state().dbValue()
                        + (e.stopReason() == null ? "" : ": " + e.stopReason()), null));
            }
        }
        for (Touch x : touches) {
            StringBuilder s = new StringBuilder(x.channel().id()).append(' ').append(x.status().dbValue());
            if (x.sequence() != null) s.append(" · ").append(x.sequence()).append('/').append(x.stepId());
            if (x.outcome() != null) s.append(" · ").append(x.outcome());
            if (x.subject() != null) s.append(" · \"").append(x.subject()).append('"');
            String detail = x.note() != null ? x.note() : x.error();
            t.add(new Entry(x.at() != null ? x.at() : x.createdAt(), "touch", s.toString(), detail));
        }
        for (Event e : events) {
            t.add(new Entry(e.at(), "event", e.type().id() + (e.source() == null ? "" : " (" + e.source() + ")"), e.note()));
        }
        for (Note n : notes) {
            t.add(new Entry(n.createdAt(), "note", n.author() == null ? "note" : "note by " + n.author(), n.body()));
        }
        suppression.ifPresent(s -> t.add(new Entry(s.createdAt(), "suppressed", "suppressed: " + s.reason().dbValue()
                + (s.source() == null ? "" : " (" + s.source() + ")"), null)));
        t.sort(Comparator.comparing(Entry::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new ContactTimeline(c, notes, enrollments, touches, events, suppression, List.copyOf(t));
    }
}
