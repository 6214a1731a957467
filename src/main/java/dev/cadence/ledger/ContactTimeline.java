package dev.cadence.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the ledger knows about one contact, for {@code contacts show}: notes, enrollments,
 * touches (with what was said), events, stage changes, suppression, and one timeline of all of it,
 * oldest first.
 */
public record ContactTimeline(Contact contact, List<Note> notes, List<Enrollment> enrollments, List<Touch> touches,
                              List<Event> events, List<StageChange> stageChanges, Optional<Suppression> suppression,
                              List<Entry> timeline) {

    /** One line of the timeline: when, what kind of thing, and what was said or done. */
    public record Entry(Instant at, String kind, String summary, String detail) {}

    public static ContactTimeline load(Ledger ledger, Contact c) {
        List<Note> notes = ledger.notes().listByContact(c.id());
        List<Enrollment> enrollments = ledger.enrollments().findByContact(c.id());
        List<Touch> touches = ledger.touches().listByContact(c.id());
        List<Event> events = ledger.events().listByContact(c.id());
        List<StageChange> stageChanges = ledger.stageChanges().listByContact(c.id());
        Optional<Suppression> suppression = ledger.suppressions().find(c.emailNorm());

        List<Entry> t = new ArrayList<>();
        t.add(new Entry(c.createdAt(), "created", "added to the ledger", null));
        Map<Long, List<EnrollmentChange>> changes = new HashMap<>();
        for (EnrollmentChange ch : ledger.enrollments().changesByContact(c.id())) {
            changes.computeIfAbsent(ch.enrollmentId(), k -> new ArrayList<>()).add(ch);
        }
        for (Enrollment e : enrollments) {
            t.add(new Entry(e.createdAt(), "enrolled", "enrolled in " + e.sequence() + " (day 1 = " + e.startDate() + ")", null));
            List<EnrollmentChange> history = changes.getOrDefault(e.id(), List.of());
            for (EnrollmentChange ch : history) t.add(entry(ch));
            if (history.isEmpty() && e.state() != EnrollmentState.ACTIVE) {
                // a change from before the ledger kept the history: its current state is all there is
                t.add(new Entry(e.updatedAt(), e.state().dbValue(), e.sequence() + " " + e.state().dbValue()
                        + (e.pausedUntil() == null ? "" : " until " + e.pausedUntil())
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
        for (StageChange sc : stageChanges) t.add(entry(sc));
        for (Note n : notes) {
            t.add(new Entry(n.createdAt(), "note", n.author() == null ? "note" : "note by " + n.author(), n.body()));
        }
        suppression.ifPresent(s -> t.add(new Entry(s.createdAt(), "suppressed", "suppressed: " + s.reason().dbValue()
                + (s.source() == null ? "" : " (" + s.source() + ")"), null)));
        t.sort(Comparator.comparing(Entry::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new ContactTimeline(c, notes, enrollments, touches, events, stageChanges, suppression,
                List.copyOf(t));
    }

    /** "stage new → qualified", "stage new → qualified, forced by ana", with the reason as detail. */
    private static Entry entry(StageChange sc) {
        String summary = "stage " + (sc.from() == null ? "(none)" : sc.from()) + " → " + sc.to()
                + (sc.forced() ? ", forced" + (sc.actor() == null ? "" : " by " + sc.actor())
                        : sc.actor() == null ? "" : " by " + sc.actor());
        return new Entry(sc.at(), "stage", summary, sc.reason());
    }

    /** "outbound paused until 2026-04-01: on leave", "outbound resumed", "outbound stopped: not a fit". */
    private static Entry entry(EnrollmentChange ch) {
        String kind = ch.to() == EnrollmentState.ACTIVE ? "resumed" : ch.to().dbValue();
        String summary = ch.sequence() + " " + kind
                + (ch.pausedUntil() == null ? "" : " until " + ch.pausedUntil())
                + (ch.reason() == null ? "" : ": " + ch.reason());
        return new Entry(ch.at(), kind, summary, null);
    }
}
