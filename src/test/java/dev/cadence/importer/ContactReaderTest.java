package dev.cadence.importer;

import static dev.cadence.importer.Fixtures.readAll;
import static dev.cadence.importer.Fixtures.rejected;
import static dev.cadence.importer.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactReaderTest {

    @Test
    void badRowsAreRejectedWithTheirLineFieldAndReasonAndGoodRowsSurvive() {
        List<RowResult> results = readAll("bad-rows.csv", MappingSpec.NONE, "US");
        assertThat(valid(results)).extracting(c -> c.line() + " " + c.email() + " " + c.stage())
                .containsExactly("2 good@example.com new", "8 eve@example.com null", "12 heidi@example.com qualified");
        assertThat(results).filteredOn(r -> r instanceof RowResult.Valid v && !v.warnings().isEmpty())
                .extracting(r -> ((RowResult.Valid) r).warningMessage())
                .containsExactly("linkedin: 'https://example.com/eve' is not a LinkedIn profile URL"
                        + " (https://www.linkedin.com/in/HANDLE); kept as given");
        assertThat(rejected(results)).extracting(r -> r.describe("bad-rows.csv")).containsExactly(
                "bad-rows.csv:3: email: 'bob@' is not an email address: no domain after the @",
                "bad-rows.csv:4: timezone: unknown time zone 'EST'; use an IANA name such as America/New_York or Europe/Paris",
                "bad-rows.csv:5: email: 'two@@example.com' is not an email address: more than one @",
                "bad-rows.csv:6: columns: expected 6 cells as in the header, found 3",
                "bad-rows.csv:7: columns: expected 6 cells as in the header, found 7",
                "bad-rows.csv:9: first_name: contains a control character (U+0007)",
                "bad-rows.csv:10: stage: unknown stage 'Prospect'; workspace stages: new, contacted, qualified, customer, lost",
                "bad-rows.csv:11: email: missing");
    }

    @Test
    void countsAreKept() {
        try (ContactReader r = ContactReader.open(Fixtures.file("bad-rows.csv"),
                ContactReader.Options.defaults(Fixtures.STAGES, null))) {
            r.forEach(x -> { });
            assertThat(r.read()).isEqualTo(11);
            assertThat(r.rejected()).isEqualTo(8);
            assertThat(r.duplicates()).isZero();
        }
    }

    @Test
    void multiLineFieldsKeepLaterLinesRight() {
        List<RowResult> results = readAll("multiline.csv", MappingSpec.NONE, null);
        assertThat(results).extracting(RowResult::line).containsExactly(2L, 5L, 6L, 8L, 11L);
        assertThat(valid(results).get(0).custom())
                .containsEntry("notes", "first line\nsecond line, with comma\nthird \"quoted\" line");
        assertThat(rejected(results)).extracting(r -> r.describe("m.csv")).containsExactly(
                "m.csv:6: last_name: contains a line break (U+000A)",
                "m.csv:8: email: 'not-an-email' is not an email address: no @");
    }

    @Test
    void accentsAndNonLatinNamesRoundTripExactly() {
        List<ContactRow> rows = valid(readAll("names.csv", MappingSpec.NONE, "US"));
        assertThat(rows).extracting(ContactRow::firstName).containsExactly("王芳", "Дмитрий", "Zoë", "Łukasz");
        assertThat(rows).extracting(ContactRow::lastName).containsExactly(null, "Иванов", "de la Fontaine", "Żółć");
        assertThat(rows).extracting(ContactRow::company)
                .containsExactly("北京科技有限公司", "ООО «Ромашка»", "Éditions Zoë", "Łódź Sp. z o.o.");
        assertThat(rows.get(3).email()).isEqualTo("lukasz@przykład.pl");
        // byte for byte as in the file: no normalisation form change
        assertThat(rows.get(2).firstName().getBytes(StandardCharsets.UTF_8))
                .isEqualTo("Zo\u00eb".getBytes(StandardCharsets.UTF_8));
        assertThat(Normalizer.isNormalized(rows.get(2).company(), Normalizer.Form.NFC)).isTrue();
        // phones read in each contact's own country
        assertThat(rows).extracting(ContactRow::phoneE164)
                .containsExactly("+861065529988", "+74951234567", "+33612345678", "+48221234567");
        assertThat(rows).extracting(ContactRow::timezone)
                .containsExactly("Asia/Shanghai", "Europe/Moscow", "Europe/Paris", "Europe/Warsaw");
        assertThat(rows).extracting(ContactRow::linkedin).containsExactly(
                "https://www.linkedin.com/in/wangfang", "https://www.linkedin.com/in/dmitry-ivanov",
                "https://www.linkedin.com/in/zoe-fontaine", "https://www.linkedin.com/in/lukasz");
    }

    @Test
    void semicolonAndTabFilesImport() {
        List<ContactRow> semi = valid(readAll("semicolon.csv", MappingSpec.NONE, null));
        assertThat(semi).extracting(ContactRow::company).containsExactly("Müller & Söhne, GmbH", "Gruber; Partner");
        assertThat(semi).extracting(ContactRow::phoneE164).containsExactly("+49301234567", "+4315123456");
        assertThat(semi.get(0).custom()).containsExactly(Map.entry("umsatz", "1.234,56"));
        List<ContactRow> tab = valid(readAll("tab.tsv", MappingSpec.NONE, null));
        assertThat(tab).extracting(ContactRow::lastName).containsExactly("Li", "O'Brien");
        assertThat(tab.get(1).custom()).containsEntry("notes", "quoted, with tab\tinside");
    }

    @Test
    void bomFileImports() {
        List<ContactRow> rows = valid(readAll("bom-crlf.csv", MappingSpec.NONE, null));
        assertThat(rows).extracting(ContactRow::email).containsExactly("zoe@example.com", "anna.smith@example.org");
        assertThat(rows.get(0).company()).isEqualTo("Café Ünïcode");
    }

    @Test
    void duplicatesWithinTheFileAreFlaggedWithTheFirstLine() {
        List<RowResult> results = readAll("duplicates.csv", MappingSpec.NONE, "US");
        assertThat(results).extracting(r -> ((RowResult.Valid) r).duplicateOf()).containsExactly(0L, 2L, 0L, 2L);
        assertThat(valid(results)).extracting(ContactRow::emailNorm)
                .containsExactly("jane@example.com", "jane@example.com", "bob@example.com", "jane@example.com");
    }

    @Test
    void duplicatesFoldWithTheMergeRule() {
        List<ContactRow> rows = valid(readAll("duplicates.csv", MappingSpec.NONE, "US"));
        ContactRow jane = rows.get(0);
        for (ContactRow next : List.of(rows.get(1), rows.get(3))) {
            ContactMerge.Result r = ContactMerge.merge(jane, next, DuplicatePolicy.UPDATE);
            jane = ((ContactMerge.Result.Updated) r).merged();
        }
        assertThat(jane).isEqualTo(new ContactRow(2, "Jane@example.com", "jane@example.com", "Janet", "Doe-Smith",
                "Acme Corp", null, "+1 212 555 0199", "+12125550199", null, null, null, null,
                Map.of("industry", "Retail")));
        ContactMerge.Result conflict = ContactMerge.merge(rows.get(0), rows.get(1), DuplicatePolicy.ERROR);
        assertThat(((ContactMerge.Result.Conflict) conflict).reason())
                .isEqualTo("duplicate email JANE@Example.COM (first seen on line 2) and --on-duplicate error");
    }

    @Test
    void hubspotExport() {
        List<RowResult> results = readAll("hubspot-contacts.csv", MappingSpec.fromArgs(List.of("hubspot")), "US");
        assertThat(rejected(results)).isEmpty();
        List<ContactRow> rows = valid(results);
        ContactRow maria = rows.get(0);
        assertThat(maria).isEqualTo(new ContactRow(2, "maria.garcia@example.com", "maria.garcia@example.com", "Maria",
                "Garcia", "Globex Corporation", "Head of Operations", "+1 (415) 555-2671", "+14155552671",
                "https://www.linkedin.com/in/mariagarcia", "America/Los_Angeles", "Sam Seller", "customer",
                Map.of("record_id", "5101", "mobile_phone_number", "+1 415 555 2672", "lifecycle_stage", "Customer",
                        "lead_status", "Connected", "create_date", "2025-11-03 09:12", "annual_revenue", "12000000",
                        "industry", "Manufacturing")));
        // "Lead" and "Marketing Qualified Lead" are no workspace stage: kept as custom fields only
        assertThat(rows).extracting(ContactRow::stage).containsExactly("customer", null, null);
        assertThat(rows.get(2).custom()).containsEntry("lifecycle_stage", "Marketing Qualified Lead");
        // an empty Phone Number takes the Mobile Phone Number, which stays a custom field too
        assertThat(rows.get(2).phone()).isEqualTo("+91 98765 43210");
        assertThat(rows.get(2).phoneE164()).isEqualTo("+919876543210");
        assertThat(rows.get(2).custom()).containsEntry("mobile_phone_number", "+91 98765 43210");
    }

    @Test
    void hubspotExportWithoutThePresetMapsTheSame() {
        assertThat(readAll("hubspot-contacts.csv", MappingSpec.NONE, "US"))
                .isEqualTo(readAll("hubspot-contacts.csv", MappingSpec.fromArgs(List.of("hubspot")), "US"));
    }

    @Test
    void salesforceExport() {
        List<RowResult> results = readAll("salesforce-leads.csv", MappingSpec.fromArgs(List.of("salesforce")), "US");
        assertThat(rejected(results)).isEmpty();
        List<ContactRow> rows = valid(results);
        assertThat(rows).extracting(ContactRow::company).containsExactly("Example KK", "Northwind, Inc.", "Nordic AB");
        assertThat(rows).extracting(ContactRow::owner).containsExactly("Dana Rep", "Dana Rep", "Eli Rep");
        assertThat(rows).extracting(ContactRow::stage).containsExactly(null, null, "qualified");
        assertThat(rows).extracting(ContactRow::phoneE164).containsExactly("+81312345678", "+12065550100", null);
        assertThat(rows.get(0).custom()).containsEntry("lead_status", "Working - Contacted")
                .containsEntry("lead_source", "Web").containsEntry("lead_id", "00Q5g00000AbCdE");
        assertThat(rows.get(2).custom()).containsEntry("mobile", "070-123 45 67");
    }

    @Test
    void pipedriveExport() {
        List<RowResult> results = readAll("pipedrive-persons.csv", MappingSpec.fromArgs(List.of("pipedrive")), "US");
        assertThat(rejected(results)).isEmpty();
        List<ContactRow> rows = valid(results);
        assertThat(rows).extracting(c -> c.firstName() + "|" + c.lastName())
                .containsExactly("Amélie|Dubois", "Carlos|Mendes", "Olu|Adeyemi");
        assertThat(rows).extracting(ContactRow::company)
                .containsExactly("Société Générale Example", "Exemplo Ltda", null);
        assertThat(rows).extracting(ContactRow::stage).containsExactly(null, "customer", null);
        assertThat(rows).extracting(ContactRow::phoneE164).containsExactly("+33142685300", "+5511912345678", null);
        assertThat(rows.get(0).custom()).containsEntry("person_label", "Hot lead").containsEntry("person_id", "101");
    }

    @Test
    void parallelValidationGivesTheSameResultsInTheSameOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path f = tmp.resolve("many.csv");
        StringBuilder sb = new StringBuilder("Email,Name,Phone,Time Zone,Notes\n");
        for (int i = 0; i < 5000; i++) {
            String email = i % 97 == 0 ? "bad" + i : "User" + (i % 4000) + "@Example.com";
            sb.append(email).append(",Zoë ").append(i).append(",06 12 34 ").append(10 + i % 90).append(" 00,")
                    .append(i % 3 == 0 ? "Europe/Paris" : "").append(",\"note ").append(i).append("\nline two\"\n");
        }
        java.nio.file.Files.writeString(f, sb.toString());
        List<RowResult> single = new java.util.ArrayList<>();
        List<RowResult> parallel = new java.util.ArrayList<>();
        try (ContactReader r = ContactReader.open(f,
                new ContactReader.Options(Optional.empty(), MappingSpec.NONE, Fixtures.STAGES, "US", 1))) {
            r.forEach(single::add);
        }
        try (ContactReader r = ContactReader.open(f,
                new ContactReader.Options(Optional.empty(), MappingSpec.NONE, Fixtures.STAGES, "US", 4))) {
            r.forEach(parallel::add);
            assertThat(r.read()).isEqualTo(5000);
            assertThat(r.rejected()).isEqualTo(52);
            // 4948 good rows over 3969 distinct addresses (31 of the 4000 occur only on a bad row)
            assertThat(r.duplicates()).isEqualTo(4948 - 3969);
        }
        assertThat(parallel).isEqualTo(single);
        assertThat(parallel.get(4999).line()).isEqualTo(2 + 4999 * 2);
    }

    @Test
    void aDelimiterCanBeForced() {
        try (ContactReader r = ContactReader.open(Fixtures.file("tab.tsv"),
                new ContactReader.Options(Optional.of('\t'), MappingSpec.NONE, Fixtures.STAGES, null))) {
            assertThat(r.delimiterDetected()).isFalse();
            assertThat(r.mapping().column(ContactField.TITLE)).hasValue(3);
        }
    }
}
