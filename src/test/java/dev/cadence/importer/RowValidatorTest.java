package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowValidatorTest {
    private static final List<String> HEADER =
            List.of("Email", "First Name", "Last Name", "Company", "Phone", "Time Zone", "LinkedIn", "Stage", "Notes");

    private static RowResult validate(String region, String... cells) {
        ColumnMapping m = ColumnMapping.resolve(HEADER, MappingSpec.NONE, "t.csv");
        return new RowValidator(m, Fixtures.STAGES, region).validate(new CsvRow(7, List.of(cells)));
    }

    private static ContactRow ok(String region, String... cells) {
        RowResult r = validate(region, cells);
        assertThat(r).isInstanceOf(RowResult.Valid.class);
        return ((RowResult.Valid) r).contact();
    }

    private static String reject(String... cells) {
        RowResult r = validate("US", cells);
        assertThat(r).isInstanceOf(RowResult.Rejected.class);
        return ((RowResult.Rejected) r).message();
    }

    @Test
    void aFullRowIsNormalised() {
        ContactRow c = ok("US", "  Ana.Lopez@Example.COM ", " Ana  María ", "López  García", "  Acme\tCorp ",
                "(212) 555-0123", "America/New_York", "linkedin.com/in/ana-lopez/", "Contacted", "multi\nline note");
        assertThat(c.line()).isEqualTo(7);
        assertThat(c.email()).isEqualTo("Ana.Lopez@Example.COM");
        assertThat(c.emailNorm()).isEqualTo("ana.lopez@example.com");
        assertThat(c.firstName()).isEqualTo("Ana María");
        assertThat(c.lastName()).isEqualTo("López García");
        assertThat(c.company()).isEqualTo("Acme Corp");
        assertThat(c.phone()).isEqualTo("(212) 555-0123");
        assertThat(c.phoneE164()).isEqualTo("+12125550123");
        assertThat(c.timezone()).isEqualTo("America/New_York");
        assertThat(c.linkedin()).isEqualTo("https://www.linkedin.com/in/ana-lopez");
        assertThat(c.stage()).isEqualTo("contacted");
        assertThat(c.custom()).containsExactly(java.util.Map.entry("notes", "multi\nline note"));
        assertThat(c.customJson()).isEqualTo("{\"notes\":\"multi\\nline note\"}");
    }

    @Test
    void aTabInsideANameRejects() {
        assertThat(reject("a@example.com", "Ana", "López\tGarcía", "", "", "", "", "", ""))
                .isEqualTo("last_name: contains a tab (U+0009)");
    }

    @Test
    void emptyCellsAreNullAndBlankCustomFieldsAreLeftOut() {
        ContactRow c = ok(null, "a@example.com", "", " ", "", "", "", "", "", "  ");
        assertThat(c.firstName()).isNull();
        assertThat(c.lastName()).isNull();
        assertThat(c.phone()).isNull();
        assertThat(c.custom()).isEmpty();
        assertThat(c.customJson()).isEqualTo("{}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bob@|'bob@' is not an email address: no domain after the @",
            "@example.com|'@example.com' is not an email address: nothing before the @",
            "bob.example.com|'bob.example.com' is not an email address: no @",
            "a@b@example.com|'a@b@example.com' is not an email address: more than one @",
            "bob@localhost|'bob@localhost' is not an email address: the domain 'localhost' has no dot",
            "bob smith@example.com|'bob smith@example.com' is not an email address: it contains a space",
            "bob@example..com|'bob@example..com' is not an email address: the domain 'example..com' has a misplaced dot",
            "Bob <bob@example.com>|'Bob <bob@example.com>' is not an email address: it contains a space",
            "bob,jr@example.com|'bob,jr@example.com' is not an email address: ',' is not allowed before the @",
            ".bob@example.com|'.bob@example.com' is not an email address: misplaced dot before the @",
            "bob@-example.com|'bob@-example.com' is not an email address: the domain '-example.com' is not valid",
            "bob@example.c|'bob@example.c' is not an email address: the domain 'example.c' does not end in a real top-level domain"})
    void badEmails(String email, String reason) {
        assertThat(reject(email, "", "", "", "", "", "", "", "")).isEqualTo("email: " + reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "José@Exámple.ES|josé@exámple.es",
            "user+tag@sub.example.co.uk|user+tag@sub.example.co.uk",
            "王芳@例子.中国|王芳@例子.中国",
            "o'brien@example.ie|o'brien@example.ie"})
    void goodEmailsIncludingInternationalOnes(String email, String norm) {
        ContactRow c = ok(null, email, "", "", "", "", "", "", "", "");
        assertThat(c.email()).isEqualTo(email);
        assertThat(c.emailNorm()).isEqualTo(norm);
    }

    @Test
    void missingEmailRejects() {
        assertThat(reject(" ", "Ann", "", "", "", "", "", "", "")).isEqualTo("email: missing");
    }

    @Test
    void timeZonesAreIanaNamesCaseInsensitivelyWithHubSpotForm() {
        assertThat(ok(null, "a@example.com", "", "", "", "", "europe/paris", "", "", "").timezone()).isEqualTo("Europe/Paris");
        assertThat(ok(null, "a@example.com", "", "", "", "", "america_slash_los_angeles", "", "", "").timezone())
                .isEqualTo("America/Los_Angeles");
        assertThat(ok(null, "a@example.com", "", "", "", "", "UTC", "", "", "").timezone()).isEqualTo("UTC");
        assertThat(reject("a@example.com", "", "", "", "", "EST", "", "", ""))
                .isEqualTo("timezone: unknown time zone 'EST'; use an IANA name such as America/New_York or Europe/Paris");
        assertThat(reject("a@example.com", "", "", "", "", "Paris", "", "", ""))
                .isEqualTo("timezone: unknown time zone 'Paris'; use an IANA name such as Europe/Paris (did you mean that?)");
    }

    @Test
    void phoneRegionComesFromTheContactsTimeZoneThenTheDefault() {
        // French national number, French contact, US workspace
        assertThat(ok("US", "a@example.com", "", "", "", "06 12 34 56 78", "Europe/Paris", "", "", "").phoneE164())
                .isEqualTo("+33612345678");
        // no time zone: the default region
        assertThat(ok("US", "a@example.com", "", "", "", "212-555-0123", "", "", "", "").phoneE164())
                .isEqualTo("+12125550123");
        // no region at all: only international numbers
        assertThat(ok(null, "a@example.com", "", "", "", "212-555-0123", "", "", "", "").phoneE164()).isNull();
        assertThat(ok(null, "a@example.com", "", "", "", "+44 20 7946 0958", "", "", "", "").phoneE164())
                .isEqualTo("+442079460958");
        // unreadable: kept as given, no E.164, not a reject
        ContactRow c = ok("US", "a@example.com", "", "", "", "call reception", "", "", "", "");
        assertThat(c.phone()).isEqualTo("call reception");
        assertThat(c.phoneE164()).isNull();
    }

    @Test
    void unknownDefaultRegionIsAnError() {
        ColumnMapping m = ColumnMapping.resolve(HEADER, MappingSpec.NONE, "t.csv");
        assertThatThrownBy(() -> new RowValidator(m, Fixtures.STAGES, "XX"))
                .hasMessage("unknown phone region 'XX': give an ISO 3166 country code such as US, GB or FR");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://www.linkedin.com/in/jdoe|https://www.linkedin.com/in/jdoe",
            "http://linkedin.com/in/jdoe/|https://www.linkedin.com/in/jdoe",
            "https://fr.linkedin.com/in/jean-dupont-123abc?originalSubdomain=fr|https://www.linkedin.com/in/jean-dupont-123abc",
            "www.linkedin.com/in/jdoe#about|https://www.linkedin.com/in/jdoe",
            "in/jdoe|https://www.linkedin.com/in/jdoe",
            "/in/jdoe|https://www.linkedin.com/in/jdoe",
            "jdoe|https://www.linkedin.com/in/jdoe",
            "https://www.linkedin.com/in/zoë-müller|https://www.linkedin.com/in/zoë-müller"})
    void linkedInForms(String given, String url) {
        assertThat(ok(null, "a@example.com", "", "", "", "", "", given, "", "").linkedin()).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource({"https://www.linkedin.com/company/acme", "https://example.com/in/jdoe", "linkedin.com/in/", "in/j d"})
    void notALinkedInProfileIsKeptAsGivenWithAWarningNeverARejection(String given) {
        ColumnMapping m = ColumnMapping.resolve(HEADER, MappingSpec.NONE, "t.csv");
        RowResult r = new RowValidator(m, Fixtures.STAGES, null)
                .validate(new CsvRow(7, List.of("a@example.com", "", "", "", "", "", given, "", "")));
        assertThat(r).isInstanceOf(RowResult.Valid.class);
        RowResult.Valid v = (RowResult.Valid) r;
        assertThat(v.contact().linkedin()).isEqualTo(given);
        assertThat(v.warningMessage()).isEqualTo("linkedin: '" + given
                + "' is not a LinkedIn profile URL (https://www.linkedin.com/in/HANDLE); kept as given");
    }

    @ParameterizedTest
    @CsvSource({"https://www.linkedin.com/in/x/", "https://linkedin.com/in/x", "http://www.linkedin.com/in/x",
            "https://www.linkedin.com/in/x?utm_source=share", "https://uk.linkedin.com/in/x", "linkedin.com/in/x",
            "www.linkedin.com/in/x/", "HTTPS://WWW.LINKEDIN.COM/in/x/"})
    void aOneLetterHandleIsAProfileInEveryShape(String given) {
        assertThat(RowValidator.linkedInUrl(given)).isEqualTo("https://www.linkedin.com/in/x");
        assertThat(RowValidator.linkedInUrl("https://www.linkedin.com/in/%C3%A9lodie/?trk=x"))
                .isEqualTo("https://www.linkedin.com/in/%C3%A9lodie");
    }

    @Test
    void aStageColumnMustNameAWorkspaceStage() {
        assertThat(ok(null, "a@example.com", "", "", "", "", "", "", "QUALIFIED", "").stage()).isEqualTo("qualified");
        assertThat(reject("a@example.com", "", "", "", "", "", "", "Prospect", ""))
                .isEqualTo("stage: unknown stage 'Prospect'; workspace stages: new, contacted, qualified, customer, lost");
    }

    @Test
    void controlCharactersRejectWithTheFieldNamedAndAllErrorsAreListed() {
        assertThat(reject("bad", "Ann\u0000", "", "Acme\u0007", "", "Mars/Base", "", "", "ok\u001b"))
                .isEqualTo("email: 'bad' is not an email address: no @; first_name: contains a NUL byte (U+0000); "
                        + "company: contains a control character (U+0007); "
                        + "timezone: unknown time zone 'Mars/Base'; use an IANA name such as America/New_York or Europe/Paris; "
                        + "notes: contains a control character (U+001B)");
    }

    @Test
    void wrongCellCountRejects() {
        ColumnMapping m = ColumnMapping.resolve(HEADER, MappingSpec.NONE, "t.csv");
        RowResult r = new RowValidator(m, Fixtures.STAGES, null).validate(new CsvRow(3, List.of("a@example.com", "x")));
        assertThat(((RowResult.Rejected) r).describe("t.csv")).isEqualTo("t.csv:3: columns: expected 9 cells as in the header, found 2");
    }

    @Test
    void fullNameSplitting() {
        assertThat(RowValidator.splitFullName("Anna Maria de la Cruz")).containsExactly("Anna", "Maria de la Cruz");
        assertThat(RowValidator.splitFullName("Smith, Anna")).containsExactly("Anna", "Smith");
        assertThat(RowValidator.splitFullName("王芳")).containsExactly("王芳", null);
    }
}
