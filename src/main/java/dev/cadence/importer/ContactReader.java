package dev.cadence.importer;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The whole ledger-independent import pipeline over one CSV source: read (streaming), map,
 * validate, and flag in-file duplicates by normalised email. Iterate it once:
 *
 * <pre>{@code
 * try (ContactReader reader = ContactReader.open(file, options)) {
 *     if (dryRun) err.print(reader.mapping().describe());
 *     try (RejectFile rejects = RejectFile.create(rejectPath, reader.header())) {
 *         for (RowResult r : reader) {
 *             if (r instanceof RowResult.Valid v) upsert(v.contact(), v.duplicateOf());
 *             else rejects.write((RowResult.Rejected) r);
 *         }
 *         rejects.commit();
 *     }
 * }
 * }</pre>
 *
 * Memory is bounded by the duplicate index (about 60 bytes per distinct email), never by the
 * file. Read errors (invalid UTF-8, unreadable CSV) throw {@code CadenceException} (exit 2).
 */
public final class ContactReader implements Closeable, Iterable<RowResult> {

    /**
     * How to read a source.
     *
     * @param delimiter     empty: detect from the header line
     * @param mapping       preset / explicit pairs / ignores
     * @param stageNames    workspace stage names
     * @param defaultRegion phone region when the contact's time zone gives none; null for none
     */
    public record Options(Optional<Character> delimiter, MappingSpec mapping, Collection<String> stageNames,
                          String defaultRegion) {
        public Options {
            stageNames = List.copyOf(stageNames);
        }

        public static Options defaults(Collection<String> stageNames, String defaultRegion) {
            return new Options(Optional.empty(), MappingSpec.NONE, stageNames, defaultRegion);
        }
    }

    private final CsvInput input;
    private final ColumnMapping mapping;
    private final RowValidator validator;
    private final EmailSet seen = new EmailSet();
    private long read;
    private long rejected;
    private long duplicates;

    private ContactReader(CsvInput input, Options options) {
        this.input = input;
        try {
            this.mapping = ColumnMapping.resolve(input.header(), options.mapping(), input.name());
            this.validator = new RowValidator(mapping, options.stageNames(), options.defaultRegion());
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    public static ContactReader open(Path file, Options options) {
        return new ContactReader(CsvInput.open(file, options.delimiter()), options);
    }

    /** Reads {@code in} (stdin for {@code -}); {@code name} is used in messages, e.g. {@link CsvInput#STDIN_NAME}. */
    public static ContactReader open(InputStream in, String name, Options options) {
        return new ContactReader(CsvInput.open(in, name, options.delimiter()), options);
    }

    public String name() {
        return input.name();
    }

    public List<String> header() {
        return input.header();
    }

    public char delimiter() {
        return input.delimiter();
    }

    public boolean delimiterDetected() {
        return input.delimiterDetected();
    }

    public ColumnMapping mapping() {
        return mapping;
    }

    /** Data rows read so far (blank lines excluded). */
    public long read() {
        return read;
    }

    public long rejected() {
        return rejected;
    }

    /** Valid rows whose email appeared on an earlier row of the file. */
    public long duplicates() {
        return duplicates;
    }

    @Override
    public Iterator<RowResult> iterator() {
        Iterator<CsvRow> rows = input.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public RowResult next() {
                if (!rows.hasNext()) throw new NoSuchElementException();
                CsvRow row = rows.next();
                read++;
                RowResult r = validator.validate(row);
                if (r instanceof RowResult.Valid v) {
                    long first = seen.addIfAbsent(v.contact().emailNorm(), row.line());
                    if (first > 0) {
                        duplicates++;
                        return new RowResult.Valid(v.contact(), first);
                    }
                    return v;
                }
                rejected++;
                return r;
            }
        };
    }

    @Override
    public void close() {
        input.close();
    }
}
