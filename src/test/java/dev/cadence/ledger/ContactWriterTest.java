package dev.cadence.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/** The bulk writer's settings (Dialect.bulkWrite) and what it stores, on a real ledger file. */
class ContactWriterTest {
    @TempDir
    Path dir;

    private static boolean generatedKeys(Jdbc jdbc) throws Exception {
        return jdbc.connection().unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys();
    }

    @Test
    void bulkSettingsHoldWhileOpenAndAreRestoredOnClose() throws Exception {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            Jdbc jdbc = ledger.jdbc();
            long cache = jdbc.queryLong("PRAGMA cache_size");
            boolean keys = generatedKeys(jdbc);
            assertThat(keys).as("sqlite-jdbc's default").isTrue();
            try (ContactWriter w = ledger.contacts().writer()) {
                assertThat(jdbc.queryLong("PRAGMA cache_size")).isEqualTo(-SqliteDialect.BULK_CACHE_KIB);
                assertThat(generatedKeys(jdbc)).isFalse();
                assertThat(jdbc.queryLong("PRAGMA synchronous")).as("FULL stays").isEqualTo(2);
            }
            assertThat(jdbc.queryLong("PRAGMA cache_size")).isEqualTo(cache);
            assertThat(generatedKeys(jdbc)).isEqualTo(keys);
        }
    }

    @Test
    void insertsWithAndWithoutIdsAndStoresWhatTheRepositoryReads() {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            Map<String, String> custom = new LinkedHashMap<>();
            custom.put("notes", "line one\nline \"two\"\t\\ é");
            custom.put("industry", "Finance");
            Contact a = Contact.builder("Anna@Example.com").firstName("Anna").phone("+1 312 555 0101")
                    .phoneE164("+13125550101").owner("sam").stage("new").custom(custom).build();
            Contact b = Contact.builder("bob@example.com").build();
            long id = ledger.inTransaction(() -> {
                try (ContactWriter w = ledger.contacts().writer()) {
                    assertThat(w.insertIfAbsentNoId(b)).isTrue();
                    assertThat(w.insertIfAbsentNoId(b)).as("already there").isFalse();
                    long newId = w.insertIfAbsent(a).orElseThrow();
                    assertThat(w.insertIfAbsent(a)).isEmpty();
                    return newId;
                }
            });
            Contact stored = ledger.contacts().findById(id).orElseThrow();
            assertThat(stored.custom()).containsExactlyEntriesOf(custom);
            assertThat(stored.emailNorm()).isEqualTo("anna@example.com");
            assertThat(stored.phoneE164()).isEqualTo("+13125550101");
            assertThat(stored.createdAt()).isEqualTo(stored.updatedAt()).isEqualTo(TestLedgers.CLOCK.instant()
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(stored.pausedUntil()).isNull();
            assertThat(ledger.jdbc().queryLong("SELECT COUNT(*) FROM contacts")).isEqualTo(2);
            assertThat(ledger.jdbc().queryLong("SELECT COUNT(*) FROM contacts WHERE custom = '{}'")).isEqualTo(1);
        }
    }

    private static String journalMode(Jdbc jdbc) {
        return jdbc.queryOne("PRAGMA journal_mode", r -> r.resultSet().getString(1)).orElseThrow();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Contact contact(int i) {
        return Contact.builder("person" + i + "@example.com").firstName("Person " + i)
                .custom(Map.of("notes", "x".repeat(200))).build();
    }

    @Test
    void aWholeFileWriterUsesARollbackJournalWhenAloneAndRestoresTheWal() {
        Path file = dir.resolve("l.db");
        try (Ledger ledger = TestLedgers.open(file)) {
            Jdbc jdbc = ledger.jdbc();
            assertThat(journalMode(jdbc)).isEqualTo("wal");
            try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
                assertThat(journalMode(jdbc)).isEqualTo("truncate");
                assertThat(jdbc.queryLong("PRAGMA synchronous")).as("FULL stays").isEqualTo(2);
                assertThat(jdbc.queryLong("PRAGMA cache_size")).isEqualTo(-SqliteDialect.BULK_CACHE_KIB);
                assertThat(dir.resolve("l.db-wal")).as("checkpointed and removed by the switch").doesNotExist();
                ledger.inTransaction(() -> {
                    for (int i = 0; i < 100; i++) assertThat(w.insertIfAbsentNoId(contact(i))).isTrue();
                    assertThat(dir.resolve("l.db-journal")).exists();
                    assertThat(dir.resolve("l.db-wal")).doesNotExist();
                });
            }
            assertThat(journalMode(jdbc)).isEqualTo("wal");
            assertThat(dir.resolve("l.db-journal")).doesNotExist();
            assertThat(ledger.contacts().count()).isEqualTo(100);
        }
        try (Ledger again = TestLedgers.open(file)) {
            assertThat(journalMode(again.jdbc())).isEqualTo("wal");
            assertThat(again.contacts().count()).isEqualTo(100);
        }
    }

    @Test
    void theWriterStaysInWalWhenAskedInsideATransactionOrForBatches() {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            Jdbc jdbc = ledger.jdbc();
            ledger.inTransaction(() -> {
                try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
                    assertThat(journalMode(jdbc)).as("a journal mode cannot change inside a transaction").isEqualTo("wal");
                    assertThat(w.insertIfAbsentNoId(contact(1))).isTrue();
                }
            });
            try (ContactWriter w = ledger.contacts().writer()) {
                assertThat(journalMode(jdbc)).isEqualTo("wal");
            }
            assertThat(ledger.contacts().count()).isEqualTo(1);
        }
    }

    @Test
    void onAnEmptyLedgerOpenElsewhereTheWriterKeepsTheWalAndTheOtherConnectionReadsItsSnapshot() {
        Path file = dir.resolve("l.db");
        try (Ledger ledger = TestLedgers.open(file); Ledger other = TestLedgers.open(file)) {
            assertThat(other.contacts().count()).isZero(); // the other connection has read the ledger
            try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
                assertThat(journalMode(ledger.jdbc())).as("SQLite leaves WAL only for a lone connection").isEqualTo("wal");
                ledger.inTransaction(() -> {
                    for (int i = 1; i <= 500; i++) w.insertIfAbsentNoId(contact(i));
                    assertThat(other.contacts().count()).as("the snapshot before the write").isZero();
                });
            }
            assertThat(other.contacts().count()).isEqualTo(500);
            assertThat(journalMode(ledger.jdbc())).isEqualTo("wal");
        }
    }

    /**
     * A ledger that holds contacts keeps the WAL during a whole-file write even when no other
     * connection has it open, so that a process opening it meanwhile reads the state before the
     * write at once (due, contacts, export, a cron run), instead of waiting and failing "busy".
     */
    @Test
    void aLedgerWithContactsKeepsTheWalAndAProcessOpeningItDuringTheWriteReadsItsSnapshot() throws Exception {
        Path file = dir.resolve("l.db");
        try (Ledger ledger = TestLedgers.open(file)) {
            ledger.inTransaction(() -> {
                try (ContactWriter w = ledger.contacts().writer()) {
                    w.insertIfAbsentNoId(contact(0));
                }
            });
            try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
                assertThat(journalMode(ledger.jdbc())).isEqualTo("wal");
                ledger.inTransaction(() -> {
                    ledger.jdbc().update("PRAGMA cache_size = 20");
                    for (int i = 1; i <= 3_000; i++) w.insertIfAbsentNoId(contact(i));
                    long start = System.nanoTime();
                    long seen = CompletableFuture.supplyAsync(() -> {
                        try (Ledger o = Ledger.openExisting(TestLedgers.url(file), TestLedgers.CLOCK)) {
                            return o.contacts().count();
                        }
                    }).orTimeout(90, TimeUnit.SECONDS).join();
                    assertThat(seen).as("the snapshot before the write").isEqualTo(1);
                    assertThat(System.nanoTime() - start).as("without waiting for the writer")
                            .isLessThan(SqliteDialect.BUSY_TIMEOUT.toNanos() / 2);
                });
            }
            assertThat(dir.resolve("l.db-journal")).doesNotExist();
        }
        try (Ledger after = Ledger.openExisting(TestLedgers.url(file), TestLedgers.CLOCK)) {
            assertThat(after.contacts().count()).isEqualTo(3_001);
        }
    }

    /**
     * Another process opening the ledger while a whole-file write into an empty ledger holds it
     * in rollback-journal mode, after SQLite has already written uncommitted pages into the
     * database file: it waits for the busy timeout and fails with "busy"; it never sees the
     * uncommitted rows.
     */
    @Test
    void aProcessOpeningTheLedgerDuringTheWriteWaitsAndIsToldItIsBusy() throws Exception {
        Path file = dir.resolve("l.db");
        try (Ledger ledger = TestLedgers.open(file)) {
            long before = Files.size(file);
            try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
                assertThat(journalMode(ledger.jdbc())).as("an empty ledger").isEqualTo("truncate");
                ledger.inTransaction(() -> {
                    // a small page cache, so that SQLite writes pages of the open transaction into
                    // the file (as it does past 64 MiB in a real import)
                    ledger.jdbc().update("PRAGMA cache_size = 20");
                    for (int i = 1; i <= 3_000; i++) w.insertIfAbsentNoId(contact(i));
                    assertThat(size(file)).as("uncommitted pages in the file").isGreaterThan(before + 100_000);
                    long start = System.nanoTime();
                    CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                        try (Ledger o = Ledger.openExisting(TestLedgers.url(file), TestLedgers.CLOCK)) {
                            return o.contacts().count();
                        }
                    });
                    Throwable thrown = catchThrowable(() -> reader.get(90, TimeUnit.SECONDS));
                    assertThat(thrown).isInstanceOf(ExecutionException.class);
                    assertThat(thrown.getCause()).isInstanceOf(LedgerException.class)
                            .hasMessageContaining("is busy").hasMessageContaining("a first import filling it")
                            .hasMessageContaining("try again");
                    assertThat(System.nanoTime() - start).as("it waited for the busy timeout")
                            .isGreaterThanOrEqualTo(SqliteDialect.BUSY_TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(100));
                });
            }
        }
        try (Ledger after = Ledger.openExisting(TestLedgers.url(file), TestLedgers.CLOCK)) {
            assertThat(after.contacts().count()).isEqualTo(3_000);
            assertThat(journalMode(after.jdbc())).isEqualTo("wal");
            assertThat(after.jdbc().queryOne("PRAGMA integrity_check", r -> r.resultSet().getString(1))).contains("ok");
        }
    }

    /**
     * {@code connection}, except that a statement whose SQL contains {@code failOn} throws a
     * (non-busy) disk I/O error instead of running.
     */
    private static java.sql.Connection failing(java.sql.Connection connection, String failOn) {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(ContactWriterTest.class.getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    if (!(result instanceof java.sql.Statement st)) return result;
                    return java.lang.reflect.Proxy.newProxyInstance(ContactWriterTest.class.getClassLoader(),
                            new Class<?>[] {java.sql.Statement.class}, (p, m, a) -> {
                                if (a != null && a.length > 0 && a[0] instanceof String sql && sql.contains(failOn)) {
                                    throw new org.sqlite.SQLiteException("disk I/O error (test)",
                                            org.sqlite.SQLiteErrorCode.SQLITE_IOERR);
                                }
                                return invoke(m, st, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The switch to a rollback journal is an optimisation: any error in it leaves the write in WAL mode. */
    @Test
    void anyErrorWhileSwitchingToTheRollbackJournalLeavesTheWriteInWal() throws Exception {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            Jdbc jdbc = ledger.jdbc();
            long cache = jdbc.queryLong("PRAGMA cache_size");
            SqliteDialect dialect = new SqliteDialect();
            try (Dialect.BulkWrite b = dialect.bulkWrite(failing(jdbc.connection(), "TRUNCATE"), c -> true)) {
                assertThat(journalMode(jdbc)).isEqualTo("wal");
                assertThat(jdbc.queryLong("PRAGMA cache_size")).isEqualTo(-SqliteDialect.BULK_CACHE_KIB);
                assertThat(generatedKeys(jdbc)).isFalse();
            }
            assertThat(jdbc.queryLong("PRAGMA cache_size")).isEqualTo(cache);
            assertThat(generatedKeys(jdbc)).isTrue();

            // the check after the switch fails: back to WAL
            int[] checks = {0};
            try (Dialect.BulkWrite b = dialect.bulkWrite(jdbc.connection(), c -> {
                if (++checks[0] == 2) throw new org.sqlite.SQLiteException("disk I/O error (test)",
                        org.sqlite.SQLiteErrorCode.SQLITE_IOERR);
                return true;
            })) {
                assertThat(checks[0]).isEqualTo(2);
                assertThat(journalMode(jdbc)).isEqualTo("wal");
            }
            assertThat(journalMode(jdbc)).isEqualTo("wal");
        }
    }

    /**
     * The ledger had no contacts when checked, but has some once switched (a process wrote and
     * left in between): back to WAL before the write begins.
     */
    @Test
    void theCheckIsMadeAgainAfterTheSwitchAndAFailedOneGoesBackToWal() throws Exception {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            Jdbc jdbc = ledger.jdbc();
            java.util.List<String> modesSeen = new java.util.ArrayList<>();
            try (Dialect.BulkWrite b = new SqliteDialect().bulkWrite(jdbc.connection(), c -> {
                modesSeen.add(journalMode(jdbc));
                return modesSeen.size() == 1;
            })) {
                assertThat(modesSeen).containsExactly("wal", "truncate");
                assertThat(journalMode(jdbc)).isEqualTo("wal");
            }
        }
    }

    /** Whatever fails while the bulk settings are made, those already made are undone. */
    @Test
    void aFailureWhileMakingTheBulkSettingsUndoesThem() throws Exception {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            Jdbc jdbc = ledger.jdbc();
            long cache = jdbc.queryLong("PRAGMA cache_size");
            Throwable thrown = catchThrowable(() -> new SqliteDialect().bulkWrite(jdbc.connection(), c -> {
                throw new IllegalStateException("boom");
            }));
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThat(jdbc.queryLong("PRAGMA cache_size")).isEqualTo(cache);
            assertThat(generatedKeys(jdbc)).isTrue();
            assertThat(journalMode(jdbc)).isEqualTo("wal");
        }
    }

    @Test
    void connectionsAreOpenedWithoutSqlitesMutexButReadWriteCreate() {
        assertNoMutexButReadWriteCreate(new SQLiteConfig(new SqliteDialect().connectionProperties()).getOpenModeFlags());
    }

    /** The flags a real ledger connection was opened with (Ledger.open passes the dialect's properties). */
    @Test
    void aLedgerConnectionIsOpenedWithoutSqlitesMutex() throws Exception {
        try (Ledger ledger = TestLedgers.open(dir.resolve("l.db"))) {
            int flags = ledger.jdbc().connection().unwrap(SQLiteConnection.class).getDatabase().getConfig()
                    .getOpenModeFlags();
            assertNoMutexButReadWriteCreate(flags);
        }
    }

    private static void assertNoMutexButReadWriteCreate(int flags) {
        assertThat(flags & SQLiteOpenMode.NOMUTEX.flag).isNotZero();
        assertThat(flags & SQLiteOpenMode.FULLMUTEX.flag).isZero();
        assertThat(flags & SQLiteOpenMode.READWRITE.flag).isNotZero();
        assertThat(flags & SQLiteOpenMode.CREATE.flag).isNotZero();
        assertThat(flags & SQLiteOpenMode.READONLY.flag).isZero();
    }

    /**
     * Why NOMUTEX is safe: sqlite-jdbc enters SQLite for a connection only through its
     * {@code NativeDB}, whose native methods are {@code synchronized} on it, so two threads are
     * never inside SQLite on one connection at once. The two exceptions are safe from any
     * thread ({@code sqlite3_interrupt}, and the library's version string). A driver upgrade
     * that changes this fails here.
     */
    @Test
    void everyNativeMethodOfTheDriverIsSynchronizedOnItsConnectionButInterrupt() throws Exception {
        Class<?> nativeDb = Class.forName("org.sqlite.core.NativeDB");
        java.util.List<String> natives = new java.util.ArrayList<>();
        java.util.List<String> unsafe = new java.util.ArrayList<>();
        for (java.lang.reflect.Method m : nativeDb.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (!java.lang.reflect.Modifier.isNative(mod)) continue;
            natives.add(m.getName());
            if (m.getName().equals("interrupt") || m.getName().equals("libversion_utf8")) continue;
            if (!java.lang.reflect.Modifier.isSynchronized(mod) || java.lang.reflect.Modifier.isStatic(mod)) {
                unsafe.add(m.toString());
            }
        }
        assertThat(natives).as("the driver's native methods").hasSizeGreaterThan(30)
                .contains("step", "reset", "bind_text_utf8", "prepare_utf8", "_close", "interrupt");
        assertThat(unsafe).as("native methods not synchronized on the connection").isEmpty();
    }
}
