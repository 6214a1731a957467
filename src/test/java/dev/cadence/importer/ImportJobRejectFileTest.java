package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reject file that cannot be put in place at the end rolls the import back (or says what --allow-partial kept). */
class ImportJobRejectFileTest {
    @TempDir
    Path tmp;

    Ledger ledger() {
        return Ledger.open("jdbc:sqlite:" + tmp.resolve("l.db"), Clock.fixed(Instant.parse("2026-03-06T08:00:00Z"), ZoneOffset.UTC));
    }

    Path csv(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("email,first_name\n");
        for (int i = 0; i < rows; i++) sb.append(i % 10 == 0 ? "bad" + i : "c" + i + "@example.com").append(",N\n");
        return Files.writeString(tmp.resolve("in.csv"), sb);
    }

    /** Turns the reject-file target into a non-empty folder while the rows are being read: the final move fails. */
    static ImportJob.Progress sabotage(Path target) {
        return (rows, bytes) -> {
            try {
                Files.createDirectories(target.resolve("occupied"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    ImportJob.Options options(Path rejects, boolean allowPartial, int batch) {
        ContactReader.Options read = new ContactReader.Options(java.util.Optional.empty(), MappingSpec.NONE,
                Fixtures.STAGES, null, 1);
        return new ImportJob.Options(read, DuplicatePolicy.UPDATE, rejects, false, false, allowPartial, batch, null,
                null, null, null);
    }

    @Test
    void aRejectFileFailureRollsTheWholeDefaultImportBack() throws IOException {
        Path in = csv(2_500);
        Path rejects = tmp.resolve("rejects.csv");
        try (Ledger ledger = ledger()) {
            ImportJob job = new ImportJob(ledger, options(rejects, false, ImportJob.DEFAULT_BATCH), sabotage(rejects));
            assertThatThrownBy(() -> job.run(in))
                    .isInstanceOfSatisfying(CadenceException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.FAILURE))
                    .hasMessageStartingWith(rejects + ": cannot write the reject file: ")
                    .hasMessageEndingWith("; nothing was imported, the ledger is unchanged")
                    .message().doesNotContain("committed").doesNotContain(".tmp");
            assertThat(ledger.contacts().count()).isZero();
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void withAllowPartialOnlyTheWholeBatchesBeforeTheFailureStayAndTheMessageSaysSo() throws IOException {
        Path in = csv(2_500);
        Path rejects = tmp.resolve("rejects.csv");
        try (Ledger ledger = ledger()) {
            ImportJob job = new ImportJob(ledger, options(rejects, true, 1_000), sabotage(rejects));
            assertThatThrownBy(() -> job.run(in))
                    .hasMessageEndingWith("; the first 2000 rows were committed (--allow-partial), import the file"
                            + " again to finish it");
            assertThat(ledger.contacts().count()).isEqualTo(1_800); // 2 batches of 1000 rows, 1 in 10 rejected
        }
    }
}
