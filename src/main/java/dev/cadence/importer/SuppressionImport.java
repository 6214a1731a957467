package dev.cadence.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code cadence import --suppressions FILE}: a do-not-contact list. The file is one address a
 * line (no header; lines starting with {@code #} are comments) or a CSV with an email column
 * (recognised like a contacts file, or named with {@code --map email=Column}). Every valid
 * address is suppressed with reason {@code import} (an address already suppressed keeps its
 * first reason), and the open enrollments of a contact with that address are stopped with reason
 * {@code suppressed}. Suppressions are never lifted by a later import. One transaction for the
 * whole file; a dry run rolls it back.
 */
public final class SuppressionImport {
    /** The stop reason given to the enrollments of a newly suppressed contact. */
    public static final String STOP_REASON = "suppressed";

    /**
     * The counts: lines read, addresses newly suppressed, already suppressed, enrollments
     * stopped, and lines rejected (not an address).
     */
    public record Summary(long read, long suppressed, long alreadySuppressed, long stoppedEnrollments, long rejected) {
        private static final ObjectMapper JSON = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

        public String toText() {
            return "read " + read + ", suppressed " + suppressed + ", already suppressed " + alreadySuppressed
                    + ", enrollments stopped " + stoppedEnrollments + ", rejected " + rejected;
        }

        public String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public record Outcome(Summary summary, boolean committed, List<ImportJob.Rejection> rejections, Path rejectFile) {}

    private SuppressionImport() {}

    public static Outcome run(Ledger ledger, Path file, ContactReader.Options read, Path rejectFile, boolean dryRun,
                              boolean strict) {
        InputStream in;
        try {
            if (Files.isDirectory(file)) throw CadenceException.invalid(file + ": is a folder, not a file");
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw CadenceException.invalid(file + ": no such file");
        } catch (IOException e) {
            throw CadenceException.invalid(file + ": cannot read: " + e.getMessage());
        }
        return run(ledger, in, file.toString(), read, rejectFile, dryRun, strict);
    }

    public static Outcome run(Ledger ledger, InputStream in, String name, ContactReader.Options read, Path rejectFile,
                              boolean dryRun, boolean strict) {
        try (CsvInput csv = CsvInput.open(in, name, read.delimiter())) {
            List<String> header = csv.header();
            // a bare list: the "header" is already an address
            boolean bare = header.size() == 1 && header.get(0).contains("@");
            ColumnMapping mapping = bare ? null : ColumnMapping.resolve(header, read.mapping(), name);
            int column = bare ? 0 : mapping.column(ContactField.EMAIL).orElseThrow();
            List<String> rejectHeader = bare ? List.of("email") : header;
            int dataColumns = bare ? 1 : mapping.dataColumns();
            long[] counts = new long[5];
            List<ImportJob.Rejection> rejections = new ArrayList<>();
            try (RejectFile rejects = rejectFile == null ? null : RejectFile.create(rejectFile, rejectHeader, dataColumns,
                    csv.delimiter(), csv.hadBom())) {
                boolean committed;
                try {
                    committed = ledger.inTransaction(() -> {
                        if (bare) suppress(ledger, new CsvRow(csv.headerLine(), header), 0, name, counts, rejections, rejects);
                        Iterator<CsvRow> rows = csv.iterator();
                        while (rows.hasNext()) suppress(ledger, rows.next(), column, name, counts, rejections, rejects);
                        if (dryRun || (strict && counts[4] > 0)) throw new Rollback();
                        if (rejects != null) rejects.commit(); // a failure here rolls the suppressions back
                        return true;
                    });
                } catch (Rollback r) {
                    committed = false;
                } catch (CadenceException e) {
                    throw new CadenceException(e.status(), e.getMessage() + "; nothing was imported, the ledger is unchanged", e);
                }
                if (rejects != null && !rejects.done()) rejects.commit();
                return new Outcome(new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]), committed,
                        rejections, rejects == null ? null : rejects.target());
            }
        }
    }

    private static final class Rollback extends RuntimeException {
        Rollback() {
            super(null, null, false, false);
        }
    }

    private static void suppress(Ledger ledger, CsvRow row, int column, String source, long[] counts,
                                 List<ImportJob.Rejection> rejections, RejectFile rejects) {
        String email = row.field(column).strip();
        if (email.startsWith("#") && row.size() == 1) return; // a comment line in a bare list
        counts[0]++;
        String problem = email.isEmpty() ? "no email" : RowValidator.emailProblem(email);
        if (problem != null) {
            counts[4]++;
            String error = "email: " + (email.isEmpty() ? "missing" : RowValidator.notAnEmail(email, problem));
            if (rejections.size() < ImportJob.KEEP_REJECTIONS) {
                rejections.add(new ImportJob.Rejection(row.line(), email.isEmpty() ? null : email, error));
            }
            if (rejects != null) rejects.write(row, error);
            return;
        }
        String norm = RowValidator.normaliseEmail(email);
        if (!ledger.suppressions().add(norm, SuppressionReason.IMPORT, source)) {
            counts[2]++;
        } else {
            counts[1]++;
        }
        Optional<Contact> contact = ledger.contacts().findByEmailNorm(norm);
        if (contact.isEmpty()) return;
        for (Enrollment e : ledger.enrollments().findActiveByContact(contact.get().id())) {
            if (ledger.enrollments().updateState(e.id(), EnrollmentState.STOPPED, STOP_REASON)) counts[3]++;
        }
    }
}
