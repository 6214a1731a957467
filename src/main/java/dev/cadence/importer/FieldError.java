package dev.cadence.importer;

/** What is wrong with one field of a row: the field (a contact field key, custom field name or {@code columns}) and why. */
public record FieldError(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
