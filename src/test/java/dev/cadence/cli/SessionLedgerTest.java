package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SessionLedgerTest {
    @TempDir
    Path tmp;

    private Session session(String... args) {
        CommandLine cl = new CommandLine(new CadenceCommand(Map.of(), tmp));
        cl.parseArgs(args);
        return Session.of(cl.getCommandSpec());
    }

    private Path workspace() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("cadence.yaml"), "timezone: Europe/Paris\n");
        return ws;
    }

    @Test
    void readOnlyAccessCreatesNoLedgerAndSaysSo() throws Exception {
        Path ws = workspace();
        try (Session s = session("-w", ws.toString())) {
            assertThatThrownBy(s::existingLedger)
                    .isInstanceOf(CadenceException.class)
                    .hasMessage("no ledger yet at " + ws.resolve("cadence.db") + "; import contacts first");
        }
        assertThat(ws.resolve("cadence.db")).doesNotExist();
    }

    @Test
    void ledgerIsOpenedOnceInTheWorkspaceWithTheAsOfClockAndClosedWithTheSession() throws Exception {
        Path ws = workspace();
        Ledger ledger;
        try (Session s = session("-w", ws.toString(), "--as-of", "2026-03-06T08:30:00Z")) {
            ledger = s.ledger();
            assertThat(s.ledger()).isSameAs(ledger);
            assertThat(s.existingLedger()).isSameAs(ledger);
            assertThat(ledger.file()).contains(ws.resolve("cadence.db"));
            Contact c = ledger.contacts().insert(Contact.builder("ana@example.com").build());
            assertThat(c.createdAt()).isEqualTo(Instant.parse("2026-03-06T08:30:00Z"));
        }
        assertThatThrownBy(() -> ledger.contacts().count()).isInstanceOf(CadenceException.class);
        try (Session s = session("-w", ws.toString())) {
            assertThat(s.existingLedger().contacts().count()).isEqualTo(1);
        }
    }

    @Test
    void ledgerOptionTakesAPlainPath() throws Exception {
        Path ws = workspace();
        Path other = tmp.resolve("elsewhere.db");
        try (Session s = session("-w", ws.toString(), "--ledger", "elsewhere.db")) {
            assertThat(s.ledger().file()).contains(other);
        }
        assertThat(other).exists();
        assertThat(ws.resolve("cadence.db")).doesNotExist();
    }
}
