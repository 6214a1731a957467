package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.yaml.ProblemsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnMappingTest {
    @TempDir
    Path tmp;

    private static Map<String, String> targets(ColumnMapping m) {
        return m.columns().stream().collect(Collectors.toMap(ColumnMapping.Column::header,
                c -> c.use() == ColumnMapping.Use.FIELD ? c.target() : c.use() + ":" + c.target(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Email|email", "E-mail|email", "E-mail Address|email", "EMAIL_ADDRESS|email", "email address|email",
            "First Name|first_name", "firstname|first_name", "first-name|first_name", "Given Name|first_name",
            "Last Name|last_name", "Surname|last_name", "LAST_NAME|last_name",
            "Company|company", "Company Name|company", "Organization|company", "Account Name|company",
            "Job Title|title", "Title|title", "Phone|phone", "Phone Number|phone", "Mobile|phone",
            "Mobile Phone|phone", "LinkedIn|linkedin", "LinkedIn URL|linkedin", "linked_in url|linkedin",
            "Time Zone|timezone", "Timezone|timezone", "time-zone|timezone", "Owner|owner",
            "Contact Owner|owner", "Lead Owner|owner", "Stage|stage", "Contact Email|email", "Person - Phone|phone"})
    void commonSpellingsAreRecognised(String header, String field) {
        List<String> h = Headers.key(header).contains("mail")
                ? List.of(header) : List.of("Email", header);
        ColumnMapping m = ColumnMapping.resolve(h, MappingSpec.NONE, "f.csv");
        assertThat(targets(m)).containsEntry(header, field);
    }

    @Test
    void otherColumnsBecomeSnakeCaseCustomFieldsWithCollisionsSuffixed() {
        ColumnMapping m = ColumnMapping.resolve(List.of("Email", "Annual Revenue ($)", "Industrie / Secteur d'activité",
                "Email", "annual_revenue", "", "leadSource", "电话", "Name", "ID"), MappingSpec.NONE, "f.csv");
        assertThat(m.customColumns()).extracting(ColumnMapping.Column::target).containsExactly(
                "annual_revenue", "industrie_secteur_d_activite", "email_2", "annual_revenue_2", "column_6",
                "lead_source", "电话", "id_2");
        // Name would be a full name, but is used as one (no first/last columns)
        assertThat(m.fullNameColumn()).hasValue(8);
    }

    @Test
    void fullNameIsOnlySplitWhenNoFirstOrLastNameColumnExists() {
        ColumnMapping m = ColumnMapping.resolve(List.of("Email", "First Name", "Name"), MappingSpec.NONE, "f.csv");
        assertThat(m.fullNameColumn()).isEmpty();
        assertThat(m.customColumns()).extracting(ColumnMapping.Column::target).containsExactly("name_2");
    }

    @Test
    void aPhoneColumnWinsOverMobileWhicheverComesFirst() {
        ColumnMapping m = ColumnMapping.resolve(List.of("Mobile Phone Number", "Email", "Phone Number"),
                MappingSpec.NONE, "f.csv");
        assertThat(targets(m)).containsEntry("Phone Number", "phone")
                .containsEntry("Mobile Phone Number", "CUSTOM:mobile_phone_number");
    }

    @Test
    void hubspotPreset() {
        ColumnMapping m = ColumnMapping.resolve(header("hubspot-contacts.csv"), MappingSpec.fromArgs(List.of("hubspot")),
                "hubspot-contacts.csv");
        assertThat(targets(m)).containsExactly(
                Map.entry("Record ID", "CUSTOM:record_id"),
                Map.entry("First Name", "first_name"),
                Map.entry("Last Name", "last_name"),
                Map.entry("Email", "email"),
                Map.entry("Phone Number", "phone"),
                Map.entry("Mobile Phone Number", "CUSTOM:mobile_phone_number"),
                Map.entry("Company Name", "company"),
                Map.entry("Job Title", "title"),
                Map.entry("Contact owner", "owner"),
                Map.entry("Lifecycle Stage", "CRM_STAGE:lifecycle_stage"),
                Map.entry("Lead Status", "CUSTOM:lead_status"),
                Map.entry("Time Zone", "timezone"),
                Map.entry("LinkedIn URL", "linkedin"),
                Map.entry("Create Date", "CUSTOM:create_date"),
                Map.entry("Annual Revenue", "CUSTOM:annual_revenue"),
                Map.entry("Industry", "CUSTOM:industry"));
    }

    @Test
    void salesforcePreset() {
        ColumnMapping m = ColumnMapping.resolve(header("salesforce-leads.csv"),
                MappingSpec.fromArgs(List.of("salesforce")), "salesforce-leads.csv");
        assertThat(targets(m)).containsEntry("Company / Account", "company").containsEntry("Title", "title")
                .containsEntry("Phone", "phone").containsEntry("Mobile", "CUSTOM:mobile")
                .containsEntry("Lead Owner", "owner").containsEntry("Lead Status", "CRM_STAGE:lead_status")
                .containsEntry("Lead Source", "CUSTOM:lead_source").containsEntry("Lead ID", "CUSTOM:lead_id");
    }

    @Test
    void pipedrivePreset() {
        ColumnMapping m = ColumnMapping.resolve(header("pipedrive-persons.csv"),
                MappingSpec.fromArgs(List.of("pipedrive")), "pipedrive-persons.csv");
        assertThat(targets(m)).containsEntry("Person - Name", "FULL_NAME:first_name + last_name")
                .containsEntry("Person - Email", "email").containsEntry("Person - Phone", "phone")
                .containsEntry("Person - Organization", "company").containsEntry("Person - Owner", "owner")
                .containsEntry("Person - Label", "CRM_STAGE:person_label")
                .containsEntry("Person - Open deals", "CUSTOM:person_open_deals");
    }

    @Test
    void explicitPairsOverrideRecognitionAndIgnoreDropsAColumn() {
        ColumnMapping m = ColumnMapping.resolve(List.of("Email", "Work Email", "Rep", "SSN"),
                MappingSpec.fromArgs(List.of("email=Work Email", "owner=rep", "ignore=SSN")), "f.csv");
        assertThat(targets(m)).containsExactly(Map.entry("Email", "CUSTOM:email_2"),
                Map.entry("Work Email", "email"), Map.entry("Rep", "owner"), Map.entry("SSN", "IGNORED:"));
    }

    @Test
    void mapFileIsReadAndCommandLinePairsWin() throws Exception {
        Path f = tmp.resolve("leads.map");
        Files.writeString(f, "# trade show leads\npreset = hubspot\nemail = Work Email\nowner = \"Rep\"\n\nignore=Badge\n");
        MappingSpec spec = MappingSpec.fromFile(f).overriddenBy(MappingSpec.fromArgs(List.of("owner=Booth Rep")));
        assertThat(spec.preset()).hasValue("hubspot");
        assertThat(spec.explicit()).containsExactly(Map.entry("email", "Work Email"), Map.entry("owner", "Booth Rep"));
        assertThat(spec.ignored()).containsExactly("Badge");
    }

    @Test
    void mapFileProblemsAreAllReportedWithLines() throws Exception {
        Path f = tmp.resolve("bad.map");
        Files.writeString(f, "emial = Mail\nfirst_name First\npreset = hubspt\n");
        assertThatThrownBy(() -> MappingSpec.fromFile(f)).isInstanceOf(ProblemsException.class)
                .hasMessageContaining(f + ":1:1: unknown field 'emial'; did you mean 'email'?")
                .hasMessageContaining(f + ":2:1: expected 'field = Column' (or 'preset = hubspot'), found 'first_name First'")
                .hasMessageContaining(f + ":3:1: unknown preset 'hubspt'; did you mean 'hubspot'?");
    }

    @Test
    void unknownPresetOnTheCommandLine() {
        assertThatThrownBy(() -> MappingSpec.fromArgs(List.of("zoho")))
                .hasMessage("--map zoho: unknown preset 'zoho' (presets: hubspot, pipedrive, salesforce; or give field=Column)");
    }

    @Test
    void noEmailColumnNamesTheFileAndListsHeaders() {
        assertThatThrownBy(() -> ColumnMapping.resolve(header("no-email.csv"), MappingSpec.NONE, "no-email.csv"))
                .isInstanceOf(CadenceException.class)
                .hasMessage("no-email.csv: no email column found; headers found: 'Name', 'Company', 'Phone'."
                        + " Name the email column with --map email=COLUMN");
    }

    @Test
    void anExplicitColumnMissingFromTheHeaderIsAnError() {
        assertThatThrownBy(() -> ColumnMapping.resolve(List.of("Email", "Name"),
                MappingSpec.fromArgs(List.of("owner=Rep")), "f.csv"))
                .hasMessage("f.csv: column 'Rep' (given for owner) is not in the header; headers found: 'Email', 'Name'");
    }

    @Test
    void describeListsEveryColumn() {
        ColumnMapping m = ColumnMapping.resolve(List.of("E-mail Address", "Name", "Lead Status", "Annual Revenue ($)"),
                MappingSpec.NONE, "f.csv");
        assertThat(m.describe()).isEqualTo("""
                Column mapping for f.csv:
                  "E-mail Address"      -> email
                  "Name"                -> first_name + last_name (split)
                  "Lead Status"         -> custom lead_status; sets stage when the value names a workspace stage
                  "Annual Revenue ($)"  -> custom annual_revenue
                """);
    }

    private static List<String> header(String name) {
        try (CsvInput in = CsvInput.open(Fixtures.file(name), java.util.Optional.empty())) {
            return in.header();
        }
    }
}
