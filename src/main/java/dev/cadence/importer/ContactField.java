package dev.cadence.importer;

import java.util.Locale;
import java.util.Optional;

/** The contact fields a CSV column can map to; {@link #key()} is also the ledger column name. */
public enum ContactField {
    EMAIL,
    FIRST_NAME,
    LAST_NAME,
    COMPANY,
    TITLE,
    PHONE,
    LINKEDIN,
    TIMEZONE,
    OWNER,
    STAGE;

    /** {@code email}, {@code first_name}, …: the name used in {@code --map field=Column}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContactField> byKey(String key) {
        for (ContactField f : values()) {
            if (f.key().equals(key)) return Optional.of(f);
        }
        return Optional.empty();
    }
}
