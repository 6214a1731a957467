package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.ExampleWorkspace;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    static final Path LIBRARY = Path.of("sequences");

    @TempDir
    Path tmp;

    @Test
    void initWritesTheWholeLibraryIdenticalToTheRepositoryFolder() throws IOException {
        Path ws = tmp.resolve("deep/new/ws");

        Cli.Result r = Cli.in(tmp).run("init", "deep/new/ws");

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> index = libraryIndex();
        assertThat(index).hasSizeGreaterThan(30);
        for (String rel : index) {
            Path source = LIBRARY.resolve(rel);
            Path written = ws.resolve(rel.startsWith("templates/") ? rel : "sequences/" + rel);
            assertThat(written).as(rel).isRegularFile();
            assertThat(Files.readAllBytes(written)).as(rel).isEqualTo(Files.readAllBytes(source));
            assertThat(r.out()).contains("created " + written);
        }
        assertThat(ws.resolve("cadence.yaml")).isRegularFile();
        assertThat(ws.resolve("sequences/cold-outbound.yaml")).isRegularFile();
        assertThat(ws.resolve("templates/cold/intro.mustache")).isRegularFile();
        assertThat(ws.resolve("contacts.csv")).doesNotExist();
        assertThat(Files.readAllLines(ws.resolve(".gitignore")))
                .contains("cadence.db", "cadence.db-wal", "cadence.db-shm", "cadence.db-journal", "outbox/");
        // no temporary file is left behind
        try (Stream<Path> all = Files.walk(ws)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(r.err()).contains("Next steps:").contains("cadence -w " + ws + " validate")
                .contains("sender:");
    }

    @Test
    void theWrittenConfigLoadsWithoutAnyProblem() {
        Path ws = tmp.resolve("ws");
        assertThat(Cli.in(tmp).run("init", ws.toString()).code()).isZero();

        Problems problems = new Problems();
        WorkspaceConfig c = ConfigLoader.load(ws.resolve("cadence.yaml"), problems);

        assertThat(problems.asList()).isEmpty();
        assertThat(c.transport()).isEqualTo("outbox");
        assertThat(c.sender()).isPresent();
        assertThat(c.sender().get().email()).endsWith("@example.com");
        assertThat(c.caps().minGap()).isPresent();
        assertThat(c.stage("qualified").orElseThrow().requires().attempts()).isEqualTo(3);
        assertThat(c.silence().orElseThrow().enroll()).contains("reactivation");
        assertThat(ws.resolve("sequences/reactivation.yaml")).isRegularFile();
        assertThat(c.customFields()).contains("industry");
    }

    @Test
    void initWithoutDirUsesTheCurrentFolder() {
        Cli.Result r = Cli.in(tmp).run("init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(tmp.resolve("cadence.yaml")).isRegularFile();
        assertThat(tmp.resolve("sequences/multichannel.yaml")).isRegularFile();
    }

    @Test
    void initWithoutDirButWithWorkspaceOptionUsesThatFolder() {
        Cli.Result r = Cli.in(tmp).run("-w", "elsewhere", "init");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(tmp.resolve("elsewhere/cadence.yaml")).isRegularFile();
        assertThat(tmp.resolve("cadence.yaml")).doesNotExist();
    }

    @Test
    void reInitIsRefusedAndChangesNothing() throws IOException {
        Path ws = tmp.resolve("ws");
        assertThat(Cli.in(tmp).run("init", ws.toString()).code()).isZero();
        Files.writeString(ws.resolve("cadence.yaml"), "timezone: Europe/Paris\n");
        Files.delete(ws.resolve("templates/cold/intro.mustache"));
        Map<String, String> before = snapshot(ws);

        Cli.Result r = Cli.in(tmp).run("init", ws.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(ws + " is already a workspace (it has cadence.yaml); nothing was written")
                .contains("--force").doesNotContain("Exception");
        assertThat(snapshot(ws)).isEqualTo(before);
    }

    @Test
    void forceRestoresMissingFilesAndKeepsEditedOnes() throws IOException {
        Path ws = tmp.resolve("ws");
        assertThat(Cli.in(tmp).run("init", ws.toString()).code()).isZero();
        Path deleted = ws.resolve("templates/cold/breakup.mustache");
        Path edited = ws.resolve("sequences/cold-outbound.yaml");
        Path config = ws.resolve("cadence.yaml");
        Files.delete(deleted);
        Files.writeString(edited, "name: cold-outbound\n# my own version\n");
        Files.writeString(config, "timezone: Asia/Kolkata\n");

        Cli.Result r = Cli.in(tmp).run("init", "--force", ws.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(deleted)).isEqualTo(Files.readAllBytes(LIBRARY.resolve("templates/cold/breakup.mustache")));
        assertThat(Files.readString(edited)).isEqualTo("name: cold-outbound\n# my own version\n");
        assertThat(Files.readString(config)).isEqualTo("timezone: Asia/Kolkata\n");
        assertThat(r.out()).contains("created " + deleted).contains("kept    " + edited).contains("kept    " + config);
        assertThat(r.out().lines().filter(l -> l.startsWith("created "))).hasSize(1);
        assertThat(r.err()).contains("existing files kept unchanged");
    }

    @Test
    void aFolderWithFilesButNoConfigGetsTheMissingFilesAndKeepsItsOwn() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(ws.resolve(".gitignore"), "target/\n");

        Cli.Result r = Cli.in(tmp).run("init", ws.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(ws.resolve(".gitignore"))).isEqualTo("target/\n");
        assertThat(ws.resolve("cadence.yaml")).isRegularFile();
        assertThat(r.out()).contains("kept    " + ws.resolve(".gitignore"));
        assertThat(r.err()).contains("the existing " + ws.resolve(".gitignore") + " was kept")
                .contains("cadence.db, cadence.db-wal, cadence.db-shm, cadence.db-journal and outbox/");
    }

    @Test
    void initUnderARegularFileFailsClearlyAndWritesNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "hello\n");

        Cli.Result r = Cli.in(tmp).run("init", "notes.txt/ws");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("cadence: cannot create workspace " + file.resolve("ws") + ": " + file
                + " is a file, not a folder" + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo("hello\n");
        try (Stream<Path> all = Files.list(tmp)) {
            assertThat(all).containsExactly(file);
        }
    }

    @Test
    void aFileWhereAFolderIsNeededStopsInitBeforeItWritesAnything() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("templates"), "not a folder\n");

        Cli.Result r = Cli.in(tmp).run("init", ws.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(ws.resolve("templates") + " is a file, not a folder; nothing was written");
        try (Stream<Path> all = Files.list(ws)) {
            assertThat(all).containsExactly(ws.resolve("templates"));
        }
    }

    @Test
    void exampleAddsRealisticContactsAndTheImportHint() throws IOException {
        Path ws = tmp.resolve("demo");

        Cli.Result r = Cli.in(tmp).run("--as-of", "2026-03-06T15:00:00Z", "init", "--example", "demo");

        assertThat(r.code()).as(r.toString()).isZero();
        Path csv = ws.resolve("contacts.csv");
        assertThat(r.out()).contains("created " + csv);
        assertThat(ws.resolve("cadence.yaml")).isRegularFile();
        assertThat(r.err()).contains("Imported 40 sample contacts from " + csv + " and enrolled 40")
                .contains("cadence -w " + ws + " due")
                .contains("cadence -w " + ws + " contacts show " + InitCommand.FIRST_CONTACT);

        List<List<String>> rows = parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        assertThat(String.join(",", header)).isEqualTo(
                "email,first_name,last_name,company,title,phone,linkedin,timezone,owner,stage,industry");
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(data).hasSizeBetween(35, 50);
        assertThat(data).allSatisfy(row -> assertThat(row).hasSameSizeAs(header));
        Set<String> emails = new HashSet<>();
        for (List<String> row : data) {
            assertThat(emails.add(row.get(0).toLowerCase())).as("duplicate email %s", row.get(0)).isTrue();
            assertThat(row.get(0)).matches("[^@\\s]+@[^@\\s]+\\.example");
            java.time.ZoneId.of(row.get(7)); // every time zone is a real IANA zone
        }
        assertThat(data.stream().map(row -> row.get(8)).distinct()).hasSizeBetween(2, 3);
        assertThat(data.stream().map(row -> row.get(7)))
                .contains("Asia/Kolkata", "Australia/Sydney", "Europe/Berlin", "America/New_York");
        assertThat(data.stream().map(row -> row.get(1))).contains("Zoë", "José", "Łukasz", "Дмитрий", "");
        assertThat(data).anyMatch(row -> row.get(5).isEmpty()).anyMatch(row -> row.get(6).isEmpty())
                .anyMatch(row -> row.get(3).contains(","));
        // the custom column is declared in the generated cadence.yaml
        Problems problems = new Problems();
        assertThat(ConfigLoader.load(ws.resolve("cadence.yaml"), problems).customFields()).contains("industry");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void exampleContactsAreImportedAndEnrolledWithDayOneOverTheLastTwoWeeks() throws IOException {
        Path ws = tmp.resolve("demo");

        Cli.Result r = Cli.in(tmp).run("--as-of", "2026-03-06T15:00:00Z", "init", "--example", ws.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        java.time.LocalDate today = java.time.LocalDate.of(2026, 3, 6); // 10:00 in New York
        try (dev.cadence.ledger.Ledger l = dev.cadence.ledger.Ledger.openExisting(
                "jdbc:sqlite:" + ws.resolve("cadence.db"), java.time.Clock.systemUTC())) {
            assertThat(l.contacts().count()).isEqualTo(40);
            Map<String, Long> bySequence = new TreeMap<>();
            Set<java.time.LocalDate> days = new HashSet<>();
            for (dev.cadence.ledger.Contact c : l.contacts().list(dev.cadence.ledger.ContactFilter.ALL)) {
                List<dev.cadence.ledger.Enrollment> es = l.enrollments().findByContact(c.id());
                assertThat(es).as(c.email()).hasSize(1);
                dev.cadence.ledger.Enrollment e = es.get(0);
                String expected = "customer".equals(c.stage()) ? "post-purchase"
                        : "lost".equals(c.stage()) ? "reactivation" : "cold-outbound";
                assertThat(e.sequence()).as(c.email()).isEqualTo(expected);
                assertThat(e.startDate()).isBetween(today.minusDays(13), today);
                days.add(e.startDate());
                bySequence.merge(e.sequence(), 1L, Long::sum);
            }
            assertThat(bySequence).containsEntry("post-purchase", 2L).containsEntry("reactivation", 1L)
                    .containsEntry("cold-outbound", 37L);
            assertThat(days).hasSize(14);
            // row 0 starts today, row 1 yesterday
            assertThat(l.enrollments().findByContact(l.contacts().getByRef(InitCommand.FIRST_CONTACT).id()).get(0)
                    .startDate()).isEqualTo(today);
        }
        Cli.Result show = Cli.in(tmp).run("-w", ws.toString(), "contacts", "show", InitCommand.FIRST_CONTACT);
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("cold-outbound").contains("Dana");
    }

    @Test
    void exampleStartDatesSpreadOverTwoWeeks() {
        java.time.LocalDate today = java.time.LocalDate.of(2026, 3, 6);
        assertThat(ExampleWorkspace.startDate(0, today)).isEqualTo(today);
        assertThat(ExampleWorkspace.startDate(13, today)).isEqualTo(today.minusDays(13));
        assertThat(ExampleWorkspace.startDate(14, today)).isEqualTo(today);
    }

    @Test
    void helpDescribesTheCommandWithExamples() {
        Cli.Result r = Cli.in(tmp).run("init", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: cadence init").contains("--force").contains("--example").contains("Examples:");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    // ---------------------------------------------------------------------------------------------

    private static List<String> libraryIndex() throws IOException {
        return Files.readAllLines(LIBRARY.resolve("index.txt")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Every file under {@code dir} with its content and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    out.put(key + "/", "");
                } else {
                    FileTime t = Files.getLastModifiedTime(p);
                    out.put(key, Files.readString(p) + "@" + t.toMillis());
                }
            }
        }
        return out;
    }

    /** RFC 4180 as far as the sample needs: quoted fields with commas and doubled quotes, LF or CRLF rows. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
