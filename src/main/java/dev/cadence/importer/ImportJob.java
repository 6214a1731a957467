package dev.cadence.importer;

import dev.cadence.enrollment.Enroller;
import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.ContactWriter;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.Sequence;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code cadence import} of a contacts CSV into the ledger (issue 3): read and validate
 * ({@link ContactReader}), upsert by normalised email ({@link ContactMerge}), reject bad rows
 * ({@link RejectFile}), and optionally enroll each contact ({@link Enroller}).
 *
 * <p><b>Counting.</b> Every data row ends as exactly one of created, updated, unchanged (the
 * row adds nothing new, or {@code --on-duplicate skip}) or rejected, so {@code read = created +
 * updated + unchanged + rejected}. A later row of the same file with the same email is merged
 * into what the earlier row wrote, and counts as updated or unchanged. Enrollment is per contact
 * (the first row of an email), never per duplicate row: enrolled + refused ≤ created + updated +
 * unchanged.
 *
 * <p><b>Atomicity.</b> By default the whole file is one transaction: an error, a crash or
 * Ctrl-C leaves the ledger exactly as before. A first import into a ledger without contacts,
 * when no other process has the ledger open, goes through a rollback journal instead of the WAL
 * ({@link dev.cadence.ledger.ContactRepository#writerForOneTransaction}: the new pages are written
 * once instead of twice; the next connection plays a crashed import's journal back), and other
 * processes wait for the ledger meanwhile (there is nothing to read in it yet). Any other import,
 * and every dry run, goes through the WAL, whose uncommitted frames are ignored on recovery, so
 * that {@code due}, {@code contacts}, {@code export} or a {@code run} read the ledger as it was
 * before the import while it runs. With {@code allowPartial} the rows are committed in batches of
 * {@link Options#batchSize} so that what was committed survives a crash; re-running the file
 * then finishes it (an import is idempotent: the rows already in give "unchanged"). A dry run
 * does all the work in the transaction and rolls it back; so does {@code strict} when any row is
 * rejected.
 *
 * <p><b>{@code --owner}, {@code --stage}.</b> They fill in what the file does not say: a new
 * contact gets them when its row has no owner/stage; an existing contact only when it has none
 * yet, so re-importing a list with {@code --stage new} never demotes a customer.
 */
public final class ImportJob {

    /** Where contacts are enrolled, per contact: the sequence (null: none) and day 1 (null: today in the contact's zone). */
    public interface EnrollPlan {
        /** @param index 0-based index of the data row among the rows read (rejected ones included) */
        Sequence sequence(long index, ContactRow row);

        LocalDate start(long index, ContactRow row);

        /** The same sequence and start for every contact. */
        static EnrollPlan of(Sequence sequence, LocalDate start) {
            return new EnrollPlan() {
                @Override
                public Sequence sequence(long index, ContactRow row) {
                    return sequence;
                }

                @Override
                public LocalDate start(long index, ContactRow row) {
                    return start;
                }
            };
        }
    }

    /** Told every {@link #PROGRESS_EVERY} rows: rows read and bytes of the source consumed so far. */
    public interface Progress {
        void update(long rows, long bytes);

        Progress NONE = (rows, bytes) -> { };
    }

    public static final int PROGRESS_EVERY = 1_000;
    /** Rows between two INFO log lines (-v, --log-file): progress for cron logs, where there is no bar. */
    public static final int LOG_EVERY = 50_000;
    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);
    public static final int DEFAULT_BATCH = 5_000;
    /** Rejected rows kept in the outcome (the reject file has them all). */
    public static final int KEEP_REJECTIONS = 1_000;

    /**
     * @param read          how to read the CSV (delimiter, mapping, stages, phone region)
     * @param onDuplicate   against the ledger and within the file
     * @param rejectFile    where rejected rows go (null: nowhere)
     * @param strict        any rejected row rolls everything back
     * @param dryRun        roll back at the end whatever happens
     * @param allowPartial  commit every {@code batchSize} rows
     * @param owner         default owner (null: none)
     * @param stage         default stage, a workspace stage (null: none)
     * @param enroller      needed with {@code plan}
     * @param plan          enroll contacts (null: no enrollment)
     */
    public record Options(ContactReader.Options read, DuplicatePolicy onDuplicate, Path rejectFile, boolean strict,
                          boolean dryRun, boolean allowPartial, int batchSize, String owner, String stage,
                          Enroller enroller, EnrollPlan plan) {
        public Options {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
            if (plan != null && enroller == null) throw new IllegalArgumentException("a plan needs an enroller");
        }

        public static Options defaults(ContactReader.Options read) {
            return new Options(read, DuplicatePolicy.UPDATE, null, false, false, false, DEFAULT_BATCH, null, null,
                    null, null);
        }

        public Options withEnrollment(Enroller enroller, EnrollPlan plan) {
            return new Options(read, onDuplicate, rejectFile, strict, dryRun, allowPartial, batchSize, owner, stage,
                    enroller, plan);
        }
    }

    /** A rejected row: its line and why. */
    public record Rejection(long line, String email, String error) {}

    /** A contact the enrollment rules refused. */
    public record Refusal(long line, String email, String sequence, String reason) {}

    /**
     * What the import did.
     *
     * @param committed       false after a dry run or a strict abort: the ledger is unchanged
     * @param strictAborted   {@code strict} and some rows were rejected
     * @param rejections      the first {@link #KEEP_REJECTIONS} rejected rows, in file order
     * @param refusals        every refused enrollment, in file order
     * @param rejectFile      the reject file written, or null
     * @param warned          rows imported with a warning (a value kept as given)
     * @param warnings        the first {@link #KEEP_REJECTIONS} of them, in file order
     */
    public record Outcome(ImportSummary summary, ColumnMapping mapping, boolean committed, boolean strictAborted,
                          List<Rejection> rejections, List<Refusal> refusals, Path rejectFile, long warned,
                          List<Rejection> warnings) {}

    private final Ledger ledger;
    private final Options options;
    private final Progress progress;

    private long read;
    private long created;
    private long updated;
    private long unchanged;
    private long rejected;
    private long enrolled;
    private long refused;
    private volatile long committedRows;
    private volatile boolean running;
    private long warned;
    private int emailColumn = -1;
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Rejection> warnings = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final Set<String> customFields = new TreeSet<>();

    public ImportJob(Ledger ledger, Options options, Progress progress) {
        this.ledger = ledger;
        this.options = options;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** Rows committed so far: 0 until the end in the default mode; whole batches with {@code allowPartial}. */
    public long committedRows() {
        return committedRows;
    }

    /** True while rows are being read and written (for an interrupt message). */
    public boolean running() {
        return running;
    }

    /** Imports a file. A missing or unreadable file is invalid input (exit 2). */
    public Outcome run(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw CadenceException.invalid(file + ": no such file");
        } catch (IOException e) {
            throw CadenceException.invalid(file + ": cannot read: " + e.getMessage());
        }
        if (Files.isDirectory(file)) {
            close(in);
            throw CadenceException.invalid(file + ": is a folder, not a CSV file");
        }
        return run(in, file.toString());
    }

    /** Imports a stream (stdin for {@code -}); {@code name} names it in messages. The stream is closed. */
    public Outcome run(InputStream in, String name) {
        running = true;
        try {
            return runReader(new CountingStream(in), name);
        } catch (CadenceException e) {
            throw new CadenceException(e.status(), e.getMessage() + aftermath(), e);
        } finally {
            running = false;
        }
    }

    private Outcome runReader(CountingStream counted, String name) {
        try (ContactReader reader = ContactReader.open(counted, name, options.read());
             RejectFile rejects = options.rejectFile() == null ? null
                     : RejectFile.create(options.rejectFile(), reader.header(), reader.mapping().dataColumns(),
                             reader.delimiter(), reader.hadBom());
             ContactWriter writer = oneTransaction() && !options.dryRun() ? ledger.contacts().writerForOneTransaction()
                     : ledger.contacts().writer()) {
            emailColumn = reader.mapping().column(ContactField.EMAIL).orElse(-1);
            Iterator<RowResult> rows = reader.iterator();
            boolean committed = runTransactions(rows, reader, rejects, writer, counted);
            if (rejects != null && !rejects.done()) rejects.commit(); // dry run, strict: the ledger was rolled back
            ImportSummary summary = new ImportSummary(read, created, updated, unchanged, rejected, enrolled, refused);
            return new Outcome(summary, reader.mapping(), committed, options.strict() && rejected > 0,
                    List.copyOf(rejections), List.copyOf(refusals), rejects == null ? null : rejects.target(), warned,
                    List.copyOf(warnings));
        }
    }

    /** True when the whole file is one transaction (the default; not with {@code allowPartial}). */
    private boolean oneTransaction() {
        return !(options.allowPartial() && !options.dryRun() && !options.strict());
    }

    /** Signals a deliberate rollback (dry run, strict) through {@link Ledger#inTransaction}. */
    private static final class Rollback extends RuntimeException {
        Rollback() {
            super(null, null, false, false);
        }
    }

    private boolean runTransactions(Iterator<RowResult> rows, ContactReader reader, RejectFile rejects,
                                    ContactWriter writer, CountingStream counted) {
        boolean batches = options.allowPartial() && !options.dryRun() && !options.strict();
        long batch = batches ? options.batchSize() : Long.MAX_VALUE;
        try {
            boolean more = true;
            while (more) {
                more = ledger.inTransaction(() -> {
                    long n = 0;
                    while (n < batch && rows.hasNext()) {
                        process(rows.next(), rejects, writer);
                        n++;
                        if (read % PROGRESS_EVERY == 0) {
                            progress.update(read, counted.count());
                            if (read % LOG_EVERY == 0) {
                                log.info("import of {}: {} rows read, {} committed", reader.name(), read, committedRows);
                            }
                        }
                    }
                    if (!customFields.isEmpty()) {
                        writer.registerFields(customFields);
                        customFields.clear();
                    }
                    if (options.dryRun() || (options.strict() && rejected > 0)) throw new Rollback();
                    boolean last = !rows.hasNext();
                    // the reject file is put in place inside the last transaction: if that fails,
                    // the transaction (the whole import by default) is rolled back
                    if (last && rejects != null) rejects.commit();
                    return !last;
                });
                committedRows = read;
                if (batches) log.debug("import of {}: committed {} rows", reader.name(), committedRows);
            }
            progress.update(read, counted.count());
            return true;
        } catch (Rollback r) {
            progress.update(read, counted.count());
            return false;
        } catch (CadenceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CadenceException(ExitStatus.FAILURE, "import of " + reader.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** What an error leaves in the ledger, appended to its message. */
    private String aftermath() {
        if (committedRows == 0) return "; nothing was imported, the ledger is unchanged";
        boolean batches = options.allowPartial() && !options.dryRun() && !options.strict();
        if (!batches) return "; the import itself was committed (" + committedRows + " rows)";
        return "; the first " + committedRows + " rows were committed (--allow-partial), import the file again"
                + " to finish it";
    }

    /**
     * What an interruption now (Ctrl-C, SIGTERM) leaves in the ledger, for a message. The
     * writing thread may still commit the batch in flight while the JVM shuts down, hence
     * "at least".
     */
    public String interruptedAftermath() {
        boolean batches = options.allowPartial() && !options.dryRun() && !options.strict();
        if (!batches) return "; nothing was imported, the ledger is unchanged";
        return "; at least the first " + committedRows + " rows were committed (whole batches of "
                + options.batchSize() + "), import the file again to finish it";
    }

    private void process(RowResult result, RejectFile rejects, ContactWriter writer) {
        long index = read++;
        if (result instanceof RowResult.Rejected r) {
            String email = emailColumn < 0 ? "" : r.row().field(emailColumn).strip();
            reject(r.row(), email.isEmpty() ? null : email, r.message(), rejects);
            return;
        }
        RowResult.Valid v = (RowResult.Valid) result;
        ContactRow row = v.contact();
        if (!v.warnings().isEmpty()) {
            warned++;
            if (warnings.size() < KEEP_REJECTIONS) warnings.add(new Rejection(row.line(), row.email(), v.warningMessage()));
        }
        Contact stored;
        if (!v.isDuplicate()) {
            Contact fresh = toContact(row.withDefaults(options.owner(), options.stage()));
            if (options.plan() == null) {
                if (writer.insertIfAbsentNoId(fresh)) {
                    created++;
                    noteFields(row);
                    return;
                }
            } else {
                var id = writer.insertIfAbsent(fresh);
                if (id.isPresent()) {
                    created++;
                    noteFields(row);
                    enroll(index, row, contactWithId(fresh, id.getAsLong()));
                    return;
                }
            }
        }
        Contact existing = writer.find(row.emailNorm()).orElseThrow(() -> new IllegalStateException(
                "contact " + row.emailNorm() + " vanished during the import"));
        ContactRow incoming = new ContactRow(row.line(), row.email(), row.emailNorm(), row.firstName(),
                row.lastName(), row.company(), row.title(), row.phone(), row.phoneE164(), row.linkedin(),
                row.timezone(), row.owner() != null || existing.owner() != null ? row.owner() : options.owner(),
                row.stage() != null || existing.stage() != null ? row.stage() : options.stage(), row.custom());
        ContactRow before = toRow(existing, v.isDuplicate() ? v.duplicateOf() : 0);
        ContactMerge.Result merged = ContactMerge.merge(before, incoming, options.onDuplicate());
        if (merged instanceof ContactMerge.Result.Conflict c) {
            reject(v.source(), row.email(), c.reason() + (v.isDuplicate() ? "" : " (already in the ledger)"), rejects);
            return;
        }
        if (merged instanceof ContactMerge.Result.Updated u) {
            stored = writer.update(merge(existing, u.merged()));
            updated++;
            noteFields(row);
        } else {
            stored = existing;
            unchanged++;
        }
        if (!v.isDuplicate()) enroll(index, row, stored);
    }

    private void reject(CsvRow source, String email, String error, RejectFile rejects) {
        rejected++;
        if (rejections.size() < KEEP_REJECTIONS) {
            rejections.add(new Rejection(source == null ? 0 : source.line(), email, error));
        }
        if (rejects != null && source != null) rejects.write(source, error);
    }

    private void enroll(long index, ContactRow row, Contact contact) {
        if (options.plan() == null) return;
        Sequence sequence = options.plan().sequence(index, row);
        if (sequence == null) return;
        Enroller.Result r = options.enroller().enroll(contact, sequence, options.plan().start(index, row));
        if (r instanceof Enroller.Refused no) {
            refused++;
            refusals.add(new Refusal(row.line(), contact.email(), sequence.name(), no.reason()));
        } else {
            enrolled++;
        }
    }

    private void noteFields(ContactRow row) {
        if (!row.custom().isEmpty()) customFields.addAll(row.custom().keySet());
    }

    /** A new contact (id 0, no pause, no timestamps: the writer sets them), as {@code Contact.builder} would give. */
    private static Contact toContact(ContactRow r) {
        return new Contact(0, r.email(), r.emailNorm(), r.firstName(), r.lastName(), r.company(), r.title(),
                r.phone(), r.phoneE164(), r.linkedin(), r.timezone(), r.owner(), r.stage(), r.custom(), null, null,
                null);
    }

    private static Contact contactWithId(Contact c, long id) {
        return new Contact(id, c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(),
                c.phone(), c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), c.custom(),
                c.pausedUntil(), c.createdAt(), c.updatedAt());
    }

    private static ContactRow toRow(Contact c, long line) {
        return new ContactRow(line, c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(),
                c.phone(), c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), c.custom());
    }

    /** The existing contact with the merged fields (id, pause and timestamps kept). */
    private static Contact merge(Contact existing, ContactRow m) {
        return new Contact(existing.id(), m.email(), existing.emailNorm(), m.firstName(), m.lastName(), m.company(),
                m.title(), m.phone(), m.phoneE164(), m.linkedin(), m.timezone(), m.owner(), m.stage(), m.custom(),
                existing.pausedUntil(), existing.createdAt(), existing.updatedAt());
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing read yet
        }
    }

    /** Counts bytes read, for the progress bar's ETA; read by the caller's thread only. */
    static final class CountingStream extends FilterInputStream {
        private final AtomicLong count = new AtomicLong();

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count.get();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count.incrementAndGet();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count.addAndGet(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) count.addAndGet(s);
            return s;
        }
    }
}
