package dev.cadence.importer;

import dev.cadence.error.CadenceException;
import java.util.Locale;

/** {@code --on-duplicate}: what an incoming row does to a contact with the same normalised email. */
public enum DuplicatePolicy {
    /** Non-empty incoming values win; empty ones never erase (the default). */
    UPDATE,
    /** The existing contact is left as it is. */
    SKIP,
    /** The incoming row is rejected. */
    ERROR;

    public static DuplicatePolicy parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid("invalid --on-duplicate '" + value + "': use update, skip or error");
        }
    }
}
