package dev.cadence.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The seam between portable SQL and what one database needs done its own way: connection
 * settings, how a writing transaction starts (and so how migrations are locked), identity
 * columns in migrations, and what an error code means. Only {@link SqliteDialect} exists;
 * PostgreSQL comes later as a second implementation, and nothing outside this interface and its
 * implementations may use database-specific syntax.
 */
public interface Dialect {

    /** A short name for messages: {@code sqlite}. */
    String name();

    /** The file behind a URL, for the checks made before connecting; empty for a server or memory database. */
    Optional<Path> file(String jdbcUrl);

    /** Properties for opening a connection (the JDBC driver's own options). Default: none. */
    default java.util.Properties connectionProperties() {
        return new java.util.Properties();
    }

    /** Settings applied to every new connection (SQLite: busy timeout, WAL, synchronous=FULL, foreign keys). */
    void configure(Connection connection) throws SQLException;

    /**
     * Starts a transaction that will write, taking the write lock at once so that a
     * read-then-write cannot interleave with another process (SQLite: {@code BEGIN IMMEDIATE}).
     * Migrations run inside such a transaction, which is what serialises two processes
     * opening a new ledger at the same time.
     */
    void beginWrite(Connection connection) throws SQLException;

    void commit(Connection connection) throws SQLException;

    void rollback(Connection connection) throws SQLException;

    /**
     * Settings for one bulk write on {@code connection} (an import of many rows), undone by
     * closing what this returns. Called outside a transaction. Durability is the same as for
     * any other write, and a crash at any point leaves what the last commit left. Anything that
     * fails while the settings are made is undone before this throws.
     *
     * @param nothingToRead null, or, when the caller will write everything in a single
     *        transaction (a whole file, all-or-nothing) and has none open, a check that the
     *        database holds nothing another process could want to read yet (a first import
     *        into an empty ledger). When the check holds, the dialect may trade concurrency for
     *        speed: other processes then wait for the database during the write (and give up
     *        with "busy" after the busy timeout) instead of reading the state before it. The
     *        dialect runs the check on {@code connection} when it sees fit, possibly more than
     *        once; as anything this trade needs is an optimisation, a failure makes the write
     *        go the ordinary way.
     */
    default BulkWrite bulkWrite(Connection connection, Condition nothingToRead) throws SQLException {
        return () -> { };
    }

    /** Something true or false about a database, read on a connection ({@link #bulkWrite}). */
    @FunctionalInterface
    interface Condition {
        boolean holds(Connection connection) throws SQLException;
    }

    /** Undoes {@link #bulkWrite}; never throws (the connection may be closing). */
    interface BulkWrite extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Values for the {@code ${name}} placeholders of migration scripts, for the few column
     * definitions that cannot be written portably ({@code ${id}}: an auto-assigned 64-bit key).
     */
    Map<String, String> placeholders();

    /** True when the error is a violated UNIQUE or PRIMARY KEY constraint. */
    boolean isUniqueViolation(SQLException e);

    /** True when the database was locked by someone else for longer than the busy timeout. */
    boolean isBusy(SQLException e);

    /** True when the file is not a database of this kind. */
    boolean isNotADatabase(SQLException e);

    /** True when the database or its folder cannot be written (read-only file, permissions). */
    boolean isReadOnly(SQLException e);

    /** The dialect for a JDBC URL, or empty when cadence does not support that database yet. */
    static Optional<Dialect> forUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith(SqliteDialect.PREFIX)) return Optional.of(new SqliteDialect());
        return Optional.empty();
    }
}
