package dev.cadence.importer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which header spellings mean which contact field: the generic ones recognised in any file,
 * and the CRM presets ({@code hubspot}, {@code salesforce}, {@code pipedrive}) that add their
 * export headers and take precedence. All spellings are compared by {@link Headers#key}, so
 * case, spaces, dashes and underscores do not matter. Earlier spellings win over later ones.
 */
final class Presets {
    private Presets() {}

    /** A set of header spellings per field, plus full-name and CRM-stage columns. */
    record Aliases(Map<ContactField, List<String>> fields, List<String> fullName, List<String> crmStage) {}

    static final Aliases GENERIC = new Aliases(fields(
            ContactField.EMAIL, List.of("Email", "E-mail", "Email Address", "E-mail Address", "Mail",
                    "Work Email", "Business Email", "Primary Email", "Email 1", "Courriel"),
            ContactField.FIRST_NAME, List.of("First Name", "Given Name", "First", "Forename", "Prénom",
                    "Vorname", "Nombre"),
            ContactField.LAST_NAME, List.of("Last Name", "Surname", "Family Name", "Last", "Nom",
                    "Nachname", "Apellido", "Apellidos"),
            ContactField.COMPANY, List.of("Company", "Company Name", "Organization", "Organisation",
                    "Organization Name", "Account Name", "Account", "Employer", "Firma", "Société", "Empresa"),
            ContactField.TITLE, List.of("Job Title", "Title", "Position", "Role", "Job Role", "Job Position"),
            ContactField.PHONE, List.of("Phone", "Phone Number", "Work Phone", "Business Phone", "Telephone",
                    "Tel", "Direct Phone", "Mobile", "Mobile Phone", "Mobile Phone Number", "Mobile Number",
                    "Cell", "Cell Phone", "Téléphone", "Telefon", "Teléfono"),
            ContactField.LINKEDIN, List.of("LinkedIn", "LinkedIn URL", "LinkedIn Profile", "LinkedIn Profile URL",
                    "Person Linkedin Url"),
            ContactField.TIMEZONE, List.of("Time Zone", "Timezone", "TZ", "IANA Time Zone", "Zeitzone",
                    "Fuseau Horaire", "Zona Horaria"),
            ContactField.OWNER, List.of("Owner", "Contact Owner", "Lead Owner", "Account Owner", "Sales Rep",
                    "Assigned To", "Owner Email"),
            ContactField.STAGE, List.of("Stage", "Cadence Stage")),
            List.of("Full Name", "Name", "Contact Name", "Contact", "Person Name", "Display Name"),
            List.of("Lifecycle Stage", "Lead Status"));

    static final Map<String, Aliases> PRESETS = Map.of(
            "hubspot", new Aliases(fields(
                    ContactField.EMAIL, List.of("Email"),
                    ContactField.FIRST_NAME, List.of("First Name"),
                    ContactField.LAST_NAME, List.of("Last Name"),
                    ContactField.COMPANY, List.of("Company Name", "Associated Company"),
                    ContactField.TITLE, List.of("Job Title"),
                    ContactField.PHONE, List.of("Phone Number", "Mobile Phone Number"),
                    ContactField.LINKEDIN, List.of("LinkedIn URL", "LinkedIn Bio"),
                    ContactField.TIMEZONE, List.of("Time Zone"),
                    ContactField.OWNER, List.of("Contact owner", "HubSpot Owner")),
                    List.of(),
                    List.of("Lifecycle Stage", "Lead Status")),
            "salesforce", new Aliases(fields(
                    ContactField.EMAIL, List.of("Email"),
                    ContactField.FIRST_NAME, List.of("First Name"),
                    ContactField.LAST_NAME, List.of("Last Name"),
                    ContactField.COMPANY, List.of("Company / Account", "Account Name", "Company"),
                    ContactField.TITLE, List.of("Title"),
                    ContactField.PHONE, List.of("Phone", "Mobile", "Mobile Phone"),
                    ContactField.OWNER, List.of("Lead Owner", "Contact Owner", "Owner Name", "Account Owner")),
                    List.of("Full Name", "Name"),
                    List.of("Lead Status", "Status")),
            "pipedrive", new Aliases(fields(
                    ContactField.EMAIL, List.of("Person - Email", "Person - Email - Work", "Person - Email - Home",
                            "Person - Email - Other"),
                    ContactField.FIRST_NAME, List.of("Person - First name"),
                    ContactField.LAST_NAME, List.of("Person - Last name"),
                    ContactField.COMPANY, List.of("Person - Organization", "Organization - Name"),
                    ContactField.TITLE, List.of("Person - Job title", "Person - Title"),
                    ContactField.PHONE, List.of("Person - Phone", "Person - Phone - Work", "Person - Phone - Mobile",
                            "Person - Phone - Home", "Person - Phone - Other"),
                    ContactField.LINKEDIN, List.of("Person - LinkedIn", "Person - LinkedIn profile"),
                    ContactField.OWNER, List.of("Person - Owner")),
                    List.of("Person - Name"),
                    List.of("Person - Label", "Person - Labels")));

    static Set<String> names() {
        return new TreeSet<>(PRESETS.keySet());
    }

    @SuppressWarnings("unchecked")
    private static Map<ContactField, List<String>> fields(Object... pairs) {
        Map<ContactField, List<String>> m = new EnumMap<>(ContactField.class);
        for (int i = 0; i < pairs.length; i += 2) m.put((ContactField) pairs[i], (List<String>) pairs[i + 1]);
        return m;
    }
}
