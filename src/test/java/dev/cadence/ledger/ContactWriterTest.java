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
    void anotherConnectionKeepsTheWalAndReadsItsSnapshotDuringTheWrite() {
        Path file = dir.resolve("l.db");
        try (Ledger ledger = TestLedgers.open(file); Ledger other = TestLedgers.open(file)) {
            ledger.inTransaction(() -> {
                try (ContactWriter w = ledger.contacts().writer()) {
                    w.insertIfAbsentNoId(contact(0));
                }
            });
            assertThat(other.contacts().count()).isEqualTo(1); // the other connection has read the ledger
            try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
                assertThat(journalMode(ledger.jdbc())).as("SQLite leaves WAL only for a lone connection").isEqualTo("wal");
                ledger.inTransaction(() -> {
                    for (int i = 1; i <= 500; i++) w.insertIfAbsentNoId(contact(i));
                    assertThat(other.contacts().count()).as("the snapshot before the write").isEqualTo(1);
                });
            }
            assertThat(other.contacts().count()).isEqualTo(501);
            assertThat(journalMode(ledger.jdbc())).isEqualTo("wal");
        }
    }

    /**
     * Another process opening the ledger while a whole-file write holds it in rollback-journal
     * mode, after SQLite has already written uncommitted pages into the database file: it waits
     * for the busy timeout and fails with "busy"; it never sees the uncommitted rows.
     */
    @Test
    void aProcessOpeningTheLedgerDuringTheWriteWaitsAndIsToldItIsBusy() throws Exception {
        Path file = dir.resolve("l.db");
        try (Ledger ledger = TestLedgers.open(file)) {
            ledger.inTransaction(() -> {
                try (ContactWriter w = ledger.contacts().writer()) {
                    w.insertIfAbsentNoId(contact(0));
                }
            });
            long before = Files.size(file);
            try (ContactWriter w = ledger.contacts().writerForOneTransaction()) {
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
                            .hasMessageContaining("is busy");
                    assertThat(System.nanoTime() - start).as("it waited for the busy timeout")
                            .isGreaterThanOrEqualTo(SqliteDialect.BUSY_TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(100));
                });
            }
        }
        try (Ledger after = Ledger.openExisting(TestLedgers.url(file), TestLedgers.CLOCK)) {
            assertThat(after.contacts().count()).isEqualTo(3_001);
            assertThat(journalMode(after.jdbc())).isEqualTo("wal");
            assertThat(after.jdbc().queryOne("PRAGMA integrity_check", r -> r.resultSet().getString(1))).contains("ok");
        }
    }

    @Test
    void connectionsAreOpenedWithoutSqlitesMutexButReadWriteCreate() {
        SQLiteConfig config = new SQLiteConfig(new SqliteDialect().connectionProperties());
        int flags = config.getOpenModeFlags();
        assertThat(flags & SQLiteOpenMode.NOMUTEX.flag).isNotZero();
        assertThat(flags & SQLiteOpenMode.FULLMUTEX.flag).isZero();
        assertThat(flags & SQLiteOpenMode.READWRITE.flag).isNotZero();
        assertThat(flags & SQLiteOpenMode.CREATE.flag).isNotZero();
        assertThat(flags & SQLiteOpenMode.READONLY.flag).isZero();
    }
}
