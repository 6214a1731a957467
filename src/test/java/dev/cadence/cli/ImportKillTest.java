package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Ledger;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM importing a large file is killed with SIGKILL while it is under way: by default the
 * ledger must hold exactly what it held before (one transaction per file), with
 * {@code --allow-partial} whole batches only; in both cases the file is intact and a re-run
 * finishes the import.
 */
class ImportKillTest {
    static final int ROWS = 300_000;
    static final String AS_OF = "2026-03-06T15:00:00Z";

    @TempDir
    Path tmp;
    Path ws;
    Path big;
    Path db;

    @BeforeEach
    void setUp() throws IOException {
        ws = tmp.resolve("ws");
        assertThat(Cli.in(tmp).run("init", ws.toString()).code()).isZero();
        db = ws.resolve("cadence.db");
        // contacts already in the ledger before the big import
        Path small = tmp.resolve("small.csv");
        Files.writeString(small, "email,first_name\nfirst@example.org,First\nsecond@example.org,Second\n");
        Cli.Result r = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "import", small.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        big = tmp.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("Email,First Name,Last Name,Company,Time Zone,Industry\n");
            for (int i = 0; i < ROWS; i++) {
                w.write("person" + i + "@example.com,Zoë" + i + ",Ångström,\"Acme, Inc.\",Europe/Paris,retail\n");
            }
        }
    }

    private Process startImport(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.cadence.cli.Main",
                "-v", "-w", ws.toString(), "--as-of", AS_OF, "import", big.toString()));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    /**
     * Waits until the child says (-v) it has read and written {@code rows} rows, and, with
     * {@code minWalBytes}, until the ledger's -wal file has grown that much.
     */
    private void waitUntilUnderWay(Process p, long rows, long minWalBytes) throws InterruptedException, IOException {
        Path wal = ws.resolve("cadence.db-wal");
        Path log = tmp.resolve("child.log");
        String mark = ": " + rows + " rows read";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            boolean said = Files.exists(log) && Files.readString(log).contains(mark);
            long walBytes = 0;
            try {
                walBytes = Files.exists(wal) ? Files.size(wal) : 0;
            } catch (IOException e) {
                // the file may come and go while SQLite opens it
            }
            if (said && walBytes >= minWalBytes) return;
            Thread.sleep(10);
        }
    }

    private long count() {
        try (Ledger l = Ledger.openExisting("jdbc:sqlite:" + db, Clock.fixed(Instant.parse(AS_OF), ZoneOffset.UTC))) {
            assertThat(l.jdbc().query("PRAGMA integrity_check", r -> r.resultSet().getString(1))).containsExactly("ok");
            return l.contacts().count();
        }
    }

    @Test
    void killedMidImportLeavesTheLedgerExactlyAsBefore() throws Exception {
        assertThat(count()).isEqualTo(2);
        assertThat(ws.resolve("cadence.db-wal")).doesNotExist();
        Process p = startImport();
        waitUntilUnderWay(p, 100_000, 0); // 100,000 rows written inside the open transaction
        assertThat(p.isAlive()).as("the import must still be running when killed; " + Files.readString(tmp.resolve("child.log")))
                .isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(count()).isEqualTo(2);
        try (Ledger l = Ledger.openExisting("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertThat(l.contacts().findByRef("person0@example.com")).isEmpty();
            assertThat(l.contacts().findByRef("first@example.org")).isPresent();
        }

        Cli.Result rerun = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "import", big.toString());
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("read " + ROWS + ", created " + ROWS + ", updated 0, unchanged 0");
        assertThat(count()).isEqualTo(ROWS + 2);
    }

    /**
     * The default import of a large file alone on the ledger goes through a rollback journal
     * (TRUNCATE) instead of the WAL, and SQLite writes pages of the open transaction into the
     * database file once its page cache is full. Killed then, the next connection must play the
     * journal back: the file shrinks to its size before the import, the contacts are as before,
     * and the ledger is in WAL mode again.
     */
    @Test
    void killedAfterUncommittedPagesReachedTheFileTheJournalRestoresTheLedger() throws Exception {
        Path fat = tmp.resolve("fat.csv");
        int rows = 200_000;
        try (BufferedWriter w = Files.newBufferedWriter(fat, StandardCharsets.UTF_8)) {
            w.write("Email,First Name,Notes\n");
            String notes = "n".repeat(600);
            for (int i = 0; i < rows; i++) w.write("fat" + i + "@example.com,Fat" + i + "," + notes + i + "\n");
        }
        assertThat(count()).isEqualTo(2);
        long before = Files.size(db);
        Path journal = ws.resolve("cadence.db-journal");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.cadence.cli.Main",
                "-w", ws.toString(), "--as-of", AS_OF, "import", fat.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long grown = 0;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                grown = Files.exists(journal) ? Files.size(db) - before : 0;
            } catch (IOException e) {
                grown = 0;
            }
            if (grown > 20_000_000) break;
            Thread.sleep(10);
        }
        assertThat(p.isAlive()).as("the import must still be running when killed; " + Files.readString(tmp.resolve("child.log")))
                .isTrue();
        assertThat(grown).as("uncommitted pages written into the ledger file beside a rollback journal").isGreaterThan(20_000_000);
        assertThat(ws.resolve("cadence.db-wal")).as("no WAL while the journal is in use").doesNotExist();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(journal).as("a hot journal is left").exists();

        assertThat(count()).isEqualTo(2); // opening plays the journal back (and checks integrity)
        assertThat(Files.size(db)).as("the file is cut back to its size before the import").isEqualTo(before);
        assertThat(journal).doesNotExist();
        try (Ledger l = Ledger.openExisting("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertThat(l.jdbc().queryOne("PRAGMA journal_mode", r -> r.resultSet().getString(1))).contains("wal");
            assertThat(l.contacts().findByRef("fat0@example.com")).isEmpty();
        }

        Cli.Result rerun = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "import", fat.toString());
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("read " + rows + ", created " + rows + ", updated 0, unchanged 0");
        assertThat(count()).isEqualTo(rows + 2);
        assertThat(journal).doesNotExist();
        assertThat(ws.resolve("cadence.db-wal")).doesNotExist();
    }

    /**
     * {@code due} run while a default import holds the ledger in rollback-journal mode: it waits
     * and either reads the ledger after the import, or says the ledger is busy; it never fails
     * otherwise, and the import is not disturbed by it.
     */
    @Test
    void dueDuringARollbackJournalImportWaitsOrIsToldTheLedgerIsBusy() throws Exception {
        Path fat = tmp.resolve("fat.csv");
        int rows = 200_000;
        try (BufferedWriter w = Files.newBufferedWriter(fat, StandardCharsets.UTF_8)) {
            w.write("Email,First Name,Notes\n");
            String notes = "n".repeat(600);
            for (int i = 0; i < rows; i++) w.write("fat" + i + "@example.com,Fat" + i + "," + notes + i + "\n");
        }
        Path journal = ws.resolve("cadence.db-journal");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.cadence.cli.Main",
                "-w", ws.toString(), "--as-of", AS_OF, "import", fat.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(journal)) Thread.sleep(5);
        assertThat(p.isAlive()).as("the import must be under way; " + Files.readString(tmp.resolve("child.log"))).isTrue();
        assertThat(journal).as("the import runs with a rollback journal").exists();

        Cli.Result due = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "due");
        boolean importStillRunning = p.isAlive();
        System.out.println("due during the import: exit " + due.code() + ", import still running: " + importStillRunning);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isZero();
        if (due.code() != 0) {
            assertThat(due.err()).as(due.toString()).contains("is busy").contains("try again");
            assertThat(importStillRunning).as("busy only while the import runs").isTrue();
        }
        assertThat(count()).isEqualTo(rows + 2);
        assertThat(journal).doesNotExist();
    }

    @Test
    void killedWithAllowPartialKeepsWholeBatchesAndTheReRunFinishes() throws Exception {
        Process p = startImport("--allow-partial");
        waitUntilUnderWay(p, 100_000, 1); // 20 batches of 5,000 committed
        assertThat(p.isAlive()).as("the import must still be running when killed; " + Files.readString(tmp.resolve("child.log")))
                .isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long kept = count() - 2;
        assertThat(kept).isGreaterThan(0).isLessThan(ROWS);
        assertThat(kept % 5_000).as("only whole batches of 5,000 rows are committed").isZero();

        Cli.Result rerun = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "import", big.toString(),
                "--allow-partial");
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("read " + ROWS + ", created " + (ROWS - kept) + ", updated 0, unchanged " + kept);
        assertThat(count()).isEqualTo(ROWS + 2);
    }
}
