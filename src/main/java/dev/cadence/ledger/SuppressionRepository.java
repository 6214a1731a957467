package dev.cadence.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The do-not-contact list. An address once suppressed stays suppressed, with its first reason. */
public final class SuppressionRepository {
    private static final RowMapper<Suppression> MAPPER = r -> new Suppression(r.string("email_norm"),
            DbEnum.fromDb(SuppressionReason.class, r.string("reason")), r.string("source"), r.instant("created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    SuppressionRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Suppresses an address (normalised); false when it already was (the first record is kept).
     * The open enrollments of the contact with that address are flagged for the schedule (they stop).
     */
    public boolean add(String emailNorm, SuppressionReason reason, String source) {
        return jdbc.inTransaction(() -> {
            Instant now = clock.instant();
            boolean added = jdbc.update("INSERT INTO suppressions (email_norm, reason, source, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (email_norm) DO NOTHING", emailNorm, reason, source, now) == 1;
            if (added) {
                jdbc.update("UPDATE enrollments SET needs_schedule = 1 WHERE state IN ('active', 'paused')"
                        + " AND contact_id IN (SELECT id FROM contacts WHERE email_norm = ?)", emailNorm);
            }
            return added;
        });
    }

    public boolean isSuppressed(String emailNorm) {
        return find(emailNorm).isPresent();
    }

    public Optional<Suppression> find(String emailNorm) {
        return jdbc.queryOne("SELECT * FROM suppressions WHERE email_norm = ?", MAPPER, emailNorm);
    }

    /** Every suppressed address, oldest first. */
    public List<Suppression> list() {
        return jdbc.query("SELECT * FROM suppressions ORDER BY created_at, email_norm", MAPPER);
    }
}
