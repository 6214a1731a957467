package dev.cadence.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

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
}
