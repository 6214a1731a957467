package dev.cadence.ledger;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite through sqlite-jdbc: WAL journal, {@code synchronous=FULL} (a committed touch survives
 * a power cut), a busy timeout so that concurrent cadence processes wait for each other
 * instead of failing, foreign keys enforced, {@code BEGIN IMMEDIATE} for every writing
 * transaction. Connections stay in auto-commit mode; transactions are begun and ended with
 * explicit statements so the lock is taken at BEGIN, not at the first write.
 */
public final class SqliteDialect implements Dialect {
    static final String PREFIX = "jdbc:sqlite:";
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Optional<Path> file(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int q = rest.indexOf('?');
        if (q >= 0) rest = rest.substring(0, q);
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
            if (rest.startsWith("//")) rest = rest.substring(2);
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) return Optional.empty();
        try {
            return Optional.of(Path.of(rest).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The connection opened without SQLite's own per-connection mutex ({@code SQLITE_OPEN_NOMUTEX},
     * "multi-thread" mode). sqlite-jdbc declares every native method that touches a connection
     * or its statements {@code synchronized} on the connection's {@code NativeDB} (all but
     * {@code sqlite3_interrupt}, which SQLite documents as callable from any thread), so two
     * threads can never be inside SQLite on one connection at once and the mutex SQLite takes
     * and releases around every bind, step and reset (some twenty times per imported row) only
     * costs time: ~0.4 s of CPU on a 1M-row import (libc's mutex functions, perf).
     */
    @Override
    public Properties connectionProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        return config.toProperties();
    }

    @Override
    public void configure(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // busy_timeout first: switching to WAL needs a lock another process may hold
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            switchToWal(st);
            st.execute("PRAGMA synchronous = FULL");
            st.execute("PRAGMA foreign_keys = ON");
        }
    }

    /**
     * WAL mode is persistent in the file, so this is a no-op after the first open. The switch
     * itself can answer SQLITE_BUSY at once, without SQLite's busy handler, when another
     * connection opens the new file at the same moment: retry it within the busy timeout.
     */
    private void switchToWal(Statement st) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                st.execute("PRAGMA journal_mode = WAL");
                return;
            } catch (SQLException e) {
                if (!isBusy(e) || System.nanoTime() > deadline) throw e;
                try {
                    Thread.sleep(Math.min(5L * attempt, 100L));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** SQLite page cache during a bulk write, in KiB (the default is 2 MiB). */
    static final long BULK_CACHE_KIB = 64 * 1024;

    /**
     * For an import: a 64 MiB page cache (native memory, not Java heap), so that the indexes
     * written in random order (the unique email) stay in memory; and sqlite-jdbc's generated
     * keys off. sqlite-jdbc answers {@code getGeneratedKeys()} by preparing and running
     * {@code SELECT last_insert_rowid()} after every INSERT unless told not to: a second
     * statement per row, which a bulk writer never asks for (it uses {@code RETURNING}).
     *
     * <p>With {@code nothingToRead} holding (a whole-file import into a ledger without
     * contacts), also a rollback journal ({@code journal_mode=TRUNCATE}) instead of the WAL for
     * the duration of the write, when no other connection has the ledger open (see
     * {@link #rollbackJournal}). Everything is restored on close, WAL last, and also when making
     * the settings fails. {@code synchronous} is left alone (FULL).
     */
    @Override
    public BulkWrite bulkWrite(Connection connection, Condition nothingToRead) throws SQLException {
        Settings settings = new Settings(connection);
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA cache_size")) {
                settings.previousCache = rs.next() ? rs.getLong(1) : -2000;
            }
            st.execute("PRAGMA cache_size = -" + BULK_CACHE_KIB);
        }
        try {
            settings.cacheChanged = true;
            if (connection.isWrapperFor(SQLiteConnection.class)) {
                settings.config = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
                settings.previousKeys = settings.config.isGetGeneratedKeys();
                settings.config.setGetGeneratedKeys(false);
            }
            if (nothingToRead != null) settings.leftWal = rollbackJournal(connection, nothingToRead);
            return settings;
        } catch (SQLException | RuntimeException | Error e) {
            settings.close();
            throw e;
        }
    }

    /** What {@link #bulkWrite} changed, undone by {@link #close}. */
    private final class Settings implements BulkWrite {
        final Connection connection;
        long previousCache;
        boolean cacheChanged;
        SQLiteConnectionConfig config;
        boolean previousKeys;
        boolean leftWal;

        Settings(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            if (config != null) config.setGetGeneratedKeys(previousKeys);
            try (Statement st = connection.createStatement()) {
                if (cacheChanged) st.execute("PRAGMA cache_size = " + previousCache);
                if (leftWal) switchToWal(st);
            } catch (SQLException e) {
                // the connection is closing, or another process kept the ledger busy for longer
                // than the busy timeout: the next connection to open it switches it back to WAL
                // (configure), and either journal mode is safe meanwhile
            }
        }
    }

    /**
     * Switches a WAL ledger to a rollback journal ({@code TRUNCATE}) for one large transaction
     * into a ledger with nothing to read yet: true when the journal mode may have left WAL (to
     * be restored). In WAL mode every page of the transaction is written twice, once to the WAL
     * and again into the database by the checkpoint after the commit (for a million contacts,
     * ~370 MB each); with a rollback journal, pages appended beyond the original end of the
     * file need no journal entry and are written once. A crash (kill -9, power cut)
     * mid-transaction leaves a hot journal, which the next connection plays back before
     * anything else, truncating the file to its original size (ImportKillTest); a crash after
     * the commit but before the switch back leaves the ledger in TRUNCATE mode, which the next
     * connection switches back to WAL ({@link #configure}). {@code TRUNCATE} rather than
     * {@code DELETE}: with {@code synchronous=FULL} the commit (truncating the journal) is
     * synced, whereas a deleted journal could reappear after a power cut and roll a reported
     * import back.
     *
     * <p>The price is concurrency: while the rollback journal is in use, other processes
     * cannot read a snapshot beside the writer; a process opening the ledger waits for the busy
     * timeout (its own switch back to WAL, or its read, needs the lock) and then fails with
     * "ledger is busy"; it never sees part of the transaction. Hence only when
     * {@code nothingToRead} holds, checked before the switch and again after it (a process may
     * have written and gone in between; any process opening the ledger after the switch puts it
     * back in WAL, so the second check is final). SQLite leaves WAL only when no other
     * connection has the database open (it answers SQLITE_BUSY at once otherwise). Whatever
     * fails here (busy, I/O, the check), the write goes through the WAL as usual.
     */
    private boolean rollbackJournal(Connection connection, Condition nothingToRead) {
        boolean switched = false;
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) return false;
            }
            if (!nothingToRead.holds(connection)) return false;
            switched = true;
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = TRUNCATE")) {
                if (!rs.next() || !"truncate".equalsIgnoreCase(rs.getString(1))) {
                    switchToWal(st);
                    return false;
                }
            }
            if (nothingToRead.holds(connection)) return true;
            switchToWal(st);
            return false;
        } catch (SQLException e) {
            // an optimisation only: stay in (or go back to) WAL
            if (!switched) return false;
            try (Statement st = connection.createStatement()) {
                switchToWal(st);
                return false;
            } catch (SQLException again) {
                return true; // the writer's close tries again, else the next connection to open the ledger
            }
        }
    }

    @Override
    public void beginWrite(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        }
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("COMMIT");
        }
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        }
    }

    @Override
    public Map<String, String> placeholders() {
        return Map.of("id", "INTEGER PRIMARY KEY");
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return code(e) == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || code(e) == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    @Override
    public boolean isBusy(SQLException e) {
        SQLiteErrorCode c = code(e);
        return c != null && (c == SQLiteErrorCode.SQLITE_BUSY || c.name().startsWith("SQLITE_BUSY_")
                || c == SQLiteErrorCode.SQLITE_LOCKED);
    }

    @Override
    public boolean isNotADatabase(SQLException e) {
        return code(e) == SQLiteErrorCode.SQLITE_NOTADB;
    }

    @Override
    public boolean isReadOnly(SQLException e) {
        SQLiteErrorCode c = code(e);
        return c != null && (c.name().startsWith("SQLITE_READONLY") || c.name().startsWith("SQLITE_CANTOPEN")
                || c == SQLiteErrorCode.SQLITE_PERM || c == SQLiteErrorCode.SQLITE_AUTH);
    }

    private static SQLiteErrorCode code(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se) return se.getResultCode();
        }
        return null;
    }
}
