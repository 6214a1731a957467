package dev.cadence.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one merge rule for a contact that already exists (earlier in the file or in the ledger),
 * pure so the ledger reuses it: under {@link DuplicatePolicy#UPDATE} every non-empty incoming
 * value wins and an empty one never erases, custom fields included (key by key). A phone
 * and its E.164 form travel together, so a new phone never keeps the old number's E.164.
 * The existing row's {@code line} is kept.
 */
public final class ContactMerge {
    private ContactMerge() {}

    /** The outcome, with the changed field names for an update (e.g. {@code title}, {@code custom.industry}). */
    public sealed interface Result {
        /** Policy {@code update} and something changed. */
        record Updated(ContactRow merged, List<String> changed) implements Result {
            public Updated {
                changed = List.copyOf(changed);
            }
        }

        /** Policy {@code update}, but the incoming row adds nothing new. */
        record Unchanged(ContactRow existing) implements Result {}

        /** Policy {@code skip}. */
        record Skipped(ContactRow existing) implements Result {}

        /** Policy {@code error}: the incoming row must be rejected. */
        record Conflict(ContactRow existing, String reason) implements Result {}
    }

    public static Result merge(ContactRow existing, ContactRow incoming, DuplicatePolicy policy) {
        if (!Objects.equals(existing.emailNorm(), incoming.emailNorm())) {
            throw new IllegalArgumentException("merging different contacts: " + existing.emailNorm()
                    + " and " + incoming.emailNorm());
        }
        switch (policy) {
            case SKIP:
                return new Result.Skipped(existing);
            case ERROR:
                return new Result.Conflict(existing, "duplicate email " + incoming.email()
                        + (existing.line() > 0 ? " (first seen on line " + existing.line() + ")" : "")
                        + " and --on-duplicate error");
            default:
        }
        List<String> changed = new ArrayList<>();
        String email = pick("email", existing.email(), incoming.email(), changed);
        String firstName = pick("first_name", existing.firstName(), incoming.firstName(), changed);
        String lastName = pick("last_name", existing.lastName(), incoming.lastName(), changed);
        String company = pick("company", existing.company(), incoming.company(), changed);
        String title = pick("title", existing.title(), incoming.title(), changed);
        String phone = existing.phone();
        String phoneE164 = existing.phoneE164();
        if (incoming.phone() != null && !incoming.phone().equals(existing.phone())) {
            phone = incoming.phone();
            phoneE164 = incoming.phoneE164();
            changed.add("phone");
        }
        String linkedin = pick("linkedin", existing.linkedin(), incoming.linkedin(), changed);
        String timezone = pick("timezone", existing.timezone(), incoming.timezone(), changed);
        String owner = pick("owner", existing.owner(), incoming.owner(), changed);
        String stage = pick("stage", existing.stage(), incoming.stage(), changed);
        Map<String, String> custom = new LinkedHashMap<>(existing.custom());
        for (Map.Entry<String, String> e : incoming.custom().entrySet()) {
            String v = e.getValue();
            if (v == null || v.isBlank()) continue;
            String old = custom.put(e.getKey(), v);
            if (!v.equals(old)) changed.add("custom." + e.getKey());
        }
        if (changed.isEmpty()) return new Result.Unchanged(existing);
        return new Result.Updated(new ContactRow(existing.line(), email, existing.emailNorm(), firstName, lastName,
                company, title, phone, phoneE164, linkedin, timezone, owner, stage, custom), changed);
    }

    private static String pick(String field, String existing, String incoming, List<String> changed) {
        if (incoming == null || incoming.isBlank() || incoming.equals(existing)) return existing;
        changed.add(field);
        return incoming;
    }
}
