package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which imports go through a rollback journal instead of the WAL: only a real (not dry-run)
 * whole-file import into a ledger without contacts. The journal mode is read on the importing
 * connection while the rows are written (every {@link ImportJob#PROGRESS_EVERY} rows).
 */
class ImportJobJournalTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-06T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Path db() {
        return tmp.resolve("l.db");
    }

    Ledger ledger() {
        return Ledger.open("jdbc:sqlite:" + db(), CLOCK);
    }

    Path csv(String prefix, int rows) throws IOException {
        StringBuilder sb = new StringBuilder("email,first_name\n");
        for (int i = 0; i < rows; i++) sb.append(prefix).append(i).append("@example.com,N").append(i).append('\n');
        return Files.writeString(tmp.resolve(prefix + ".csv"), sb);
    }

    static ImportJob.Options options(boolean dryRun) {
        ContactReader.Options read = new ContactReader.Options(java.util.Optional.empty(), MappingSpec.NONE,
                Fixtures.STAGES, null, 1);
        return new ImportJob.Options(read, DuplicatePolicy.UPDATE, null, false, dryRun, false, ImportJob.DEFAULT_BATCH,
                null, null, null, null);
    }

    static String journalMode(Ledger ledger) {
        return ledger.jdbc().queryOne("PRAGMA journal_mode", r -> r.resultSet().getString(1)).orElseThrow();
    }

    /** Imports {@code in}, reading the journal mode of the importing connection during the import. */
    List<String> modesDuring(Ledger ledger, Path in, boolean dryRun, ImportJob.Progress alsoDo) {
        List<String> modes = new ArrayList<>();
        ImportJob job = new ImportJob(ledger, options(dryRun), (rows, bytes) -> {
            modes.add(journalMode(ledger));
            alsoDo.update(rows, bytes);
        });
        ImportJob.Outcome outcome = job.run(in);
        assertThat(outcome.committed()).isEqualTo(!dryRun);
        assertThat(modes).as("the journal mode was read during the import").hasSizeGreaterThanOrEqualTo(3);
        return modes;
    }

    @Test
    void aFirstImportIntoAnEmptyLedgerGoesThroughTheRollbackJournal() throws IOException {
        Path in = csv("a", 3_000);
        try (Ledger ledger = ledger()) {
            assertThat(modesDuring(ledger, in, false, (r, b) -> { })).containsOnly("truncate");
            assertThat(journalMode(ledger)).isEqualTo("wal");
            assertThat(ledger.contacts().count()).isEqualTo(3_000);
        }
    }

    @Test
    void aDryRunNeverUsesTheRollbackJournal() throws IOException {
        Path in = csv("a", 3_000);
        try (Ledger ledger = ledger()) {
            assertThat(modesDuring(ledger, in, true, (r, b) -> { })).containsOnly("wal");
            assertThat(ledger.contacts().count()).isZero();
        }
        assertThat(tmp.resolve("l.db-journal")).doesNotExist();
    }

    /**
     * A ledger with contacts stays in WAL mode during the import, and another process (here
     * another connection, opened during the import) reads the ledger as it was before, at once.
     */
    @Test
    void anImportIntoALedgerWithContactsStaysInWalAndOthersReadTheStateBeforeIt() throws IOException {
        try (Ledger ledger = ledger()) {
            new ImportJob(ledger, options(false), null).run(csv("first", 2));
        }
        Path in = csv("b", 3_000);
        List<Long> seen = new ArrayList<>();
        List<Long> waitedMs = new ArrayList<>();
        try (Ledger ledger = ledger()) {
            List<String> modes = modesDuring(ledger, in, false, (rows, bytes) -> {
                if (!ledger.jdbc().isInTransaction()) return; // the last call comes after the commit
                long start = System.nanoTime();
                try (Ledger other = Ledger.openExisting("jdbc:sqlite:" + db(), CLOCK)) {
                    seen.add(other.contacts().count());
                }
                waitedMs.add((System.nanoTime() - start) / 1_000_000);
            });
            assertThat(modes).containsOnly("wal");
            assertThat(ledger.contacts().count()).isEqualTo(3_002);
        }
        assertThat(seen).as("the snapshot before the import").isNotEmpty().containsOnly(2L);
        assertThat(waitedMs).as("read beside the import, without waiting for it").allMatch(ms -> ms < 5_000);
        assertThat(tmp.resolve("l.db-journal")).doesNotExist();
    }
}
