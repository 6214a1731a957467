package dev.cadence.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Stage changes of contacts; append-only. The contact's {@code stage} column follows each change. */
public final class StageChangeRepository {
    private static final RowMapper<StageChange> MAPPER = r -> new StageChange(r.longValue("id"),
            r.longValue("contact_id"), r.string("from_stage"), r.string("to_stage"), r.bool("forced"),
            r.string("reason"), r.string("actor"), r.instant("at"), r.instant("created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    StageChangeRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Moves the contact to {@code to} and records the change, in one transaction; the contact's
     * stage before is read inside it, so two concurrent moves each record what they changed.
     */
    public StageChange move(long contactId, String to, boolean forced, String reason, String actor) {
        return jdbc.inTransaction(() -> {
            Instant now = clock.instant();
            String from = jdbc.queryOne("SELECT stage FROM contacts WHERE id = ?", r -> r.string("stage"), contactId)
                    .orElse(null);
            int n = jdbc.update("UPDATE contacts SET stage = ?, updated_at = ? WHERE id = ?", to, now, contactId);
            if (n != 1) throw new IllegalStateException("no contact with id " + contactId + " to move");
            long id = jdbc.insertReturningId("INSERT INTO stage_changes (contact_id, from_stage, to_stage, forced,"
                    + " reason, actor, at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    contactId, from, to, forced, reason, actor, now, now);
            return new StageChange(id, contactId, from, to, forced, reason, actor, now, now);
        });
    }

    /** Oldest first. */
    public List<StageChange> listByContact(long contactId) {
        return jdbc.query("SELECT * FROM stage_changes WHERE contact_id = ? ORDER BY at, id", MAPPER, contactId);
    }
}
