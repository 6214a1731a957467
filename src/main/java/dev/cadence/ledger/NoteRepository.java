package dev.cadence.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notes on contacts; append-only. */
public final class NoteRepository {
    static final RowMapper<Note> MAPPER = r -> new Note(r.longValue("id"), r.longValue("contact_id"),
            r.string("body"), r.string("author"), r.instant("created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    NoteRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Note add(long contactId, String body, String author) {
        Instant now = clock.instant();
        long id = jdbc.insertReturningId("INSERT INTO notes (contact_id, body, author, created_at) VALUES (?, ?, ?, ?)",
                contactId, body, author, now);
        return new Note(id, contactId, body, author, now);
    }

    /** Oldest first. */
    public List<Note> listByContact(long contactId) {
        return jdbc.query("SELECT * FROM notes WHERE contact_id = ? ORDER BY created_at, id", MAPPER, contactId);
    }

    /** The newest note, for templates' {@code last_note}. */
    public Optional<Note> latest(long contactId) {
        return jdbc.queryOne("SELECT * FROM notes WHERE contact_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
                MAPPER, contactId);
    }
}
