package dev.cadence.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code runs} log and the single-row {@code run_lease} (design §8). Lease times are taken
 * from {@code leaseClock}, a real clock even when {@code --as-of} moves "now": a lease must expire
 * in real time. The lease is read and written in {@code BEGIN IMMEDIATE} transactions, so two
 * runs can never both see it free.
 */
public final class RunRepository {
    private final Jdbc jdbc;
    private final Clock clock;
    private final Clock leaseClock;

    public RunRepository(Ledger ledger, Clock leaseClock) {
        this.jdbc = ledger.jdbc();
        this.clock = ledger.clock();
        this.leaseClock = leaseClock;
    }

    /** Who holds the lease and until when. */
    public record Lease(String holder, Long runId, Instant expiresAt) {}

    /** The lease as stored (holder null: free). */
    public Lease lease() {
        return jdbc.queryOne("SELECT holder, run_id, expires_at FROM run_lease WHERE id = 1",
                r -> new Lease(r.string("holder"), r.nullableLong("run_id"), r.instant("expires_at")))
                .orElse(new Lease(null, null, null));
    }

    /**
     * Takes the lease for {@code holder} when it is free, expired, or held by a holder that
     * {@code dead} says is gone (a process of this host that no longer exists); otherwise
     * returns the live lease that refused it.
     */
    public Optional<Lease> tryAcquire(String holder, Duration ttl, java.util.function.Predicate<String> dead) {
        return jdbc.inTransaction(() -> {
            Lease current = lease();
            Instant now = leaseClock.instant();
            boolean free = current.holder() == null || current.expiresAt() == null
                    || !current.expiresAt().isAfter(now) || current.holder().equals(holder) || dead.test(current.holder());
            if (!free) return Optional.of(current);
            jdbc.update("UPDATE run_lease SET holder = ?, run_id = NULL, expires_at = ? WHERE id = 1", holder, now.plus(ttl));
            return Optional.<Lease>empty();
        });
    }

    /** Extends the lease; false when {@code holder} no longer holds it (it expired and was taken over). */
    public boolean renew(String holder, Duration ttl) {
        return jdbc.inTransaction(() -> jdbc.update("UPDATE run_lease SET expires_at = ? WHERE id = 1 AND holder = ?",
                leaseClock.instant().plus(ttl), holder) == 1);
    }

    /** Records the run id under the lease. */
    public void attach(String holder, long runId) {
        jdbc.inTransaction(() -> jdbc.update("UPDATE run_lease SET run_id = ? WHERE id = 1 AND holder = ?", runId, holder));
    }

    /** Frees the lease if {@code holder} still has it. */
    public void release(String holder) {
        jdbc.inTransaction(() -> jdbc.update("UPDATE run_lease SET holder = NULL, run_id = NULL, expires_at = NULL"
                + " WHERE id = 1 AND holder = ?", holder));
    }

    /** A new row in {@code runs}; returns its id. */
    public long start(long pid, String host) {
        return jdbc.inTransaction(() -> jdbc.insertReturningId("INSERT INTO runs (started_at, pid, host) VALUES (?, ?, ?)",
                clock.instant(), pid, host));
    }

    /** Closes a run with its summary (JSON). */
    public void finish(long runId, String summaryJson) {
        jdbc.inTransaction(() -> jdbc.update("UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                clock.instant(), summaryJson, runId));
    }

    /** A past run. */
    public record Run(long id, Instant startedAt, Instant finishedAt, Long pid, String host, String summary) {}

    public java.util.List<Run> list() {
        return jdbc.query("SELECT * FROM runs ORDER BY id", r -> new Run(r.longValue("id"), r.instant("started_at"),
                r.instant("finished_at"), r.nullableLong("pid"), r.string("host"), r.string("summary")));
    }
}
