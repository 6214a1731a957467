package dev.cadence.importer;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of reading one data row: a contact to upsert, or a rejected row with its reasons. */
public sealed interface RowResult {

    long line();

    /**
     * A valid contact. {@code duplicateOf} is the line of an earlier row of the same file with
     * the same normalised email (0 when this is the first): the lead merges it into what that
     * row produced with {@link ContactMerge#merge}. {@code source} is the row as read (null
     * when not from a file), for a reject file when a later rule refuses the row (e.g.
     * {@code --on-duplicate error}). {@code warnings} are what was kept as given rather than
     * understood (a LinkedIn value that is not a profile URL): reported, never a reject.
     */
    record Valid(ContactRow contact, long duplicateOf, CsvRow source, List<FieldError> warnings) implements RowResult {
        public Valid {
            warnings = List.copyOf(warnings);
        }

        public Valid(ContactRow contact, long duplicateOf, CsvRow source) {
            this(contact, duplicateOf, source, List.of());
        }

        public Valid(ContactRow contact, long duplicateOf) {
            this(contact, duplicateOf, null, List.of());
        }

        /** {@code linkedin: '…' is not a LinkedIn profile URL …; …} */
        public String warningMessage() {
            return warnings.stream().map(FieldError::toString).collect(Collectors.joining("; "));
        }

        @Override
        public long line() {
            return contact.line();
        }

        public boolean isDuplicate() {
            return duplicateOf > 0;
        }
    }

    /** A row that is not imported; {@link #message()} is what goes into the reject file's {@code error} cell. */
    record Rejected(CsvRow row, List<FieldError> errors) implements RowResult {
        public Rejected {
            errors = List.copyOf(errors);
        }

        @Override
        public long line() {
            return row.line();
        }

        /** {@code email: 'bob@' has no domain after the @; timezone: …} */
        public String message() {
            return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
        }

        /** {@code people.csv:14: email: …} for stderr. */
        public String describe(String source) {
            return source + ":" + row.line() + ": " + message();
        }
    }
}
