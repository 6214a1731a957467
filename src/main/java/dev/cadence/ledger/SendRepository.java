package dev.cadence.ledger;

import dev.cadence.model.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The states of an automatic touch as {@code run} moves it (design §8): claimed as
 * {@code sending} under the unique (enrollment, step, occurrence) key, then {@code sent},
 * {@code failed} or {@code in_doubt}. Callers hold the transaction ({@link Ledger#inTransaction}).
 */
public final class SendRepository {
    private final Jdbc jdbc;
    private final Clock clock;

    public SendRepository(Ledger ledger) {
        this.jdbc = ledger.jdbc();
        this.clock = ledger.clock();
    }

    /** The touch of one enrollment step occurrence, if any. */
    public Optional<Touch> find(long enrollmentId, String stepId, int occurrence) {
        return jdbc.queryOne("SELECT * FROM touches WHERE enrollment_id = ? AND step_id = ? AND occurrence = ?",
                TouchRepository.MAPPER, enrollmentId, stepId, occurrence);
    }

    public Optional<Touch> findById(long id) {
        return jdbc.queryOne("SELECT * FROM touches WHERE id = ?", TouchRepository.MAPPER, id);
    }

    /**
     * Claims a step occurrence: inserts it as {@code sending} (attempt 1), or moves a retryable
     * {@code failed} touch (or, when {@code resendInDoubt}, an {@code in_doubt} one) back to
     * {@code sending} with one more attempt. Empty when the occurrence has a touch in any other
     * state: somebody else has it, and the unique key makes sure of it.
     */
    public Optional<Touch> claim(long enrollmentId, long contactId, String sequence, String stepId, int occurrence,
                                 Channel channel, String messageId, String variant, Instant dueAt, boolean resendInDoubt) {
        Optional<Touch> existing = find(enrollmentId, stepId, occurrence);
        Instant now = clock.instant();
        if (existing.isEmpty()) {
            long id = jdbc.insertReturningId("INSERT INTO touches (enrollment_id, contact_id, sequence, step_id, occurrence,"
                            + " channel, kind, status, message_id, variant, attempts, due_at, at, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'auto', 'sending', ?, ?, 1, ?, ?, ?)",
                    enrollmentId, contactId, sequence, stepId, occurrence, channel.id(), messageId, variant, dueAt, now, now);
            return findById(id);
        }
        Touch t = existing.get();
        boolean retry = t.status() == TouchStatus.FAILED || (resendInDoubt && t.status() == TouchStatus.IN_DOUBT);
        if (!retry) return Optional.empty();
        int changed = jdbc.update("UPDATE touches SET status = 'sending', attempts = attempts + 1, at = ?, error = NULL,"
                + " message_id = COALESCE(message_id, ?) WHERE id = ? AND status = ?", now, messageId, t.id(), t.status());
        return changed == 1 ? findById(t.id()) : Optional.empty();
    }

    /** {@code sending} (or {@code in_doubt}: the truth is now known) → {@code sent}, with what was sent and the answer. */
    public boolean markSent(long touchId, String subject, String body, String answer) {
        return jdbc.update("UPDATE touches SET status = 'sent', subject = ?, body = ?, note = ?, error = NULL, at = ?"
                + " WHERE id = ? AND status IN ('sending', 'in_doubt')", subject, body, answer, clock.instant(), touchId) == 1;
    }

    /** → {@code failed} with the reason (retried by a later run, see Schedule). */
    public boolean markFailed(long touchId, String subject, String body, String error) {
        return jdbc.update("UPDATE touches SET status = 'failed', subject = COALESCE(?, subject), body = COALESCE(?, body),"
                + " error = ?, at = ? WHERE id = ? AND status IN ('sending', 'in_doubt')",
                subject, body, error, clock.instant(), touchId) == 1;
    }

    /**
     * → {@code failed} for good: a permanent rejection that is not an email bounce (a webhook
     * answering 4xx). Its attempts are raised to {@code maxAttempts} so the schedule holds it
     * for a person instead of retrying.
     */
    public boolean markFailedForGood(long touchId, String subject, String body, String error, int maxAttempts) {
        return jdbc.update("UPDATE touches SET status = 'failed', subject = COALESCE(?, subject), body = COALESCE(?, body),"
                + " error = ?, at = ?, attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END"
                + " WHERE id = ? AND status IN ('sending', 'in_doubt')",
                subject, body, error, clock.instant(), maxAttempts, maxAttempts, touchId) == 1;
    }

    /** → {@code in_doubt}: the transport cannot say whether it was delivered. */
    public boolean markInDoubt(long touchId, String subject, String body, String error) {
        return jdbc.update("UPDATE touches SET status = 'in_doubt', subject = COALESCE(?, subject),"
                + " body = COALESCE(?, body), error = ?, at = ? WHERE id = ? AND status = 'sending'",
                subject, body, error, clock.instant(), touchId) == 1;
    }

    /** → {@code skipped}: dropped between claim and send (the contact opted out, replied...). */
    public boolean markSkipped(long touchId, String reason) {
        return jdbc.update("UPDATE touches SET status = 'skipped', note = ?, at = ? WHERE id = ? AND status = 'sending'",
                reason, clock.instant(), touchId) == 1;
    }

    /**
     * Undoes a {@link #claim} whose touch was never handed to the transport (its server was found
     * unreachable meanwhile): a touch inserted by the claim ({@code before} empty) is deleted, a
     * retry goes back to what it was ({@code before}: status, attempts, time, error), so that no
     * attempt is counted. Only while still {@code sending}; false otherwise.
     */
    public boolean release(Touch claimed, Optional<Touch> before) {
        // still this claim: a run that took the lease over and claimed the touch again (after
        // --resend-in-doubt) counted another attempt, and its claim is left alone
        String mine = " WHERE id = ? AND status = 'sending' AND attempts = ? AND "
                + (claimed.at() == null ? "at IS NULL" : "at = ?");
        List<Object> key = new java.util.ArrayList<>(List.of(claimed.id(), claimed.attempts()));
        if (claimed.at() != null) key.add(claimed.at());
        if (before.isEmpty()) {
            return jdbc.update("DELETE FROM touches" + mine, key.toArray()) == 1;
        }
        Touch b = before.get();
        List<Object> args = new java.util.ArrayList<>(List.of(b.status().dbValue(), b.attempts()));
        args.add(b.at());
        args.add(b.error());
        args.add(b.messageId());
        args.addAll(key);
        return jdbc.update("UPDATE touches SET status = ?, attempts = ?, at = ?, error = ?, message_id = ?" + mine,
                args.toArray()) == 1;
    }

    /** Every {@code sending} touch (left by a dead run when no run holds the lease) → {@code in_doubt}. */
    public List<Touch> recoverSending(String why) {
        List<Touch> left = jdbc.query("SELECT * FROM touches WHERE status = 'sending' ORDER BY id", TouchRepository.MAPPER);
        for (Touch t : left) {
            jdbc.update("UPDATE touches SET status = 'in_doubt', error = ? WHERE id = ? AND status = 'sending'", why, t.id());
        }
        return left;
    }

    /** Emails sent (or being sent, or in doubt) by runs since {@code since}: the rolling daily limit. */
    public long emailsSentSince(Instant since) {
        return jdbc.queryLong("SELECT COUNT(*) FROM touches WHERE kind = 'auto' AND channel = 'email'"
                + " AND status IN ('sent', 'sending', 'in_doubt') AND at >= ?", since);
    }

    /** The enrollment's emails that went out, oldest first (threading: In-Reply-To, References). */
    public List<Touch> sentEmails(long enrollmentId) {
        return jdbc.query("SELECT * FROM touches WHERE enrollment_id = ? AND channel = 'email' AND kind = 'auto'"
                + " AND status = 'sent' AND message_id IS NOT NULL ORDER BY at, id", TouchRepository.MAPPER, enrollmentId);
    }

    /**
     * Open enrollments without a stored due time (never computed since they were created, or
     * held): what {@code run} recomputes before selecting until a refresher flags them.
     */
    public List<Long> unscheduled() {
        return jdbc.query("SELECT id FROM enrollments WHERE state IN ('active', 'paused') AND next_due_at IS NULL"
                + " ORDER BY id", r -> r.longValue("id"));
    }

    /**
     * {@link #claim} for a caller that already read, in this transaction, the occurrence's touch
     * ({@code existing}: empty when there is none): no read before the insert, none after (the
     * touch is returned as inserted). The unique key still refuses a second claim.
     */
    public Optional<Touch> claim(Optional<Touch> existing, long enrollmentId, long contactId, String sequence, String stepId,
                                 int occurrence, Channel channel, String messageId, String variant, Instant dueAt,
                                 boolean resendInDoubt) {
        if (existing.isPresent()) {
            // a retry: rare, read back as the general path does
            return claim(enrollmentId, contactId, sequence, stepId, occurrence, channel, messageId, variant, dueAt,
                    resendInDoubt);
        }
        // as stored (milliseconds), so that the touch returned equals the one read back
        Instant now = Instant.ofEpochMilli(clock.instant().toEpochMilli());
        Instant due = dueAt == null ? null : Instant.ofEpochMilli(dueAt.toEpochMilli());
        long id = jdbc.insertReturningId("INSERT INTO touches (enrollment_id, contact_id, sequence, step_id, occurrence,"
                        + " channel, kind, status, message_id, variant, attempts, due_at, at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'auto', 'sending', ?, ?, 1, ?, ?, ?)",
                enrollmentId, contactId, sequence, stepId, occurrence, channel.id(), messageId, variant, due, now, now);
        return Optional.of(new Touch(id, enrollmentId, contactId, sequence, stepId, occurrence, channel, TouchKind.AUTO,
                TouchStatus.SENDING, null, null, null, null, messageId, variant, null, 1, due, now, now));
    }
}
