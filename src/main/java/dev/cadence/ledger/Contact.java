package dev.cadence.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A person in the ledger. {@code email} is kept as given; {@code emailNorm} (see
 * {@link #normalizeEmail}) is the identity. {@code custom} holds the custom fields (string
 * values, in their original order). {@code id}, {@code createdAt} and {@code updatedAt} are
 * assigned by the ledger: give 0 and null in a new contact ({@link #builder}).
 */
public record Contact(long id, String email, String emailNorm, String firstName, String lastName,
                      String company, String title, String phone, String phoneE164, String linkedin,
                      String timezone, String owner, String stage, Map<String, String> custom,
                      LocalDate pausedUntil, Instant createdAt, Instant updatedAt) {

    public Contact {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(emailNorm, "emailNorm");
        custom = custom == null ? Map.of() : custom.isEmpty() ? Collections.emptyMap() // no copy per contact read
                : Collections.unmodifiableMap(new LinkedHashMap<>(custom));
    }

    /** Trimmed and lower-cased, local part and domain: how two addresses are found to be the same. */
    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** "First Last", or whichever is known, or the email. */
    public String displayName() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return n.isEmpty() ? email : n;
    }

    /** A new contact with this email (normalised for {@code emailNorm}). */
    public static Builder builder(String email) {
        return new Builder(email);
    }

    public Builder toBuilder() {
        Builder b = new Builder(email);
        b.id = id;
        b.emailNorm = emailNorm;
        b.firstName = firstName;
        b.lastName = lastName;
        b.company = company;
        b.title = title;
        b.phone = phone;
        b.phoneE164 = phoneE164;
        b.linkedin = linkedin;
        b.timezone = timezone;
        b.owner = owner;
        b.stage = stage;
        b.custom = new LinkedHashMap<>(custom);
        b.pausedUntil = pausedUntil;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        return b;
    }

    /** Builds a contact field by field; the import engineer's friend. */
    public static final class Builder {
        private long id;
        private String email;
        private String emailNorm;
        private String firstName;
        private String lastName;
        private String company;
        private String title;
        private String phone;
        private String phoneE164;
        private String linkedin;
        private String timezone;
        private String owner;
        private String stage;
        private Map<String, String> custom = new LinkedHashMap<>();
        private LocalDate pausedUntil;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder(String email) {
            this.email = email;
            this.emailNorm = normalizeEmail(email);
        }

        /** Changes the email; {@code emailNorm} follows. */
        public Builder email(String v) {
            email = v;
            emailNorm = normalizeEmail(v);
            return this;
        }

        /** Overrides the normalised email, for an importer with its own normalisation. */
        public Builder emailNorm(String v) {
            emailNorm = v;
            return this;
        }

        public Builder firstName(String v) {
            firstName = v;
            return this;
        }

        public Builder lastName(String v) {
            lastName = v;
            return this;
        }

        public Builder company(String v) {
            company = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder phone(String v) {
            phone = v;
            return this;
        }

        public Builder phoneE164(String v) {
            phoneE164 = v;
            return this;
        }

        public Builder linkedin(String v) {
            linkedin = v;
            return this;
        }

        public Builder timezone(String v) {
            timezone = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder stage(String v) {
            stage = v;
            return this;
        }

        public Builder custom(Map<String, String> v) {
            custom = new LinkedHashMap<>(v);
            return this;
        }

        public Builder custom(String field, String value) {
            custom.put(field, value);
            return this;
        }

        public Builder pausedUntil(LocalDate v) {
            pausedUntil = v;
            return this;
        }

        public Contact build() {
            return new Contact(id, email, emailNorm, firstName, lastName, company, title, phone, phoneE164,
                    linkedin, timezone, owner, stage, custom, pausedUntil, createdAt, updatedAt);
        }
    }
}
