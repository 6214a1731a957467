package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.ContactFilter;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cadence import} end to end: real CSV files from src/test/resources/import, a real SQLite ledger. */
class ImportCommandTest {
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

    static Path fixture(String name) {
        try {
            return Path.of(ImportCommandTest.class.getResource("/import/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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

    Cli.Result importFile(String fixture, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "import";
        args[1] = fixture(fixture).toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return cadence(args);
    }

    Ledger ledger() {
        return Ledger.open("jdbc:sqlite:" + ws.resolve("cadence.db"), Clock.fixed(Instant.parse(AS_OF), ZoneOffset.UTC));
    }

    long contactCount() {
        if (!Files.exists(ws.resolve("cadence.db"))) return 0;
        try (Ledger l = ledger()) {
            return l.contacts().count();
        }
    }

    Contact contact(String email) {
        try (Ledger l = ledger()) {
            return l.contacts().findByRef(email).orElseThrow(() -> new AssertionError("no contact " + email));
        }
    }

    List<Enrollment> enrollments(String email) {
        try (Ledger l = ledger()) {
            return l.enrollments().findByContact(l.contacts().findByRef(email).orElseThrow().id());
        }
    }

    static JsonNode json(Cli.Result r) throws IOException {
        return JSON.readTree(r.out());
    }

    // ---------------------------------------------------------------------------------- counts, merge

    @Test
    void duplicatesWithinTheFileMergeNonEmptyIncomingWinsAndEmptyNeverErases() {
        Cli.Result r = importFile("duplicates.csv");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("read 4, created 2, updated 2, unchanged 0, rejected 0, enrolled 0, refused 0");
        assertThat(contactCount()).isEqualTo(2);
        Contact jane = contact("jane@example.com");
        assertThat(jane.firstName()).isEqualTo("Janet");           // line 5 wins
        assertThat(jane.lastName()).isEqualTo("Doe-Smith");         // line 3 wins, line 5 empty keeps it
        assertThat(jane.company()).isEqualTo("Acme Corp");
        assertThat(jane.phone()).isEqualTo("+1 212 555 0199");       // line 3; lines 2 and 5 have none
        assertThat(jane.phoneE164()).isEqualTo("+12125550199");
        assertThat(jane.custom()).containsEntry("industry", "Retail"); // later empty cells never erase
        assertThat(contact("bob@example.com").company()).isEqualTo("Bobco");
    }

    @Test
    void againstTheLedgerUpdateUnchangedAndOwnerStageOnlyFillGaps() throws IOException {
        assertThat(importFile("bom-crlf.csv", "--owner", "ana", "--stage", "contacted").code()).isZero();
        Contact zoe = contact("ZOE@example.com");
        assertThat(zoe.firstName()).isEqualTo("Zoë");
        assertThat(zoe.lastName()).isEqualTo("Ångström");
        assertThat(zoe.company()).isEqualTo("Café Ünïcode");
        assertThat(zoe.owner()).isEqualTo("ana");
        assertThat(zoe.stage()).isEqualTo("contacted");

        Path update = tmp.resolve("update.csv");
        Files.writeString(update, "email,company,title,stage\n"
                + "zoe@example.com,,CEO,\n"                       // adds a title, keeps the company
                + "anna.smith@example.org,Acme,,\n"               // nothing new
                + "new@example.com,Newco,,\n", StandardCharsets.UTF_8);
        Cli.Result r = cadence("import", update.toString(), "--owner", "bo", "--stage", "new");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("read 3, created 1, updated 1, unchanged 1, rejected 0");
        zoe = contact("zoe@example.com");
        assertThat(zoe.title()).isEqualTo("CEO");
        assertThat(zoe.company()).isEqualTo("Café Ünïcode");
        assertThat(zoe.owner()).as("--owner never overrides an owner").isEqualTo("ana");
        assertThat(zoe.stage()).as("--stage never demotes").isEqualTo("contacted");
        assertThat(contact("new@example.com").owner()).isEqualTo("bo");
        assertThat(contact("new@example.com").stage()).isEqualTo("new");
    }

    @Test
    void skipPolicyLeavesExistingContactsAsTheyAre() {
        Cli.Result r = importFile("duplicates.csv", "--on-duplicate", "skip");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("read 4, created 2, updated 0, unchanged 2, rejected 0");
        Contact jane = contact("jane@example.com");
        assertThat(jane.firstName()).isEqualTo("Jane");
        assertThat(jane.lastName()).isEqualTo("Doe");
        assertThat(jane.phone()).isNull();
    }

    @Test
    void errorPolicyRejectsDuplicatesInTheFileAndAgainstTheLedger() throws IOException {
        Path rejects = tmp.resolve("rejects.csv");
        Cli.Result r = importFile("duplicates.csv", "--on-duplicate", "error", "--reject-file", rejects.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("read 4, created 2, updated 0, unchanged 0, rejected 2");
        assertThat(r.err()).contains(":3: duplicate email JANE@Example.COM (first seen on line 2) and --on-duplicate error")
                .contains(":5: duplicate email Jane@example.com (first seen on line 2)")
                .contains("2 of 4 rows rejected (written to " + rejects + ")");
        assertThat(Files.readAllLines(rejects, StandardCharsets.UTF_8)).containsExactly(
                "Email,First Name,Last Name,Company,Phone,Industry,line,error",
                "JANE@Example.COM,,Doe-Smith,,'+1 212 555 0199,,3,duplicate email JANE@Example.COM"
                        + " (first seen on line 2) and --on-duplicate error",
                "Jane@example.com,Janet,,Acme Corp,,,5,duplicate email Jane@example.com"
                        + " (first seen on line 2) and --on-duplicate error");
        assertThat(contact("jane@example.com").firstName()).isEqualTo("Jane");

        Cli.Result again = importFile("duplicates.csv", "--on-duplicate", "error");
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.out()).contains("read 4, created 0, updated 0, unchanged 0, rejected 4");
        assertThat(again.err()).contains(":2: duplicate email jane@example.com and --on-duplicate error (already in the ledger)");
    }

    // ---------------------------------------------------------------------------------- bad rows

    @Test
    void badRowsGoToTheRejectFileTheGoodOnesAreImportedExit3() throws IOException {
        Path rejects = Files.createDirectories(tmp.resolve("out")).resolve("rejected.csv");
        Cli.Result r = importFile("bad-rows.csv", "--reject-file", rejects.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("read 11, created 3, updated 0, unchanged 0, rejected 8");
        String src = fixture("bad-rows.csv").toString();
        assertThat(r.err()).contains(src + ":3: email: 'bob@' is not an email address: no domain after the @")
                .contains(src + ":4: timezone: unknown time zone 'EST'")
                .contains(src + ":10: stage: unknown stage 'Prospect'")
                .contains(src + ":8: warning: linkedin: 'https://example.com/eve' is not a LinkedIn profile URL")
                .contains("8 of 11 rows rejected (written to " + rejects + ")");
        List<String> lines = Files.readAllLines(rejects, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo("Email,First Name,Last Name,Time Zone,LinkedIn,Stage,line,error");
        assertThat(lines.get(1)).isEqualTo("bob@,Bob,NoDomain,,,,3,email: 'bob@' is not an email address: no domain after the @");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("dave@example.com,Dave,Long,UTC,,,7,")
                .contains("extra cells: \"\"extra\"\""));
        assertThat(contactCount()).isEqualTo(3);
        assertThat(contact("heidi@example.com").stage()).isEqualTo("qualified");
        assertThat(contact("eve@example.com").linkedin()).isEqualTo("https://example.com/eve");
    }

    @Test
    void strictWritesNothingAndExits2() {
        Cli.Result r = importFile("bad-rows.csv", "--strict");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("nothing written: read 11, created 3");
        assertThat(r.err()).contains("8 rows of " + fixture("bad-rows.csv") + " rejected and --strict: nothing was imported");
        assertThat(contactCount()).isZero();

        Cli.Result good = importFile("bom-crlf.csv", "--strict");
        assertThat(good.code()).isZero();
        assertThat(contactCount()).isEqualTo(2);
    }

    @Test
    void dryRunShowsTheMappingWithCustomFieldsAndWritesNothing() throws IOException {
        assertThat(importFile("bom-crlf.csv").code()).isZero();
        long before = contactCount();

        Cli.Result r = importFile("hubspot-contacts.csv", "--map", "hubspot", "--dry-run", "--enroll", "cold-outbound");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Column mapping for " + fixture("hubspot-contacts.csv") + " (preset hubspot):")
                .containsPattern("\"Email\" +-> email")
                .containsPattern("\"Annual Revenue\" +-> custom annual_revenue")
                .containsPattern("\"Lifecycle Stage\" +-> custom lifecycle_stage; sets stage")
                .contains("dry run, nothing written: read 3, created 3, updated 0, unchanged 0, rejected 0, enrolled 3");
        assertThat(contactCount()).isEqualTo(before);
        try (Ledger l = ledger()) {
            assertThat(l.jdbc().queryLong("SELECT COUNT(*) FROM enrollments")).isZero();
            assertThat(l.contacts().knownCustomFields()).doesNotContain("annual_revenue");
        }

        Cli.Result js = importFile("hubspot-contacts.csv", "--map", "hubspot", "--dry-run", "--format", "json");
        JsonNode j = json(js);
        assertThat(j.get("dry_run").asBoolean()).isTrue();
        assertThat(j.get("committed").asBoolean()).isFalse();
        assertThat(j.get("created").asLong()).isEqualTo(3);
        assertThat(j.get("mapping").findValuesAsText("target")).contains("email", "annual_revenue", "owner");
        assertThat(contactCount()).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------- formats

    @Test
    void realWorldFilesBomSemicolonTabMultilineNonLatinAndPresets() {
        assertThat(importFile("bom-crlf.csv").out()).contains("created 2");
        assertThat(contact("zoe@example.com").company()).isEqualTo("Café Ünïcode");

        Cli.Result semi = importFile("semicolon.csv");
        assertThat(semi.code()).as(semi.toString()).isZero();
        Contact jurgen = contact("jurgen.muller@example.de");
        assertThat(jurgen.firstName()).isEqualTo("Jürgen");
        assertThat(jurgen.company()).isEqualTo("Müller & Söhne, GmbH");
        assertThat(jurgen.phoneE164()).isEqualTo("+49301234567");
        assertThat(contact("eva@example.at").company()).isEqualTo("Gruber; Partner");

        Cli.Result tab = importFile("tab.tsv", "--delimiter", "tab");
        assertThat(tab.code()).as(tab.toString()).isZero();
        assertThat(contact("o.brien@example.ie").firstName()).isEqualTo("Siobhán");
        assertThat(contact("o.brien@example.ie").custom()).containsEntry("notes", "quoted, with tab\tinside");

        Cli.Result multi = importFile("multiline.csv");
        assertThat(multi.code()).as(multi.toString()).isEqualTo(3);
        assertThat(multi.out()).contains("read 5, created 3, updated 0, unchanged 0, rejected 2");
        assertThat(contact("a@example.com").custom().get("notes"))
                .isEqualTo("first line\nsecond line, with comma\nthird \"quoted\" line");
        assertThat(multi.err()).contains(fixture("multiline.csv") + ":6: last_name: contains a line break")
                .contains(fixture("multiline.csv") + ":8: email: 'not-an-email'");

        Cli.Result names = importFile("names.csv");
        assertThat(names.code()).as(names.toString()).isZero();
        assertThat(contact("wang.fang@example.cn").company()).isEqualTo("北京科技有限公司");
        assertThat(contact("dmitry@example.ru").firstName()).isEqualTo("Дмитрий");
        assertThat(contact("dmitry@example.ru").lastName()).isEqualTo("Иванов");
        assertThat(contact("zoe@example.fr").timezone()).isEqualTo("Europe/Paris");

        assertThat(importFile("hubspot-contacts.csv", "--map", "hubspot").code()).isZero();
        Contact maria = contact("maria.garcia@example.com");
        assertThat(maria.stage()).isEqualTo("customer");
        assertThat(maria.owner()).isEqualTo("Sam Seller");
        assertThat(maria.custom()).containsEntry("lifecycle_stage", "Customer").containsEntry("industry", "Manufacturing");

        assertThat(importFile("salesforce-leads.csv", "--map", "salesforce").code()).isZero();
        assertThat(contact("sarah@northwind.example.com").company()).isEqualTo("Northwind, Inc.");
        assertThat(contact("kenji.tanaka@example.jp").owner()).isEqualTo("Dana Rep");

        assertThat(importFile("pipedrive-persons.csv", "--map", "pipedrive").code()).isZero();
        assertThat(contact("amelie.dubois@example.fr").firstName()).isEqualTo("Amélie");
        assertThat(contact("amelie.dubois@example.fr").lastName()).isEqualTo("Dubois");
        assertThat(contactCount()).isEqualTo(2 + 2 + 2 + 3 + 4 + 3 + 3 + 3);
    }

    @Test
    void standardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("email,first_name\nkim@example.com,Kim\n".getBytes(StandardCharsets.UTF_8)));
            Cli.Result r = cadence("import", "-");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("read 1, created 1");
        } finally {
            System.setIn(saved);
        }
        assertThat(contact("kim@example.com").firstName()).isEqualTo("Kim");
    }

    @Test
    void badUsageExits2WithOneMessage() throws IOException {
        Cli.Result noEmail = importFile("no-email.csv");
        assertThat(noEmail.code()).isEqualTo(2);
        assertThat(noEmail.err()).contains(fixture("no-email.csv") + ": no email column found; headers found: 'Name', 'Company', 'Phone'")
                .doesNotContain("Exception");

        Cli.Result missing = cadence("import", tmp.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains(tmp.resolve("nope.csv") + ": no such file");

        Cli.Result stage = importFile("bom-crlf.csv", "--stage", "vip");
        assertThat(stage.code()).isEqualTo(2);
        assertThat(stage.err()).contains("--stage vip: not a stage of this workspace (stages: new, contacted, qualified, customer, lost)");

        Cli.Result seq = importFile("bom-crlf.csv", "--enroll", "cold-outbond");
        assertThat(seq.code()).isEqualTo(2);
        assertThat(seq.err()).contains("unknown sequence 'cold-outbond'").contains("cold-outbound");

        Cli.Result latin1 = importFile("latin1.csv");
        assertThat(latin1.code()).isEqualTo(2);
        assertThat(latin1.err()).contains("latin1.csv:3: not valid UTF-8").contains("nothing was imported, the ledger is unchanged");
        assertThat(contactCount()).isZero();

        Cli.Result policy = importFile("bom-crlf.csv", "--on-duplicate", "merge");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err()).contains("invalid --on-duplicate 'merge': use update, skip or error");
        assertThat(contactCount()).isZero();
    }

    @Test
    void helpHasExamplesAndFitsIn80Columns() {
        Cli.Result r = cadence("import", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: cadence import").contains("--on-duplicate").contains("Examples:");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    // ---------------------------------------------------------------------------------- enrollment

    @Test
    void reRunIsIdempotentAndRefusedEnrollmentsAreListedNotAFailure() throws IOException {
        Cli.Result first = importFile("hubspot-contacts.csv", "--map", "hubspot", "--enroll", "cold-outbound",
                "--start", "2026-03-02");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("read 3, created 3, updated 0, unchanged 0, rejected 0, enrolled 3, refused 0");
        assertThat(enrollments("tom.becker@example.com")).singleElement().satisfies(e -> {
            assertThat(e.sequence()).isEqualTo("cold-outbound");
            assertThat(e.startDate()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(e.state()).isEqualTo(EnrollmentState.ACTIVE);
        });

        Cli.Result again = importFile("hubspot-contacts.csv", "--map", "hubspot", "--enroll", "cold-outbound");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("read 3, created 0, updated 0, unchanged 3, rejected 0, enrolled 0, refused 3");
        assertThat(again.err()).contains("3 contacts were not enrolled:")
                .contains("  3 already active in cold-outbound")
                .contains("line 3: tom.becker@example.com: already active in cold-outbound");
        assertThat(enrollments("tom.becker@example.com")).hasSize(1);

        // exclusive: inbound-lead is exclusive and they are in cold-outbound
        Cli.Result exclusive = importFile("hubspot-contacts.csv", "--map", "hubspot", "--enroll", "inbound-lead",
                "--format", "json");
        assertThat(exclusive.code()).isZero();
        JsonNode j = json(exclusive);
        assertThat(j.get("refused").asLong()).isEqualTo(3);
        assertThat(j.get("refusals")).hasSize(3);
        assertThat(j.get("refusals").get(0).get("email").asText()).isEqualTo("maria.garcia@example.com");
        assertThat(j.get("refusals").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(j.get("refusals").get(0).get("reason").asText()).isEqualTo("already in exclusive sequence cold-outbound");

        // reenroll: never — a stopped enrollment in cold-outbound is not restarted
        try (Ledger l = ledger()) {
            Enrollment e = enrollments("tom.becker@example.com").get(0);
            assertThat(l.enrollments().updateState(e.id(), EnrollmentState.STOPPED, "reply")).isTrue();
        }
        Cli.Result reenroll = importFile("hubspot-contacts.csv", "--map", "hubspot", "--enroll", "cold-outbound");
        assertThat(reenroll.code()).isZero();
        assertThat(reenroll.err()).contains("tom.becker@example.com: was already in cold-outbound (stopped); its reenroll rule is never");
    }

    @Test
    void manyRefusalsListTwentyOnStderrAndAllInJson() throws IOException {
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 30; i++) csv.append("p").append(i).append("@example.com\n");
        Path file = tmp.resolve("thirty.csv");
        Files.writeString(file, csv);
        assertThat(cadence("import", file.toString(), "--enroll", "cold-outbound").code()).isZero();

        Cli.Result text = cadence("import", file.toString(), "--enroll", "cold-outbound");
        assertThat(text.err()).contains("30 contacts were not enrolled:").contains("p19@example.com")
                .doesNotContain("p20@example.com").contains("... and 10 more (all with --format json)");
        Cli.Result js = cadence("import", file.toString(), "--enroll", "cold-outbound", "--format", "json");
        JsonNode j = json(js);
        assertThat(j.get("refusals")).hasSize(30);
        assertThat(j.get("unchanged").asLong()).isEqualTo(30);
        assertThat(j.get("enrolled").asLong()).isZero();
    }

    // ---------------------------------------------------------------------------------- suppressions

    @Test
    void suppressionsStopOpenEnrollmentsAndStaySuppressedAfterReImport() throws IOException {
        assertThat(importFile("bom-crlf.csv", "--enroll", "inbound-lead").code()).isZero();
        Path list = tmp.resolve("dnc.txt");
        Files.writeString(list, "ZOE@Example.com\n# comment\nnot an address\nnobody@example.net\n");

        Cli.Result r = cadence("import", "--suppressions", list.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("read 3, suppressed 2, already suppressed 0, enrollments stopped 1, rejected 1");
        assertThat(r.err()).contains(list + ":3: email: 'not an address' is not an email address: it contains a space");
        assertThat(enrollments("zoe@example.com")).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(EnrollmentState.STOPPED);
            assertThat(e.stopReason()).isEqualTo("suppressed");
        });
        assertThat(enrollments("anna.smith@example.org").get(0).state()).isEqualTo(EnrollmentState.ACTIVE);

        // a CSV with an email column; the address already suppressed keeps its first record
        Path csv = tmp.resolve("dnc.csv");
        Files.writeString(csv, "Name,E-mail Address\nZoe,zoe@example.com\n");
        Cli.Result again = cadence("import", "--suppressions", csv.toString(), "--format", "json");
        assertThat(again.code()).isZero();
        assertThat(json(again).get("already_suppressed").asLong()).isEqualTo(1);

        // re-importing the contacts never lifts it: the row is updated, the enrollment refused
        Cli.Result reimport = importFile("bom-crlf.csv", "--enroll", "inbound-lead");
        assertThat(reimport.code()).isZero();
        assertThat(reimport.out()).contains("enrolled 0, refused 2");
        assertThat(reimport.err()).contains("zoe@example.com: suppressed (import)");
        try (Ledger l = ledger()) {
            assertThat(l.suppressions().find("zoe@example.com")).hasValueSatisfying(s -> {
                assertThat(s.reason()).isEqualTo(SuppressionReason.IMPORT);
                assertThat(s.source()).isEqualTo(list.toString());
            });
        }
        assertThat(enrollments("zoe@example.com")).hasSize(1);
    }

    @Test
    void suppressionsDryRunWritesNothing() throws IOException {
        Path list = tmp.resolve("dnc.txt");
        Files.writeString(list, "a@example.com\nb@example.com\n");
        Cli.Result r = cadence("import", "--suppressions", list.toString(), "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dry run, nothing written: read 2, suppressed 2");
        try (Ledger l = ledger()) {
            assertThat(l.suppressions().list()).isEmpty();
        }
        assertThat(cadence("import", "--suppressions", list.toString(), "--enroll", "cold-outbound").err())
                .contains("--enroll cannot be used with --suppressions");
    }

    @Test
    void allowPartialCommitsInBatchesAndGivesTheSameResult() throws IOException {
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int i = 0; i < 12_000; i++) csv.append("c").append(i).append("@example.com,N").append(i).append('\n');
        Path file = tmp.resolve("12k.csv");
        Files.writeString(file, csv);

        Cli.Result r = cadence("import", file.toString(), "--allow-partial");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("read 12000, created 12000");
        try (Ledger l = ledger()) {
            assertThat(l.contacts().count(ContactFilter.ALL)).isEqualTo(12_000);
            assertThat(l.contacts().knownCustomFields()).isEmpty();
        }
    }
}
