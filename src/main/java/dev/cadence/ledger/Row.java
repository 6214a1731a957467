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
    /** For a packed row ({@link Packed}): the columns' positions, and the current row's values. */
    private final Packed packed;
    private final String[] values;
    /** A packed row whose packed value could not be read back exactly: read column by column. */
    private boolean raw;

    Row(ResultSet rs) {
        this(rs, null);
    }

    Row(ResultSet rs, Packed packed) {
        this.rs = rs;
        this.packed = packed;
        this.values = packed == null ? null : new String[packed.size()];
    }

    /** A packed row: decodes the current row's first two columns into the values (each row once, before mapping); else nothing. */
    void unpack() throws SQLException {
        if (packed != null) raw = !packed.decode(rs.getString(1), rs.getLong(2), values);
    }

    /** Packed, and this row's values decoded: read from them, not from the result. */
    private boolean fromValues() {
        return packed != null && !raw;
    }

    public String string(String column) throws SQLException {
        return fromValues() ? values[packed.index(column)] : rs.getString(column);
    }

    public long longValue(String column) throws SQLException {
        if (fromValues()) {
            String v = values[packed.index(column)];
            if (v == null) return 0;
            long n = parseLong(v);
            if (n != UNREAD) return n;
        }
        return rs.getLong(column);
    }

    public int intValue(String column) throws SQLException {
        if (fromValues()) {
            String v = values[packed.index(column)];
            if (v == null) return 0;
            long n = parseLong(v);
            if (n != UNREAD && n == (int) n) return (int) n;
        }
        return rs.getInt(column);
    }

    public Long nullableLong(String column) throws SQLException {
        if (fromValues()) {
            String v = values[packed.index(column)];
            if (v == null) return null;
            long n = parseLong(v);
            if (n != UNREAD) return n;
        }
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public boolean bool(String column) throws SQLException {
        return longValue(column) != 0;
    }

    public Instant instant(String column) throws SQLException {
        if (fromValues()) {
            String v = values[packed.index(column)];
            if (v == null) return null;
            long n = parseLong(v);
            if (n != UNREAD) return Instant.ofEpochMilli(n);
        }
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** Returned by {@link #parseLong} for what it does not read; the column is then read from the result (right for MIN_VALUE too). */
    private static final long UNREAD = Long.MIN_VALUE;

    /** An integer as SQLite writes one, else {@link #UNREAD} (then the column is read as without packing). */
    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return UNREAD;
        }
    }

    public LocalDate date(String column) throws SQLException {
        String v = string(column);
        return v == null ? null : parseDate(v);
    }

    /**
     * {@link LocalDate#parse} of ISO {@code YYYY-MM-DD}, with the common case (four-digit year, a day
     * up to 28, so always valid) read directly; anything else goes to {@code LocalDate.parse} (same
     * result, same exception).
     */
    static LocalDate parseDate(String v) {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            int y = digits(v, 0, 4);
            int m = digits(v, 5, 7);
            int d = digits(v, 8, 10);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 28) return LocalDate.of(y, m, d);
        }
        return LocalDate.parse(v);
    }

    /** The ASCII digits of v[from, to) as a number, or -1 if any is not a digit. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The underlying result set, for what the helpers above do not cover. */
    public ResultSet resultSet() {
        return rs;
    }
}
