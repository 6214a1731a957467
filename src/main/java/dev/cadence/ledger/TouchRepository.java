package dev.cadence.ledger;

import dev.cadence.model.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Touches: every attempt, append-only but for status, outcome, error, attempts and at. */
public final class TouchRepository {
    static final RowMapper<Touch> MAPPER = r -> new Touch(r.longValue("id"), r.nullableLong("enrollment_id"),
            r.longValue("contact_id"), r.string("sequence"), r.string("step_id"), r.intValue("occurrence"),
            Channel.parse(r.string("channel")), DbEnum.fromDb(TouchKind.class, r.string("kind")),
            DbEnum.fromDb(TouchStatus.class, r.string("status")), r.string("outcome"), r.string("note"),
            r.string("subject"), r.string("body"), r.string("message_id"), r.string("variant"), r.string("error"),
            r.intValue("attempts"), r.instant("due_at"), r.instant("at"), r.instant("created_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    TouchRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a touch (its id and createdAt are ignored); returns it as stored. A second touch
     * for the same enrollment, step and occurrence is a {@link DuplicateKeyException}.
     */
    public Touch insert(Touch t) {
        return jdbc.inTransaction(() -> insertFlagging(t));
    }

    /**
     * The insert; a touch that reached (or may have reached) the contact flags all its open
     * enrollments for the schedule (min_gap and per_week span sequences); a skipped or failed one
     * only its own enrollment.
     */
    private Touch insertFlagging(Touch t) {
        Instant now = clock.instant();
        if (t.status() == TouchStatus.SKIPPED || t.status() == TouchStatus.FAILED) {
            if (t.enrollmentId() != null) {
                jdbc.update("UPDATE enrollments SET needs_schedule = 1 WHERE id = ? AND state IN ('active', 'paused')",
                        t.enrollmentId());
            }
        } else {
            EnrollmentRepository.flagContact(jdbc, t.contactId());
        }
        long id = jdbc.insertReturningId("INSERT INTO touches (enrollment_id, contact_id, sequence, step_id, occurrence,"
                        + " channel, kind, status, outcome, note, subject, body, message_id, variant, error, attempts,"
                        + " due_at, at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.enrollmentId(), t.contactId(), t.sequence(), t.stepId(), t.occurrence(), t.channel().id(), t.kind(),
                t.status(), t.outcome(), t.note(), t.subject(), t.body(), t.messageId(), t.variant(), t.error(),
                t.attempts(), t.dueAt(), t.at(), now);
        return new Touch(id, t.enrollmentId(), t.contactId(), t.sequence(), t.stepId(), t.occurrence(), t.channel(),
                t.kind(), t.status(), t.outcome(), t.note(), t.subject(), t.body(), t.messageId(), t.variant(),
                t.error(), t.attempts(), t.dueAt(), t.at(), now);
    }

    /** The contact's touches in the order they happened (not yet done ones last). */
    public List<Touch> listByContact(long contactId) {
        return jdbc.query("SELECT * FROM touches WHERE contact_id = ?"
                + " ORDER BY CASE WHEN at IS NULL THEN 1 ELSE 0 END, at, id", MAPPER, contactId);
    }

    /** A touch with its contact's email, as exports list them. */
    public record Exported(Touch touch, String email) {}

    /**
     * Every touch done (or created, while not yet done) at or after {@code since} (null: all),
     * of one contact ({@code contactId} null: all), oldest first, with the contact's email, handed
     * to {@code each} one at a time while the result set is read (an export never holds them all).
     */
    public void forEachExported(Instant since, Long contactId, java.util.function.Consumer<? super Exported> each) {
        List<Object> params = new java.util.ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT t.*, c.email AS contact_email FROM touches t"
                + " JOIN contacts c ON c.id = t.contact_id WHERE 1 = 1");
        if (since != null) {
            sql.append(" AND COALESCE(t.at, t.created_at) >= ?");
            params.add(since);
        }
        if (contactId != null) {
            sql.append(" AND t.contact_id = ?");
            params.add(contactId);
        }
        sql.append(" ORDER BY COALESCE(t.at, t.created_at), t.id");
        jdbc.forEach(sql.toString(), r -> new Exported(MAPPER.map(r), r.string("contact_email")), each,
                params.toArray());
    }

    /** The enrollment's touches, in order. */
    public List<Touch> listByEnrollment(long enrollmentId) {
        return jdbc.query("SELECT * FROM touches WHERE enrollment_id = ?"
                + " ORDER BY CASE WHEN at IS NULL THEN 1 ELSE 0 END, at, id", MAPPER, enrollmentId);
    }

    /**
     * Touches {@code in_doubt} or {@code failed} that still matter: off-sequence, or of an active or
     * paused enrollment (a failure on a stopped one, e.g. a bounce, is settled); by id. Uses the
     * status index.
     */
    public List<Touch> findUnresolved() {
        return jdbc.query("SELECT t.* FROM touches t WHERE t.status IN ('in_doubt', 'failed')"
                + " AND (t.enrollment_id IS NULL OR EXISTS (SELECT 1 FROM enrollments e WHERE e.id = t.enrollment_id"
                + " AND e.state IN ('active', 'paused'))) ORDER BY t.id", MAPPER);
    }
}
