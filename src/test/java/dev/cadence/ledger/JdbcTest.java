package dev.cadence.ledger;

import static dev.cadence.ledger.TestLedgers.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcTest {
    @TempDir
    Path dir;
    Ledger ledger;
    Jdbc jdbc;

    @BeforeEach
    void openLedger() {
        ledger = open(dir.resolve("cadence.db"));
        jdbc = ledger.jdbc();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void aTransactionThatThrowsLeavesNothing() {
        assertThatThrownBy(() -> ledger.inTransaction(() -> {
            ledger.contacts().insert(Contact.builder("ana@example.com").custom("plan", "gold").build());
            ledger.suppressions().add("bob@example.com", SuppressionReason.MANUAL, "test");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(ledger.contacts().count()).isZero();
        assertThat(ledger.contacts().knownCustomFields()).isEmpty();
        assertThat(ledger.suppressions().isSuppressed("bob@example.com")).isFalse();
        assertThat(jdbc.isInTransaction()).isFalse();
        // and the connection is usable again
        ledger.contacts().insert(Contact.builder("ana@example.com").build());
        assertThat(ledger.contacts().count()).isEqualTo(1);
    }

    @Test
    void aFailingStatementRollsBackTheWholeTransaction() {
        assertThatThrownBy(() -> ledger.inTransaction(() -> {
            ledger.contacts().insert(Contact.builder("ana@example.com").build());
            ledger.contacts().insert(Contact.builder(" ANA@example.com ").build());
        })).isInstanceOf(DuplicateKeyException.class)
                .hasMessageStartingWith("ledger " + dir.resolve("cadence.db") + ": ")
                .hasMessageContaining("contacts.email_norm");
        assertThat(ledger.contacts().count()).isZero();
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() {
        assertThatThrownBy(() -> ledger.inTransaction(() -> {
            ledger.inTransaction(() -> {
                ledger.notes(); // a repository call inside the inner transaction
                ledger.contacts().insert(Contact.builder("inner@example.com").build());
            });
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");
        assertThat(ledger.contacts().count()).isZero();
    }

    @Test
    void committedWorkIsVisibleToAnotherConnection() {
        long id = ledger.inTransaction(() -> ledger.contacts().insert(Contact.builder("ana@example.com").build()).id());
        try (Ledger other = open(dir.resolve("cadence.db"))) {
            assertThat(other.contacts().findById(id)).isPresent();
        }
    }

    @Test
    void bindsAndReadsTheTimeConventions() {
        Instant at = Instant.parse("2026-03-06T08:30:00.123Z");
        LocalDate day = LocalDate.of(2026, 3, 9);
        long id = jdbc.insertReturningId("INSERT INTO runs (started_at, finished_at, pid, host, summary)"
                + " VALUES (?, ?, ?, ?, ?)", at, null, 42L, "host", "{}");
        assertThat(id).isPositive();
        assertThat(jdbc.queryLong("SELECT started_at FROM runs WHERE id = ?", id)).isEqualTo(at.toEpochMilli());
        assertThat(jdbc.queryOne("SELECT typeof(started_at) AS t FROM runs WHERE id = ?", r -> r.string("t"), id))
                .contains("integer");
        assertThat(jdbc.queryOne("SELECT * FROM runs WHERE id = ?", r -> r.instant("started_at"), id)).contains(at);
        assertThat(jdbc.queryOne("SELECT * FROM runs WHERE id = ?", r -> r.instant("finished_at"), id)).isEmpty();
        assertThat(jdbc.queryOne("SELECT ? AS d", r -> r.date("d"), day)).contains(day);
        assertThat(jdbc.queryOne("SELECT ? AS d", r -> r.string("d"), day)).contains("2026-03-09");
        assertThat(jdbc.queryOne("SELECT ? AS b", r -> r.longValue("b"), true)).contains(1L);
    }

    @Test
    void queryOneRefusesSeveralRows() {
        ledger.contacts().insert(Contact.builder("a@example.com").build());
        ledger.contacts().insert(Contact.builder("b@example.com").build());
        assertThatThrownBy(() -> jdbc.queryOne("SELECT id FROM contacts", r -> r.longValue("id")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most one row, got 2");
    }

    @Test
    void sqlErrorsNameTheLedgerAndTheStatement() {
        assertThatThrownBy(() -> jdbc.update("UPDATE missing_table SET x = 1"))
                .isInstanceOf(LedgerException.class)
                .hasMessageStartingWith("ledger " + dir.resolve("cadence.db") + ": ")
                .hasMessageContaining("no such table: missing_table")
                .hasMessageEndingWith("[UPDATE missing_table SET x = 1]");
    }

    @Test
    void foreignKeysAreEnforced() {
        assertThatThrownBy(() -> ledger.notes().add(999, "orphan", null))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void checkConstraintsGuardEnumerations() {
        assertThatThrownBy(() -> jdbc.update("INSERT INTO suppressions (email_norm, reason, created_at)"
                + " VALUES ('x@example.com', 'because', 0)"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("CHECK constraint failed");
    }
}
