package dev.cadence.ledger;

import java.sql.SQLException;

/** Turns the current row into a value. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row) throws SQLException;
}
