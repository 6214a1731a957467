package dev.cadence.ledger;

import dev.cadence.error.ExitStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tiny JDBC helper in the manner of Flyway's {@code JdbcTemplate}: one connection,
 * statements with positional parameters, one-method {@link RowMapper}s, and transactions.
 *
 * <p>Parameters are bound with the ledger's conventions: {@link Instant} as epoch
 * milliseconds, {@link LocalDate} as ISO text, {@link DbEnum} as its database value,
 * {@code Boolean} as 0/1, {@code null} as SQL NULL. Every {@link SQLException} comes out as a
 * {@link LedgerException} naming the ledger ({@link DuplicateKeyException} for a unique key).
 *
 * <p>Not thread-safe: one ledger, one connection, one thread. Concurrency is between
 * processes (or between separate {@link Ledger}s), serialised by the database's write lock.
 */
public final class Jdbc {

    /** Work done inside a transaction, returning a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Work done inside a transaction, returning nothing. */
    @FunctionalInterface
    public interface VoidWork {
        void run() throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final String name;
    private boolean inTransaction;

    /**
     * Prepared statements kept by their SQL and reused: a claimed touch or a due item runs the
     * same twenty statements again and again, and preparing them is a measurable part of the
     * work. A statement still in use (a nested query of the same SQL while a result is read)
     * is never shared: the nested one gets its own, closed after use.
     */
    private static final int CACHE_SIZE = 128;
    private final java.util.LinkedHashMap<String, PreparedStatement> cache = new java.util.LinkedHashMap<>(64, 0.75f, true);
    private final java.util.Set<PreparedStatement> inUse = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** A statement lent for one call: returned to the cache when the call succeeded, else closed. */
    private final class Stmt implements AutoCloseable {
        final String sql;
        final PreparedStatement ps;
        final boolean cached;
        boolean ok;

        Stmt(String sql, PreparedStatement ps, boolean cached) {
            this.sql = sql;
            this.ps = ps;
            this.cached = cached;
        }

        @Override
        public void close() throws SQLException {
            inUse.remove(ps);
            if (cached && ok && cache.get(sql) == ps) {
                ps.clearParameters();
                return;
            }
            if (cache.get(sql) == ps) cache.remove(sql);
            ps.close();
        }
    }

    Jdbc(Connection connection, Dialect dialect, String name) {
        this.connection = connection;
        this.dialect = dialect;
        this.name = name;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The connection, for writers in this package that reuse prepared statements (bulk import). */
    Connection connection() {
        return connection;
    }

    /** Binds {@code params} with this helper's conventions into a statement the caller keeps. */
    static void bindAll(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) bind(ps, i + 1, params[i]);
    }

    /** All rows, mapped. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Stmt st = prepare(sql, params); ResultSet rs = st.ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            Row row = new Row(rs);
            while (rs.next()) out.add(mapper.map(row));
            st.ok = true;
            return out;
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Every row, mapped and handed to {@code each} one at a time while the result set is read,
     * so that a large result (an export of a million contacts) never sits in memory.
     */
    public <T> void forEach(String sql, RowMapper<T> mapper, java.util.function.Consumer<? super T> each,
                            Object... params) {
        forEach(sql, null, mapper, each, params);
    }

    /**
     * {@link #forEach} for a query that selects {@code packed}'s columns ({@link Packed#select()}):
     * {@code sql} holds {@code %s} where they go. The mapper reads the row by name
     * as usual.
     */
    <T> void forEachPacked(String sql, Packed packed, RowMapper<T> mapper, java.util.function.Consumer<? super T> each,
                           Object... params) {
        forEach(sql.replace("%s", packed.select()), packed, mapper, each, params);
    }

    private <T> void forEach(String sql, Packed packed, RowMapper<T> mapper, java.util.function.Consumer<? super T> each,
                             Object... params) {
        try (Stmt st = prepare(sql, params)) {
            st.ps.setFetchSize(500);
            try (ResultSet rs = st.ps.executeQuery()) {
                Row row = new Row(rs, packed);
                while (rs.next()) {
                    row.unpack();
                    each.accept(mapper.map(row));
                }
            }
            st.ok = true;
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /** The only row, or empty (also when the mapper gives null); more than one row is a programming error. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** A single number ({@code SELECT COUNT(*) ...}); 0 when there is no row or it is NULL. */
    public long queryLong(String sql, Object... params) {
        return queryOne(sql, r -> r.resultSet().getLong(1), params).orElse(0L);
    }

    /** INSERT, UPDATE or DDL; the number of rows changed. */
    public int update(String sql, Object... params) {
        try (Stmt st = prepare(sql, params)) {
            int n = st.ps.executeUpdate();
            st.ok = true;
            return n;
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * An INSERT into a table whose key column is {@code id}; returns the key assigned.
     * Uses {@code INSERT ... RETURNING id}, which SQLite (3.35+) and PostgreSQL both support.
     */
    public long insertReturningId(String sql, Object... params) {
        String returning = sql.strip() + " RETURNING id";
        try (Stmt st = prepare(returning, params); ResultSet rs = st.ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("INSERT returned no id");
            long id = rs.getLong(1);
            st.ok = true;
            return id;
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs {@code work} in one writing transaction (SQLite: {@code BEGIN IMMEDIATE}, so a
     * read-then-write sees no other writer in between): commits when it returns, rolls back
     * when it throws anything, and rethrows. Nested calls join the outer transaction.
     */
    public <T> T inTransaction(Work<T> work) {
        if (inTransaction) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw translate(e, null);
            }
        }
        try {
            dialect.beginWrite(connection);
        } catch (SQLException e) {
            throw translate(e, "BEGIN");
        }
        inTransaction = true;
        T result;
        try {
            result = work.run();
        } catch (SQLException e) {
            LedgerException le = translate(e, null);
            rollbackQuietly(le);
            throw le;
        } catch (RuntimeException | Error e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            inTransaction = false;
        }
        try {
            dialect.commit(connection);
        } catch (SQLException e) {
            LedgerException le = translate(e, "COMMIT");
            rollbackQuietly(le);
            throw le;
        }
        return result;
    }

    /** {@link #inTransaction(Work)} for work that returns nothing. */
    public void inTransaction(VoidWork work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** True while a transaction begun by {@link #inTransaction} is open. */
    public boolean isInTransaction() {
        return inTransaction;
    }

    private void rollbackQuietly(Throwable primary) {
        try {
            dialect.rollback(connection);
        } catch (SQLException e) {
            // the database may already have rolled back (e.g. after a failed COMMIT)
            primary.addSuppressed(e);
        }
    }

    private Stmt prepare(String sql, Object[] params) throws SQLException {
        PreparedStatement ps = cache.get(sql);
        boolean cached = true;
        if (ps == null || ps.isClosed()) {
            ps = connection.prepareStatement(sql);
            cache.put(sql, ps);
            if (cache.size() > CACHE_SIZE) evictEldest();
        } else if (inUse.contains(ps)) {
            ps = connection.prepareStatement(sql); // nested use of the same SQL: a private one
            cached = false;
        }
        inUse.add(ps);
        Stmt st = new Stmt(sql, ps, cached);
        try {
            for (int i = 0; i < params.length; i++) bind(ps, i + 1, params[i]);
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private void evictEldest() throws SQLException {
        var it = cache.entrySet().iterator();
        while (it.hasNext()) {
            PreparedStatement eldest = it.next().getValue();
            if (inUse.contains(eldest)) continue; // closed by its Stmt once it is no longer cached
            it.remove();
            eldest.close();
            return;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setObject(index, null);
        } else if (value instanceof Instant i) {
            ps.setLong(index, i.toEpochMilli());
        } else if (value instanceof LocalDate d) {
            ps.setString(index, d.toString());
        } else if (value instanceof DbEnum e) {
            ps.setString(index, e.dbValue());
        } else if (value instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (value instanceof Enum<?> e) {
            throw new IllegalArgumentException("enum " + e.getDeclaringClass().getSimpleName()
                    + " has no database value; implement DbEnum");
        } else {
            ps.setObject(index, value);
        }
    }

    LedgerException translate(SQLException e, String sql) {
        String what = e.getMessage();
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateKeyException("ledger " + name + ": " + what, e);
        }
        if (dialect.isBusy(e)) {
            // not only cadence: a first import holds the ledger for its whole duration (rollback
            // journal), and a tool (sqlite3, a GUI) may hold a transaction open, even a read one
            return new LedgerException("ledger " + name + " is busy: another process is writing to it or holds it"
                    + " (a first import filling it, or a tool with an open transaction); waited "
                    + SqliteDialect.BUSY_TIMEOUT.toSeconds() + " s, try again", e);
        }
        if (dialect.isNotADatabase(e)) {
            return new LedgerException(ExitStatus.INVALID, "ledger " + name + " is not a "
                    + dialect.name() + " database", e);
        }
        if (dialect.isReadOnly(e)) {
            return new LedgerException(ExitStatus.INVALID, "ledger " + name
                    + " cannot be written (read-only file or folder, or no permission)", e);
        }
        return new LedgerException("ledger " + name + ": " + what + (sql == null ? "" : " [" + oneLine(sql) + "]"), e);
    }

    private static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }
}
