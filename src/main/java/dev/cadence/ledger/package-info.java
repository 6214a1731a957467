/**
 * The ledger (design §7): every contact, enrollment, touch and event, in SQLite through
 * sqlite-jdbc today and PostgreSQL later. All SQL of cadence lives in this package.
 *
 * <h2>Shape</h2>
 * {@link dev.cadence.ledger.Ledger} opens a database (checks the path, configures the
 * connection, applies migrations) and hands out one repository per aggregate
 * ({@link dev.cadence.ledger.ContactRepository}, {@link dev.cadence.ledger.EnrollmentRepository},
 * {@link dev.cadence.ledger.TouchRepository}, ...), which take and return records.
 * {@link dev.cadence.ledger.Jdbc} is the small JDBC helper they share (query, queryOne, update,
 * insertReturningId, inTransaction). Database-specific statements (pragmas, {@code BEGIN
 * IMMEDIATE}, identity columns, error codes) go through {@link dev.cadence.ledger.Dialect};
 * everything else is portable SQL that PostgreSQL also accepts ({@code INSERT ... ON CONFLICT
 * DO NOTHING}, {@code RETURNING id}, partial indexes, {@code SAVEPOINT}).
 *
 * <h2>Migrations</h2>
 * {@code src/main/resources/db/migration/V<n>__<description>.sql}, listed in
 * {@code Migrator.SCRIPTS}, applied in order at open under the write lock, recorded in
 * {@code schema_history} (version, description, script, checksum, applied_at, execution_ms,
 * success). A ledger with a newer schema than this build is refused (exit 2); an applied script
 * whose checksum differs from this build's is refused (exit 1). Never edit an applied script:
 * add {@code V2__...sql}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>Instants</b> (created_at, updated_at, at, due_at, next_due_at, applied_at,
 *       expires_at, ...) are {@code BIGINT} milliseconds since the epoch, UTC; {@link java.time.Instant}
 *       in Java. Sub-millisecond precision is dropped.</li>
 *   <li><b>Calendar dates</b> (start_date, paused_until) are {@code TEXT 'YYYY-MM-DD'}, a date
 *       in the contact's time zone; {@link java.time.LocalDate} in Java.</li>
 *   <li>Booleans are {@code INTEGER} 0/1; enumerations lower-case {@code TEXT} guarded by
 *       {@code CHECK} ({@link dev.cadence.ledger.DbEnum}); JSON documents {@code TEXT}.</li>
 *   <li>"Now" comes from the {@link java.time.Clock} the ledger was opened with ({@code --as-of}
 *       reaches the ledger); the ledger never reads the wall clock.</li>
 *   <li>Nothing is deleted; history tables are append-only; only state columns change.</li>
 *   <li>A {@link dev.cadence.ledger.Ledger} is one connection for one thread. Processes are
 *       serialised by the database: every read-then-write goes through {@code inTransaction},
 *       which takes the write lock at BEGIN, and waits up to the busy timeout (10 s) for it.
 *       The ledger is in WAL mode, so readers read a snapshot beside a writer. One exception, by
 *       design: a first import (a whole file, not a dry run) into a ledger with no contacts yet,
 *       alone on it, runs through a rollback journal
 *       ({@link dev.cadence.ledger.ContactRepository#writerForOneTransaction}), which writes its
 *       pages once instead of twice but locks the ledger for the import's duration: there is
 *       nothing to read yet, and a reader then waits up to the busy timeout and is told the
 *       ledger is busy. An import into a ledger that has contacts always goes through the WAL,
 *       so that {@code due}, {@code contacts}, {@code export} and a cron {@code run} keep
 *       reading while it runs. The switch is an optimisation: on any error it stays in WAL, and
 *       a ledger left in the rollback journal by a crash is back in WAL at the next open.</li>
 * </ul>
 */
package dev.cadence.ledger;
