package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactMergeTest {
    private static ContactRow contact(long line, String email, String first, String title, String phone, String e164,
                                      Map<String, String> custom) {
        return new ContactRow(line, email, email.toLowerCase(java.util.Locale.ROOT), first, "Doe", "Acme", title,
                phone, e164, null, "Europe/Paris", "sam", "new", custom);
    }

    private final ContactRow existing = contact(2, "jane@example.com", "Jane", "CTO", "06 12 34 56 78", "+33612345678",
            Map.of("industry", "Retail", "size", "50"));

    @Test
    void updateLetsNonEmptyIncomingValuesWinAndNeverErases() {
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("size", "200");
        custom.put("region", "EMEA");
        ContactRow incoming = new ContactRow(9, "Jane@Example.com", "jane@example.com", null, "Doe", null, "CEO",
                null, null, "https://www.linkedin.com/in/jane", null, null, null, custom);
        ContactMerge.Result r = ContactMerge.merge(existing, incoming, DuplicatePolicy.UPDATE);
        assertThat(r).isInstanceOf(ContactMerge.Result.Updated.class);
        ContactMerge.Result.Updated u = (ContactMerge.Result.Updated) r;
        assertThat(u.changed()).containsExactly("email", "title", "linkedin", "custom.size", "custom.region");
        assertThat(u.merged()).isEqualTo(new ContactRow(2, "Jane@Example.com", "jane@example.com", "Jane", "Doe", "Acme",
                "CEO", "06 12 34 56 78", "+33612345678", "https://www.linkedin.com/in/jane", "Europe/Paris", "sam", "new",
                Map.of("industry", "Retail", "size", "200", "region", "EMEA")));
    }

    @Test
    void aNewPhoneBringsItsOwnE164EvenWhenNone() {
        ContactRow incoming = contact(5, "jane@example.com", null, null, "ext. 42", null, Map.of());
        ContactMerge.Result.Updated u = (ContactMerge.Result.Updated) ContactMerge.merge(existing, incoming,
                DuplicatePolicy.UPDATE);
        assertThat(u.changed()).containsExactly("phone");
        assertThat(u.merged().phone()).isEqualTo("ext. 42");
        assertThat(u.merged().phoneE164()).isNull();
    }

    @Test
    void nothingNewIsUnchanged() {
        ContactRow incoming = contact(5, "jane@example.com", "Jane", null, null, null, Map.of("industry", "Retail"));
        assertThat(ContactMerge.merge(existing, incoming, DuplicatePolicy.UPDATE))
                .isEqualTo(new ContactMerge.Result.Unchanged(existing));
    }

    @Test
    void skipKeepsTheExistingContact() {
        ContactRow incoming = contact(5, "jane@example.com", "Janet", "CEO", null, null, Map.of());
        assertThat(ContactMerge.merge(existing, incoming, DuplicatePolicy.SKIP))
                .isEqualTo(new ContactMerge.Result.Skipped(existing));
    }

    @Test
    void errorIsAConflictNamingTheFirstLine() {
        ContactRow incoming = contact(5, "JANE@example.com", "Janet", null, null, null, Map.of());
        ContactMerge.Result r = ContactMerge.merge(existing, incoming, DuplicatePolicy.ERROR);
        assertThat(r).isEqualTo(new ContactMerge.Result.Conflict(existing,
                "duplicate email JANE@example.com (first seen on line 2) and --on-duplicate error"));
        ContactRow fromLedger = contact(0, "jane@example.com", "Jane", null, null, null, Map.of());
        assertThat(((ContactMerge.Result.Conflict) ContactMerge.merge(fromLedger, incoming, DuplicatePolicy.ERROR))
                .reason()).isEqualTo("duplicate email JANE@example.com and --on-duplicate error");
    }

    @Test
    void differentContactsCannotBeMerged() {
        ContactRow other = contact(5, "bob@example.com", "Bob", null, null, null, Map.of());
        assertThatThrownBy(() -> ContactMerge.merge(existing, other, DuplicatePolicy.UPDATE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyNames() {
        assertThat(DuplicatePolicy.parse("Update")).isEqualTo(DuplicatePolicy.UPDATE);
        assertThatThrownBy(() -> DuplicatePolicy.parse("merge"))
                .hasMessage("invalid --on-duplicate 'merge': use update, skip or error");
    }
}
