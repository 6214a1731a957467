package dev.cadence.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code due} reads (and {@code run} about a batch: {@link #byIds}): the active enrollments
 * due by a time, a page at a time (a seek on the index {@code (state, next_due_at)}), and the
 * contacts, touches, events, notes and suppressions of exactly those enrollments' contacts, in
 * a few queries per page. No query per item: the cost grows with the number due, not with the
 * ledger.
 */
public final class DueQuery {
    // Every column of each table (the records are the repositories' own), each row read packed into
    // one value (Packed: one driver call per row instead of one or two per column).
    static final Packed ENROLLMENTS = new Packed("id", "contact_id", "sequence", "state", "stop_reason",
            "start_date", "current_step", "occurrence", "next_due_at", "paused_until", "created_at", "updated_at");
    static final Packed CONTACTS = new Packed("id", "email", "email_norm", "first_name", "last_name", "company",
            "title", "phone", "phone_e164", "linkedin", "timezone", "owner", "stage", "custom", "paused_until",
            "created_at", "updated_at");
    // every column but the body, which due never reads and which is the bulk of a touch
    static final Packed TOUCHES = new Packed("id", "enrollment_id", "contact_id", "sequence", "step_id",
            "occurrence", "channel", "kind", "status", "outcome", "note", "subject", "NULL AS body", "message_id", "variant",
            "error", "attempts", "due_at", "at", "created_at");
    static final Packed EVENTS = new Packed("id", "contact_id", "type", "at", "note", "source", "touch_id",
            "created_at");
    static final Packed NOTES = new Packed("id", "contact_id", "body", "author", "created_at");

    private final Jdbc jdbc;

    DueQuery(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The due enrollments (earliest first) and everything the schedule and the templates need about
     * their contacts; touches come without their body.
     */
    public record Rows(List<Enrollment> enrollments, Map<Long, Contact> contacts, Map<Long, List<Touch>> touches,
                       Map<Long, List<Event>> events, Map<Long, List<Note>> notes, Set<Long> suppressed) {

        public List<Touch> touchesOf(long contactId) {
            return touches.getOrDefault(contactId, List.of());
        }

        public List<Event> eventsOf(long contactId) {
            return events.getOrDefault(contactId, List.of());
        }

        public List<Note> notesOf(long contactId) {
            return notes.getOrDefault(contactId, List.of());
        }

        /** The enrollments by id (a new map: ask once). */
        public Map<Long, Enrollment> enrollmentsById() {
            Map<Long, Enrollment> byId = new HashMap<>();
            for (Enrollment e : enrollments) byId.put(e.id(), e);
            return byId;
        }
    }

    /**
     * The active enrollments with {@code next_due_at <= upTo}, earliest first, a page at a time: at
     * most {@code limit} of them, those after {@code after} (a row of the previous page as it was
     * read; null for the first page) in the order (due time, id) — the index's order, so each page
     * is a seek, not a scan. {@link #of} reads their contacts' rows.
     */
    public List<Enrollment> enrollments(Instant upTo, Enrollment after, int limit) {
        List<Enrollment> page = new ArrayList<>(Math.min(limit, 1024));
        String sql = "SELECT %s FROM enrollments WHERE state = 'active' AND next_due_at <= ?"
                + (after == null ? "" : " AND (next_due_at, id) > (?, ?)") + " ORDER BY next_due_at, id LIMIT ?";
        Object[] args = after == null ? new Object[] {upTo, limit} : new Object[] {upTo, after.nextDueAt(), after.id(), limit};
        jdbc.forEachPacked(sql, ENROLLMENTS, EnrollmentRepository.MAPPER, page::add, args);
        return page;
    }

    /** {@code enrollments} with their contacts' rows (notes only when {@code withNotes}), in the same few queries whatever their number. */
    public Rows of(List<Enrollment> enrollments, boolean withNotes) {
        Set<Long> contactIds = new HashSet<>();
        for (Enrollment e : enrollments) contactIds.add(e.contactId());
        return contactsOf(enrollments, marks(contactIds.size()), withNotes, contactIds.toArray());
    }

    /**
     * The enrollments of {@code ids} (in id order; unknown ids are absent) and their contacts' rows,
     * notes only when {@code withNotes}: what {@code run} reads about a batch, in the same few
     * queries whatever its size.
     */
    public Rows byIds(Collection<Long> ids, boolean withNotes) {
        List<Enrollment> enrollments = new ArrayList<>();
        if (!ids.isEmpty()) {
            jdbc.forEachPacked("SELECT %s FROM enrollments WHERE id IN (" + marks(ids.size()) + ") ORDER BY id", ENROLLMENTS,
                    EnrollmentRepository.MAPPER, enrollments::add, ids.toArray());
        }
        return of(enrollments, withNotes);
    }

    /** The events of these contacts, by contact, oldest first (a batch's re-check right before sending). */
    public Map<Long, List<Event>> eventsOf(Collection<Long> contactIds) {
        Map<Long, List<Event>> events = new HashMap<>();
        if (!contactIds.isEmpty()) events(marks(contactIds.size()), events, contactIds.toArray());
        return events;
    }

    /** Which of these contacts have a suppressed address (a batch's re-check right before sending). */
    public Set<Long> suppressedOf(Collection<Long> contactIds) {
        Set<Long> suppressed = new HashSet<>();
        if (!contactIds.isEmpty()) suppressed(marks(contactIds.size()), suppressed, contactIds.toArray());
        return suppressed;
    }

    /** {@code enrollments} with the rows of the contacts whose ids are {@code args} ({@code in}: their placeholders). */
    private Rows contactsOf(List<Enrollment> enrollments, String in, boolean withNotes, Object... args) {
        Map<Long, Contact> contacts = new HashMap<>();
        Map<Long, List<Touch>> touches = new HashMap<>();
        Map<Long, List<Event>> events = new HashMap<>();
        Map<Long, List<Note>> notes = new HashMap<>();
        Set<Long> suppressed = new HashSet<>();
        if (enrollments.isEmpty()) return new Rows(enrollments, contacts, touches, events, notes, suppressed);
        jdbc.forEachPacked("SELECT %s FROM contacts WHERE id IN (" + in + ")", CONTACTS, ContactRepository.MAPPER,
                c -> contacts.put(c.id(), c), args);
        jdbc.forEachPacked("SELECT %s FROM touches WHERE contact_id IN (" + in + ")"
                        + " ORDER BY contact_id, CASE WHEN at IS NULL THEN 1 ELSE 0 END, at, id", TOUCHES, TouchRepository.MAPPER,
                t -> touches.computeIfAbsent(t.contactId(), k -> new ArrayList<>()).add(t), args);
        events(in, events, args);
        if (withNotes) {
            jdbc.forEachPacked("SELECT %s FROM notes WHERE contact_id IN (" + in + ") ORDER BY contact_id, created_at, id",
                    NOTES, NoteRepository.MAPPER, n -> notes.computeIfAbsent(n.contactId(), k -> new ArrayList<>()).add(n), args);
        }
        suppressed(in, suppressed, args);
        return new Rows(enrollments, contacts, touches, events, notes, suppressed);
    }

    private void events(String in, Map<Long, List<Event>> events, Object... args) {
        jdbc.forEachPacked("SELECT %s FROM events WHERE contact_id IN (" + in + ") ORDER BY contact_id, at, id",
                EVENTS, EventRepository.MAPPER, e -> events.computeIfAbsent(e.contactId(), k -> new ArrayList<>()).add(e), args);
    }

    private void suppressed(String in, Set<Long> suppressed, Object... args) {
        jdbc.forEach("SELECT c.id AS id FROM contacts c JOIN suppressions s ON s.email_norm = c.email_norm"
                + " WHERE c.id IN (" + in + ")", r -> r.longValue("id"), suppressed::add, args);
    }

    /** {@code n} comma-separated placeholders. */
    private static String marks(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "?" : ", ?");
        return sb.toString();
    }
}
