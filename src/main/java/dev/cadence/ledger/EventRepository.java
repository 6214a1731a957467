package dev.cadence.ledger;

import dev.cadence.model.EventType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Events on contacts; append-only. */
public final class EventRepository {
    static final RowMapper<Event> MAPPER = r -> new Event(r.longValue("id"), r.longValue("contact_id"),
            EventType.parse(r.string("type")), r.instant("at"), r.string("note"), r.string("source"),
            r.nullableLong("touch_id"), r.instant("created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    EventRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the event (its id and createdAt are ignored); returns it as stored. Flags the contact's open enrollments. */
    public Event add(Event e) {
        return jdbc.inTransaction(() -> insert(e));
    }

    /** The insert; the contact's open enrollments are flagged for the schedule (stop rules, conditions). */
    private Event insert(Event e) {
        Instant now = clock.instant();
        EnrollmentRepository.flagContact(jdbc, e.contactId());
        long id = jdbc.insertReturningId("INSERT INTO events (contact_id, type, at, note, source, touch_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", e.contactId(), e.type().id(), e.at(), e.note(), e.source(),
                e.touchId(), now);
        return new Event(id, e.contactId(), e.type(), e.at(), e.note(), e.source(), e.touchId(), now);
    }

    /** Oldest first. */
    public List<Event> listByContact(long contactId) {
        return jdbc.query("SELECT * FROM events WHERE contact_id = ? ORDER BY at, id", MAPPER, contactId);
    }
}
