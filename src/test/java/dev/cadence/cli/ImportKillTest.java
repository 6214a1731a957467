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
        big = tmp.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("Email,First Name,Last Name,Company,Time Zone,Industry\n");
            for (int i = 0; i < ROWS; i++) {
                w.write("person" + i + "@example.com,Zoë" + i + ",Ångström,\"Acme, Inc.\",Europe/Paris,retail\n");
            }
        }
    }

    /**
     * Two contacts in the ledger before the big import: it then goes through the WAL (a first
     * import into an empty ledger goes through a rollback journal).
     */
    private void twoContactsFirst() throws IOException {
        Path small = tmp.resolve("small.csv");
        Files.writeString(small, "email,first_name\nfirst@example.org,First\nsecond@example.org,Second\n");
        Cli.Result r = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "import", small.toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    /** An empty ledger (schema, no contacts), closed: its -wal file is checkpointed and gone. */
    private void emptyLedgerFirst() {
        try (Ledger l = Ledger.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertThat(l.contacts().count()).isZero();
        }
        assertThat(ws.resolve("cadence.db-wal")).doesNotExist();
    }

    /** A CSV of {@code rows} contacts with 600-character notes: the import fills a 64 MiB cache. */
    private Path fatCsv(int rows) throws IOException {
        Path fat = tmp.resolve("fat.csv");
        try (BufferedWriter w = Files.newBufferedWriter(fat, StandardCharsets.UTF_8)) {
            w.write("Email,First Name,Notes\n");
            String notes = "n".repeat(600);
            for (int i = 0; i < rows; i++) w.write("fat" + i + "@example.com,Fat" + i + "," + notes + i + "\n");
        }
        return fat;
    }

    /** What {@code contacts list --format csv} read, run in-process with its own connection: rows, or -1 on failure. */
    private record Listed(Cli.Result result, long rows) {}

    private Listed listContacts() {
        Cli.Result r = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "contacts", "list", "--format", "csv");
        long lines = r.out().lines().filter(l -> !l.isEmpty()).count();
        return new Listed(r, r.code() == 0 ? lines - 1 : -1); // minus the header
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
        twoContactsFirst();
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
     * A first import into an empty ledger, alone on it, goes through a rollback journal (TRUNCATE)
     * instead of the WAL, and SQLite writes pages of the open transaction into the database file
     * once its page cache is full. Killed then, the next connection must play the journal back:
     * the file shrinks to its size before the import, the ledger is empty again, and it is in WAL
     * mode again.
     */
    @Test
    void killedAfterUncommittedPagesReachedTheFileTheJournalRestoresTheLedger() throws Exception {
        int rows = 200_000;
        Path fat = fatCsv(rows);
        emptyLedgerFirst();
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

        assertThat(count()).isZero(); // opening plays the journal back (and checks integrity)
        assertThat(Files.size(db)).as("the file is cut back to its size before the import").isEqualTo(before);
        assertThat(journal).doesNotExist();
        try (Ledger l = Ledger.openExisting("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertThat(l.jdbc().queryOne("PRAGMA journal_mode", r -> r.resultSet().getString(1))).contains("wal");
            assertThat(l.contacts().findByRef("fat0@example.com")).isEmpty();
        }

        Cli.Result rerun = Cli.in(tmp).run("-w", ws.toString(), "--as-of", AS_OF, "import", fat.toString());
        assertThat(rerun.code()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("read " + rows + ", created " + rows + ", updated 0, unchanged 0");
        assertThat(count()).isEqualTo(rows);
        assertThat(journal).doesNotExist();
        assertThat(ws.resolve("cadence.db-wal")).doesNotExist();
    }

    /**
     * A crash after the import committed but before the ledger was switched back to WAL leaves
     * it in rollback-journal mode (TRUNCATE) with an empty -journal file; here a raw connection
     * leaves it so. The next open puts it back in WAL mode and leaves no journal file behind.
     */
    @Test
    void aLedgerLeftInRollbackJournalModeIsBackInWalAtTheNextOpen() throws Exception {
        emptyLedgerFirst();
        Path journal = ws.resolve("cadence.db-journal");
        try (java.sql.Connection raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = raw.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("PRAGMA journal_mode = TRUNCATE")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("truncate");
            }
            st.execute("PRAGMA synchronous = FULL");
            st.execute("INSERT INTO contacts (email, email_norm, custom, created_at, updated_at)"
                    + " VALUES ('a@example.com', 'a@example.com', '{}', 0, 0)");
        }
        assertThat(journal).as("TRUNCATE keeps an empty journal file").exists();
        assertThat(Files.size(journal)).isZero();
        try (java.sql.Connection raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = raw.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            // a rollback-journal mode is not recorded in the file (WAL is): a new connection
            // starts in DELETE mode, with the empty journal file left beside the ledger
            assertThat(rs.getString(1)).as("the file is no longer in WAL mode").isEqualTo("delete");
        }

        try (Ledger l = Ledger.openExisting("jdbc:sqlite:" + db, Clock.systemUTC())) {
            assertThat(l.jdbc().queryOne("PRAGMA journal_mode", r -> r.resultSet().getString(1))).contains("wal");
            assertThat(journal).doesNotExist();
            assertThat(l.contacts().count()).isEqualTo(1);
        }
        assertThat(journal).doesNotExist();
        assertThat(count()).isEqualTo(1);
    }

    /**
     * Readers ({@code contacts list --format csv}, as {@code due} or {@code export} would) run while
     * a first import fills an empty ledger through the rollback journal: each waits and then
     * reads either nothing (before) or every contact (after), never part of the import, or is
     * told the ledger is busy; it never fails otherwise, and the import is not disturbed by it.
     */
    @Test
    void readersDuringAFirstImportSeeAllOrNothingOrAreToldTheLedgerIsBusy() throws Exception {
        int rows = 200_000;
        Path fat = fatCsv(rows);
        emptyLedgerFirst();
        Path journal = ws.resolve("cadence.db-journal");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.cadence.cli.Main",
                "-w", ws.toString(), "--as-of", AS_OF, "import", fat.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(journal)) Thread.sleep(5);
        assertThat(p.isAlive()).as("the import must be under way; " + Files.readString(tmp.resolve("child.log"))).isTrue();
        assertThat(journal).as("the import runs with a rollback journal").exists();

        List<Listed> reads = new ArrayList<>();
        List<Boolean> importRunning = new ArrayList<>();
        while (p.isAlive() && reads.size() < 3) {
            reads.add(listContacts());
            importRunning.add(p.isAlive());
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isZero();
        System.out.println("contacts list during the first import: " + reads.stream()
                .map(l -> l.result().code() == 0 ? l.rows() + " rows" : "busy").toList() + ", import still running: "
                + importRunning);
        assertThat(reads).isNotEmpty();
        for (int i = 0; i < reads.size(); i++) {
            Listed l = reads.get(i);
            if (l.result().code() == 0) {
                assertThat(l.rows()).as("all or nothing: " + l.result().err()).isIn(0L, (long) rows);
            } else {
                assertThat(l.result().err()).as(l.result().toString()).contains("is busy").contains("try again");
                assertThat(importRunning.get(i)).as("busy only while the import runs").isTrue();
            }
        }
        assertThat(listContacts().rows()).isEqualTo(rows);
        assertThat(count()).isEqualTo(rows);
        assertThat(journal).doesNotExist();
    }

    /**
     * An import into a ledger that already holds contacts goes through the WAL: a reader run
     * meanwhile reads the contacts as they were before the import, at once, and the import
     * goes on.
     */
    @Test
    void readersDuringAnImportIntoALedgerWithContactsReadTheStateBeforeItAtOnce() throws Exception {
        twoContactsFirst();
        Process p = startImport();
        waitUntilUnderWay(p, 50_000, 0); // 50,000 rows written inside the open transaction
        assertThat(p.isAlive()).as("the import must be under way; " + Files.readString(tmp.resolve("child.log"))).isTrue();
        long start = System.nanoTime();
        Listed during = listContacts();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        boolean stillRunning = p.isAlive();
        assertThat(ws.resolve("cadence.db-journal")).as("no rollback journal").doesNotExist();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isZero();
        assertThat(during.result().code()).as(during.result().toString()).isZero();
        assertThat(during.rows()).as("the snapshot before the import").isEqualTo(2);
        assertThat(stillRunning).as("read while the import ran").isTrue();
        assertThat(tookMs).as("without waiting for the import").isLessThan(5_000);
        assertThat(count()).isEqualTo(ROWS + 2);
    }

    @Test
    void killedWithAllowPartialKeepsWholeBatchesAndTheReRunFinishes() throws Exception {
        twoContactsFirst();
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
