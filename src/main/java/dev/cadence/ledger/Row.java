package dev.cadence.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The current row of a result, read with the ledger's conventions: instants are epoch
 * milliseconds, dates ISO {@code YYYY-MM-DD} text, booleans 0/1, and SQL NULL is Java null.
 */
public final class Row {
    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String string(String column) throws SQLException {
        return rs.getString(column);
    }

    public long longValue(String column) throws SQLException {
        return rs.getLong(column);
    }

    public int intValue(String column) throws SQLException {
        return rs.getInt(column);
    }

    public Long nullableLong(String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public boolean bool(String column) throws SQLException {
        return rs.getLong(column) != 0;
    }

    public Instant instant(String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    public LocalDate date(String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : LocalDate.parse(v);
    }

    /** The underlying result set, for what the helpers above do not cover. */
    public ResultSet resultSet() {
        return rs;
    }
}
