package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the defects a new-user trial of {@code cadence import} found; real files, real SQLite. */
class ImportFixesTest {
    static final String AS_OF = "2026-03-06T15:00:00Z";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path ws;

    @BeforeEach
    void workspace() {
        ws = tmp.resolve("ws");
        Cli.Result init = Cli.in(tmp).run("init", ws.toString());
        assertThat(init.code()).as(init.toString()).isZero();
    }

    Cli.Result cadence(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-w";
        all[1] = ws.toString();
        all[2] = "--as-of";
        all[3] = AS_OF;
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.in(tmp).run(all);
    }

    Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    Ledger ledger() {
        return Ledger.open("jdbc:sqlite:" + ws.resolve("cadence.db"), Clock.fixed(Instant.parse(AS_OF), ZoneOffset.UTC));
    }

    Contact contact(String email) {
        try (Ledger l = ledger()) {
            return l.contacts().findByRef(email).orElseThrow(() -> new AssertionError("no contact " + email));
        }
    }

    long contactCount() {
        if (!Files.exists(ws.resolve("cadence.db"))) return 0;
        try (Ledger l = ledger()) {
            return l.contacts().count();
        }
    }

    // ------------------------------------------------------------------------------ 1. LinkedIn

    @Test
    void linkedInUrlsInEveryCommonShapeNormaliseAndAnythingElseIsKeptWithAWarning() throws IOException {
        Path file = write("li.csv", """
                email,linkedin
                a1@example.com,https://www.linkedin.com/in/x/
                a2@example.com,https://linkedin.com/in/x
                a3@example.com,http://www.linkedin.com/in/x
                a4@example.com,https://www.linkedin.com/in/x?utm_source=share
                a5@example.com,https://uk.linkedin.com/in/x
                a6@example.com,linkedin.com/in/x
                a7@example.com,www.linkedin.com/in/x/
                a8@example.com,https://www.linkedin.com/in/%C3%A9lodie-b-12ab/?utm_source=share&utm_medium=ios
                a9@example.com,https://www.linkedin.com/company/acme
                """);

        Cli.Result r = cadence("import", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("read 9, created 9, updated 0, unchanged 0, rejected 0");
        for (int i = 1; i <= 7; i++) {
            assertThat(contact("a" + i + "@example.com").linkedin()).as("a" + i).isEqualTo("https://www.linkedin.com/in/x");
        }
        assertThat(contact("a8@example.com").linkedin()).isEqualTo("https://www.linkedin.com/in/%C3%A9lodie-b-12ab");
        assertThat(contact("a9@example.com").linkedin()).isEqualTo("https://www.linkedin.com/company/acme");
        assertThat(r.err()).contains(file + ":10: warning: linkedin: 'https://www.linkedin.com/company/acme'"
                        + " is not a LinkedIn profile URL (https://www.linkedin.com/in/HANDLE); kept as given")
                .contains("1 row was imported with a warning");

        Cli.Result js = cadence("import", file.toString(), "--format", "json");
        JsonNode j = JSON.readTree(js.out());
        assertThat(j.get("warned").asLong()).isEqualTo(1);
        assertThat(j.get("warnings").get(0).get("line").asLong()).isEqualTo(10);
        assertThat(j.get("warnings").get(0).get("email").asText()).isEqualTo("a9@example.com");
    }

    // ------------------------------------------------------------------------------ 2. line breaks

    @Test
    void lineBreaksInSingleLineFieldsCollapseIntoOneSpaceControlCharactersStillReject() throws IOException {
        Path file = write("multi.csv", "Email,First Name,Job Title,Company,Owner,Notes\r\n"
                + "ana@example.com,Ana,\"Head of\nOps,   North America\",\"Acme\r\nCorp\",\"Sam\n Seller\",\"keep\nthis\"\r\n"
                + "bob@example.com,Bob,\"CTO\u0000\",Bobco,,\r\n"
                + "cid@example.com,\"Ci\nd\",CEO,Cidco,,\r\n");

        Cli.Result r = cadence("import", file.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("read 3, created 1, updated 0, unchanged 0, rejected 2");
        Contact ana = contact("ana@example.com");
        assertThat(ana.title()).isEqualTo("Head of Ops, North America");
        assertThat(ana.company()).isEqualTo("Acme Corp");
        assertThat(ana.owner()).isEqualTo("Sam Seller");
        assertThat(ana.custom()).containsEntry("notes", "keep\nthis"); // custom fields keep their lines
        assertThat(r.err()).contains(file + ":7: title: contains a NUL byte (U+0000)")
                .contains(file + ":8: first_name: contains a line break (U+000A)"); // names stay strict
    }

    // ------------------------------------------------------------------------------ 3. Phone + Mobile

    static Path fixture(String name) {
        return ImportCommandTest.fixture(name);
    }

    @Test
    void anEmptyPhoneTakesTheMobileNumberHubSpotShape() {
        Cli.Result r = cadence("import", fixture("hubspot-contacts.csv").toString(), "--map", "hubspot");

        assertThat(r.code()).as(r.toString()).isZero();
        Contact priya = contact("priya@example.in"); // Phone Number empty, Mobile Phone Number +91 98765 43210
        assertThat(priya.phone()).isEqualTo("+91 98765 43210");
        assertThat(priya.phoneE164()).isEqualTo("+919876543210");
        assertThat(priya.custom()).containsEntry("mobile_phone_number", "+91 98765 43210");
        Contact maria = contact("maria.garcia@example.com"); // both: the phone wins, the mobile stays custom
        assertThat(maria.phone()).isEqualTo("+1 (415) 555-2671");
        assertThat(maria.custom()).containsEntry("mobile_phone_number", "+1 415 555 2672");
        assertThat(contact("tom.becker@example.com").phone()).isEqualTo("(312) 555-0143");

        Cli.Result dry = cadence("import", fixture("hubspot-contacts.csv").toString(), "--map", "hubspot", "--dry-run");
        assertThat(dry.out()).contains("-> custom mobile_phone_number; also phone when the phone column is empty");
    }

    @Test
    void anEmptyPhoneTakesTheMobileNumberSalesforceShapeWithoutAPresetToo() {
        Cli.Result r = cadence("import", fixture("salesforce-leads.csv").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        Contact lars = contact("lars.nilsson@example.se"); // Phone empty, Mobile 070-123 45 67
        assertThat(lars.phone()).isEqualTo("070-123 45 67");
        assertThat(lars.custom()).containsEntry("mobile", "070-123 45 67");
        assertThat(contact("sarah@northwind.example.com").phone()).isEqualTo("(206) 555-0100");

        // a phone column named by the user is the phone: no stand-in
        Cli.Result explicit = cadence("import", fixture("salesforce-leads.csv").toString(), "--map", "phone=Phone",
                "--on-duplicate", "update");
        assertThat(explicit.code()).as(explicit.toString()).isZero();
        assertThat(contact("lars.nilsson@example.se").phone()).as("empty never erases").isEqualTo("070-123 45 67");
    }

    // ------------------------------------------------------------------------------ 4. --reject-file target

    @Test
    void aRejectFileTargetThatCannotBeWrittenIsRefusedBeforeAnythingIsReadOrWritten() throws IOException {
        Path bad = fixture("bad-rows.csv");
        Path folder = Files.createDirectories(tmp.resolve("rejects"));
        Files.writeString(folder.resolve("keep.txt"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path aFile = write("plain.txt", "x");

        Cli.Result r = cadence("import", bad.toString(), "--reject-file", folder.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("cadence: --reject-file " + folder + " is a folder, not a file\n");

        Cli.Result e = cadence("import", bad.toString(), "--reject-file", empty.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(empty).isEmptyDirectory();

        Path missing = tmp.resolve("no/such/rejects.csv");
        Cli.Result m = cadence("import", bad.toString(), "--reject-file", missing.toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("--reject-file " + missing + ": folder " + tmp.resolve("no/such") + " does not exist");
        assertThat(tmp.resolve("no")).doesNotExist();

        Cli.Result f = cadence("import", bad.toString(), "--reject-file", aFile.resolve("r.csv").toString());
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).contains(aFile + " is not a folder");

        Cli.Result s = cadence("import", "--suppressions", bad.toString(), "--reject-file", folder.toString());
        assertThat(s.code()).isEqualTo(2);

        for (Cli.Result x : java.util.List.of(r, e, m, f, s)) {
            assertThat(x.err()).doesNotContain("committed").doesNotContain(".tmp").doesNotContain("Exception");
        }
        assertThat(contactCount()).isZero();
        try (Ledger l = ledger()) {
            assertThat(l.suppressions().list()).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------ 5. reject file round trip

    @Test
    void aRejectFileCanBeFixedAndImportedAgainWithItsDelimiterBomAndFormulaSafeCells() throws IOException {
        Path in = tmp.resolve("leads.csv");
        Files.write(in, ("\uFEFFEmail;First Name;Phone;Notes\r\n"
                + "ana@example.com;Ana;+1 212 555 0123;=SUM(A1)\r\n"
                + "bob@;Bob;+1 212 555 0124;\"@mention; really\"\r\n"
                + "cid@;Cid;;-minus\r\n").getBytes(StandardCharsets.UTF_8));
        Path rejects = tmp.resolve("rejects.csv");

        Cli.Result first = cadence("import", in.toString(), "--reject-file", rejects.toString());

        assertThat(first.code()).as(first.toString()).isEqualTo(3);
        assertThat(contact("ana@example.com").custom()).containsEntry("notes", "=SUM(A1)");
        byte[] bytes = Files.readAllBytes(rejects);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text).isEqualTo("Email;First Name;Phone;Notes;line;error\r\n"
                + "bob@;Bob;'+1 212 555 0124;\"'@mention; really\";3;email: 'bob@' is not an email address: no domain after the @\r\n"
                + "cid@;Cid;;'-minus;4;email: 'cid@' is not an email address: no domain after the @\r\n");

        // the user fixes one address and imports the reject file again, keeping what is still wrong
        Files.write(rejects, ("\uFEFF" + text.replace("bob@;", "bob@example.com;")).getBytes(StandardCharsets.UTF_8));
        Path again = tmp.resolve("rejects-2.csv");
        Cli.Result second = cadence("import", rejects.toString(), "--reject-file", again.toString(), "--dry-run");
        assertThat(second.out()).contains("\"line\"        -> (ignored: added by a reject file)")
                .contains("\"error\"       -> (ignored: added by a reject file)");
        second = cadence("import", rejects.toString(), "--reject-file", again.toString());

        assertThat(second.code()).as(second.toString()).isEqualTo(3);
        assertThat(second.out()).contains("read 2, created 1, updated 0, unchanged 0, rejected 1");
        Contact bob = contact("bob@example.com");
        assertThat(bob.phone()).isEqualTo("+1 212 555 0124");
        assertThat(bob.phoneE164()).isEqualTo("+12125550124");
        assertThat(bob.custom()).containsExactly(java.util.Map.entry("notes", "@mention; really"));
        try (Ledger l = ledger()) {
            assertThat(l.contacts().knownCustomFields()).doesNotContain("line", "error");
        }
        // the second reject file has the columns once, not line;error;line;error
        assertThat(new String(Files.readAllBytes(again), StandardCharsets.UTF_8)).isEqualTo("\uFEFF"
                + "Email;First Name;Phone;Notes;line;error\r\n"
                + "cid@;Cid;;'-minus;3;email: 'cid@' is not an email address: no domain after the @\r\n");
    }

    // ------------------------------------------------------------------------------ 6. -q

    @Test
    void rejectedRowsUnderQuietStillSayOneLineOnStderr() throws IOException {
        Path rejects = tmp.resolve("r.csv");
        Cli.Result r = cadence("-q", "import", fixture("bad-rows.csv").toString(), "--reject-file", rejects.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("cadence: 8 of 11 rows rejected (written to " + rejects + ")\n");

        Cli.Result js = cadence("-q", "import", fixture("bad-rows.csv").toString(), "--format", "json");
        assertThat(js.code()).isEqualTo(3);
        assertThat(JSON.readTree(js.out()).get("rejected").asLong()).isEqualTo(8);
        assertThat(js.err()).isEqualTo("cadence: 8 of 11 rows rejected; keep them with --reject-file F\n");

        Path list = write("dnc.txt", "a@example.com\nnot an email\n");
        Cli.Result s = cadence("-q", "import", "--suppressions", list.toString());
        assertThat(s.code()).isEqualTo(3);
        assertThat(s.err()).isEqualTo("cadence: 1 of 2 lines rejected; keep them with --reject-file F\n");

        Cli.Result clean = cadence("-q", "import", fixture("salesforce-leads.csv").toString());
        assertThat(clean.code()).isZero();
        assertThat(clean.err()).isEmpty();
    }

    // ------------------------------------------------------------------------------ 7. suppression messages

    @Test
    void suppressionRejectsNameTheFileAndLineLikeContactRejects() throws IOException {
        Path list = write("dnc.txt", "a@example.com\nnot an email\nb@\n\"x\u0007@example.com\"\n");
        Cli.Result r = cadence("import", "--suppressions", list.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).isEqualTo(list + ":2: email: 'not an email' is not an email address: it contains a space\n"
                + list + ":3: email: 'b@' is not an email address: no domain after the @\n"
                + list + ":4: email: 'x\\u0007@example.com' is not an email address: it contains a control character\n"
                + "cadence: 3 of 4 lines rejected; keep them with --reject-file F\n");

        Path csv = write("dnc.csv", "Name,Email\nAna,\n");
        Cli.Result j = cadence("import", "--suppressions", csv.toString(), "--format", "json");
        JsonNode rej = JSON.readTree(j.out()).get("rejections").get(0);
        assertThat(rej.get("line").asLong()).isEqualTo(2);
        assertThat(rej.get("email").isNull()).isTrue(); // no address at all: null, and the error says so
        assertThat(rej.get("error").asText()).isEqualTo("email: missing");
    }

    // ------------------------------------------------------------------------------ 8. JSON email

    @Test
    void jsonRejectionsAndRefusalsCarryTheRowsEmailNotNull() throws IOException {
        Cli.Result r = cadence("import", fixture("bad-rows.csv").toString(), "--format", "json", "--enroll", "cold-outbound");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        JsonNode j = JSON.readTree(r.out());
        java.util.Map<Long, JsonNode> byLine = new java.util.HashMap<>();
        j.get("rejections").forEach(x -> byLine.put(x.get("line").asLong(), x.get("email")));
        assertThat(byLine.get(3L).asText()).isEqualTo("bob@");                   // not an address: as given
        assertThat(byLine.get(4L).asText()).isEqualTo("alice@example.com");      // another field was wrong
        assertThat(byLine.get(6L).asText()).isEqualTo("carol@example.com");      // wrong cell count
        assertThat(byLine.get(11L).isNull()).as("no email cell at all").isTrue();

        Cli.Result again = cadence("import", fixture("bad-rows.csv").toString(), "--format", "json", "--enroll",
                "cold-outbound", "--on-duplicate", "error");
        JsonNode k = JSON.readTree(again.out());
        assertThat(k.get("rejections")).anySatisfy(x -> {
            assertThat(x.get("line").asLong()).isEqualTo(2);
            assertThat(x.get("email").asText()).isEqualTo("good@example.com");
        });
        Cli.Result third = cadence("import", fixture("bad-rows.csv").toString(), "--format", "json", "--enroll",
                "cold-outbound");
        JsonNode refusals = JSON.readTree(third.out()).get("refusals");
        assertThat(refusals).hasSize(3);
        refusals.forEach(x -> assertThat(x.get("email").isTextual()).as(x.toString()).isTrue());
    }
}
