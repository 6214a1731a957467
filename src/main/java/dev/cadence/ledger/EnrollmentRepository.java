package dev.cadence.ledger;

import dev.cadence.error.ExitStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Enrollments: who runs through which sequence, where they are, when the next touch is due. */
public final class EnrollmentRepository {
    static final RowMapper<Enrollment> MAPPER = r -> new Enrollment(r.longValue("id"), r.longValue("contact_id"),
            r.string("sequence"), DbEnum.fromDb(EnrollmentState.class, r.string("state")), r.string("stop_reason"),
            r.date("start_date"), r.string("current_step"), r.intValue("occurrence"), r.instant("next_due_at"),
            r.date("paused_until"), r.instant("created_at"), r.instant("updated_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    EnrollmentRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Enrolls a contact: state active, occurrence 1, nothing due until the schedule sets
     * {@code next_due_at} (the new row is flagged {@code needs_schedule} by its default). A contact already active or paused in the sequence is refused
     * (exit 4); the sequence's {@code exclusive}/{@code reenroll} rules are the caller's.
     */
    public Enrollment enroll(long contactId, String sequence, LocalDate startDate) {
        return jdbc.inTransaction(() -> {
            Instant now = clock.instant();
            long id;
            try {
                id = jdbc.insertReturningId("INSERT INTO enrollments (contact_id, sequence, state, start_date,"
                                + " occurrence, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
                        contactId, sequence, EnrollmentState.ACTIVE, startDate, now, now);
            } catch (DuplicateKeyException e) {
                throw new LedgerException(ExitStatus.REFUSED, "contact " + contactId + " is already enrolled in "
                        + sequence, e);
            }
            return findById(id).orElseThrow();
        });
    }

    public Optional<Enrollment> findById(long id) {
        return jdbc.queryOne("SELECT * FROM enrollments WHERE id = ?", MAPPER, id);
    }

    /** The contact's enrollments still running (active or paused), oldest first. */
    public List<Enrollment> findActiveByContact(long contactId) {
        return jdbc.query("SELECT * FROM enrollments WHERE contact_id = ? AND state IN ('active', 'paused')"
                + " ORDER BY id", MAPPER, contactId);
    }

    /** All the contact's enrollments, finished ones included, oldest first. */
    public List<Enrollment> findByContact(long contactId) {
        return jdbc.query("SELECT * FROM enrollments WHERE contact_id = ? ORDER BY id", MAPPER, contactId);
    }

    /**
     * Moves an open enrollment to {@code state} ({@code reason} kept as stop_reason unless it
     * becomes active again, and in the history either way; for a
     * pause, {@code pausedUntil} may say until when). A finished enrollment never changes:
     * returns false. Finishing clears {@code next_due_at}. Every change is also appended to the
     * enrollment's history ({@link #changesByContact}), so a resume does not erase the pause.
     */
    public boolean updateState(long id, EnrollmentState state, String reason) {
        return updateState(id, state, reason, null);
    }

    public boolean updateState(long id, EnrollmentState state, String reason, LocalDate pausedUntil) {
        return jdbc.inTransaction(() -> {
            Optional<Enrollment> before = findById(id);
            if (before.isEmpty() || !before.get().state().isOpen()) return false;
            Enrollment e = before.get();
            Instant now = clock.instant();
            LocalDate until = state == EnrollmentState.PAUSED ? pausedUntil : null;
            jdbc.update("UPDATE enrollments SET state = ?, stop_reason = ?, paused_until = ?, updated_at = ?,"
                            + " next_due_at = CASE WHEN ? IN ('completed', 'stopped') THEN NULL ELSE next_due_at END,"
                            + " needs_schedule = CASE WHEN ? IN ('completed', 'stopped') THEN 0 ELSE 1 END"
                            + " WHERE id = ?",
                    state, state == EnrollmentState.ACTIVE ? null : reason, until, now, state, state, id);
            jdbc.update("INSERT INTO enrollment_changes (enrollment_id, contact_id, sequence, from_state, to_state,"
                            + " reason, paused_until, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id, e.contactId(), e.sequence(), e.state(), state, reason, until, now);
            return true;
        });
    }

    /** The history of state changes of the contact's enrollments, oldest first. */
    public List<EnrollmentChange> changesByContact(long contactId) {
        return jdbc.query("SELECT * FROM enrollment_changes WHERE contact_id = ? ORDER BY at, id", CHANGE, contactId);
    }

    private static final RowMapper<EnrollmentChange> CHANGE = r -> new EnrollmentChange(r.longValue("id"),
            r.longValue("enrollment_id"), r.longValue("contact_id"), r.string("sequence"),
            DbEnum.fromDb(EnrollmentState.class, r.string("from_state")),
            DbEnum.fromDb(EnrollmentState.class, r.string("to_state")), r.string("reason"), r.date("paused_until"),
            r.instant("at"));

    /** Stores the due computation's result (null: nothing due); the enrollment no longer needs it recomputed. */
    public void setNextDueAt(long id, Instant nextDueAt) {
        jdbc.update("UPDATE enrollments SET next_due_at = ?, needs_schedule = 0, updated_at = ? WHERE id = ?",
                nextDueAt, clock.instant(), id);
    }

    /**
     * Moves the enrollment to its next step ({@code null}: none left) and stores when it is due:
     * the result of the schedule, so the enrollment no longer {@linkplain #needsSchedule needs it}.
     */
    public void advance(long id, String currentStep, int occurrence, Instant nextDueAt) {
        jdbc.update("UPDATE enrollments SET current_step = ?, occurrence = ?, next_due_at = ?, needs_schedule = 0,"
                + " updated_at = ? WHERE id = ?", currentStep, occurrence, nextDueAt, clock.instant(), id);
    }

    /**
     * Flags the contact's open enrollments for the schedule (V4 {@code needs_schedule}): called by
     * every write of the ledger that can move their due time (a touch, an event, the contact
     * edited or suppressed; caps span sequences, so all of them).
     */
    public void flagContact(long contactId) {
        flagContact(jdbc, contactId);
    }

    static void flagContact(Jdbc jdbc, long contactId) {
        jdbc.update("UPDATE enrollments SET needs_schedule = 1 WHERE contact_id = ? AND state IN ('active', 'paused')"
                + " AND needs_schedule = 0", contactId);
    }

    /** Flags one open enrollment for the schedule. */
    public void flag(long id) {
        jdbc.update("UPDATE enrollments SET needs_schedule = 1 WHERE id = ? AND state IN ('active', 'paused')", id);
    }

    /**
     * Open enrollments whose due time must be recomputed, by id after {@code afterId}, at most
     * {@code limit}: those flagged by a change, and paused ones whose pause has come to its end
     * ({@code next_due_at <= upTo}). Both are index scans over what changed, not over the ledger.
     */
    public List<Long> needsSchedule(long afterId, Instant upTo, int limit) {
        return jdbc.query("SELECT id FROM ("
                        + " SELECT id FROM enrollments WHERE needs_schedule = 1 AND id > ? AND state IN ('active', 'paused')"
                        + " UNION SELECT id FROM enrollments WHERE state = 'paused' AND next_due_at <= ? AND id > ?"
                        + ") ORDER BY id LIMIT ?",
                r -> r.longValue("id"), afterId, upTo, afterId, limit);
    }

    /** How many enrollments are flagged (for tests and diagnostics). */
    public long countNeedingSchedule() {
        return jdbc.queryLong("SELECT COUNT(*) FROM enrollments WHERE needs_schedule = 1 AND state IN ('active', 'paused')");
    }

    /** True when the enrollment is flagged for the schedule. */
    public boolean needsSchedule(long id) {
        return jdbc.queryLong("SELECT COUNT(*) FROM enrollments WHERE id = ? AND needs_schedule = 1", id) > 0;
    }

    /** Active enrollments due at or before {@code upTo}, earliest first: the indexed due query. */
    public List<Enrollment> findDue(Instant upTo, int limit) {
        return jdbc.query("SELECT * FROM enrollments WHERE state = 'active' AND next_due_at <= ?"
                + " ORDER BY next_due_at, id LIMIT ?", MAPPER, upTo, limit);
    }

    /**
     * Active enrollments with no stored due time (held by a touch in doubt or failing, or not
     * yet scheduled); uses the {@code (state, next_due_at)} index.
     */
    public List<Enrollment> findActiveWithoutDueTime() {
        return jdbc.query("SELECT * FROM enrollments WHERE state = 'active' AND next_due_at IS NULL ORDER BY id", MAPPER);
    }
}
