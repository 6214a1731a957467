package dev.cadence.ledger;

import dev.cadence.error.ExitStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migrations a ledger has not seen yet, as Flyway does: the history
 * table is created on first use; what the ledger recorded is paired with what this build
 * declares; pending scripts run in order, each in its own writing transaction that first
 * re-reads the history, so that two processes opening a new ledger at the same time apply each
 * script exactly once (the second waits for the lock, then finds nothing to do). A failed
 * script is rolled back and its attempt recorded with {@code success = 0}, never dropped.
 */
final class Migrator {
    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    /** Every migration this build knows, in order. Add new scripts here. */
    static final List<String> SCRIPTS = List.of(
            "V1__initial.sql",
            "V2__enrollment_changes.sql",
            "V3__schedule_dirty.sql");

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_history (
                installed_rank  INTEGER PRIMARY KEY,
                version         INTEGER NOT NULL,
                description     TEXT NOT NULL,
                script          TEXT NOT NULL,
                checksum        BIGINT NOT NULL,
                applied_at      BIGINT NOT NULL,
                execution_ms    BIGINT NOT NULL,
                success         INTEGER NOT NULL
            )""";

    private static final RowMapper<SchemaHistoryEntry> HISTORY = r -> new SchemaHistoryEntry(
            r.intValue("installed_rank"), r.intValue("version"), r.string("description"), r.string("script"),
            r.longValue("checksum"), r.instant("applied_at"), r.longValue("execution_ms"), r.bool("success"));

    private final Connection connection;
    private final Jdbc jdbc;
    private final Clock clock;
    private final String name;
    private final List<Migration> known;

    Migrator(Connection connection, Jdbc jdbc, Clock clock, String name) {
        this(connection, jdbc, clock, name, knownMigrations());
    }

    /** With a given list of migrations (versions 1..n), for tests. */
    Migrator(Connection connection, Jdbc jdbc, Clock clock, String name, List<Migration> known) {
        this.connection = connection;
        this.jdbc = jdbc;
        this.clock = clock;
        this.name = name;
        this.known = known;
        for (int i = 0; i < known.size(); i++) {
            if (known.get(i).version() != i + 1) {
                throw new IllegalStateException("migration versions must be 1, 2, 3...: " + known);
            }
        }
    }

    static List<Migration> knownMigrations() {
        return SCRIPTS.stream().map(Migration::load).sorted(Comparator.comparingInt(Migration::version)).toList();
    }

    static int latestKnownVersion() {
        return SCRIPTS.size();
    }

    private int latest() {
        return known.size();
    }

    /** Brings the ledger to the latest known schema; returns its version. */
    int migrate() throws SQLException {
        // fast path, without the write lock: an up-to-date ledger is only read
        if (historyExists()) {
            int current = checkAgainstKnown(history());
            if (current == latest()) return current;
        }
        while (true) {
            Attempt attempt = jdbc.inTransaction(() -> {
                jdbc.update(CREATE_HISTORY);
                List<SchemaHistoryEntry> history = history();
                int current = checkAgainstKnown(history);
                if (current >= latest()) return null;
                return apply(known.get(current), history); // versions are 1..n
            });
            if (attempt == null) return latest();
            if (attempt.failure() != null) {
                Migration m = attempt.migration();
                throw new LedgerException(ExitStatus.FAILURE, "ledger " + name + ": migration V" + m.version()
                        + " (" + m.description() + ") failed and was rolled back: "
                        + attempt.failure().getMessage(), attempt.failure());
            }
        }
    }

    private record Attempt(Migration migration, RuntimeException failure) {
    }

    /**
     * Runs one script inside the caller's transaction, under a savepoint (portable SQL) so that
     * a failure undoes the script but still lets its attempt be recorded and committed.
     */
    private Attempt apply(Migration m, List<SchemaHistoryEntry> history) {
        int rank = history.stream().mapToInt(SchemaHistoryEntry::installedRank).max().orElse(0) + 1;
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        log.info("ledger {}: applying migration V{} ({})", name, m.version(), m.description());
        jdbc.update("SAVEPOINT cadence_migration");
        try {
            for (String sql : m.statements(jdbc.dialect().placeholders())) jdbc.update(sql);
        } catch (RuntimeException e) {
            jdbc.update("ROLLBACK TO SAVEPOINT cadence_migration");
            jdbc.update("RELEASE SAVEPOINT cadence_migration");
            record(rank, m, start, t0, false);
            return new Attempt(m, e);
        }
        jdbc.update("RELEASE SAVEPOINT cadence_migration");
        record(rank, m, start, t0, true);
        return new Attempt(m, null);
    }

    private void record(int rank, Migration m, Instant start, long t0, boolean success) {
        jdbc.update("INSERT INTO schema_history (installed_rank, version, description, script, checksum,"
                        + " applied_at, execution_ms, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rank, m.version(), m.description(), m.script(), m.checksum(), start,
                Duration.ofNanos(System.nanoTime() - t0).toMillis(), success);
    }

    /**
     * The version the ledger is at, after checking that it is not newer than this build and
     * that the scripts it applied are the ones this build has.
     */
    private int checkAgainstKnown(List<SchemaHistoryEntry> history) {
        int current = 0;
        for (SchemaHistoryEntry h : history) {
            if (h.success()) current = Math.max(current, h.version());
        }
        if (current > latest()) {
            throw new LedgerException(ExitStatus.INVALID, "ledger " + name + " has schema " + current
                    + ", this cadence knows up to " + latest() + ": upgrade cadence", null);
        }
        for (SchemaHistoryEntry h : history) {
            if (!h.success()) continue;
            Migration m = known.get(h.version() - 1);
            if (m.checksum() != h.checksum()) {
                throw new LedgerException(ExitStatus.FAILURE, "ledger " + name + ": migration V" + h.version()
                        + " was applied from a different script (checksum " + h.checksum() + ", this cadence has "
                        + m.checksum() + "); the ledger was made by another build of cadence", null);
            }
        }
        return current;
    }

    boolean historyExists() throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "schema_history", null)) {
            return rs.next();
        }
    }

    List<SchemaHistoryEntry> history() {
        return jdbc.query("SELECT * FROM schema_history ORDER BY installed_rank", HISTORY);
    }
}
