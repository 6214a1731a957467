package dev.cadence.importer;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
     * @param threads       validation threads: 1 validates on the caller's thread, 0 means one
     *                      per processor (phone parsing dominates the cost of a row)
     */
    public record Options(Optional<Character> delimiter, MappingSpec mapping, Collection<String> stageNames,
                          String defaultRegion, int threads) {
        public Options {
            stageNames = List.copyOf(stageNames);
            if (threads < 0) throw new IllegalArgumentException("threads must be >= 0");
        }

        public Options(Optional<Character> delimiter, MappingSpec mapping, Collection<String> stageNames,
                       String defaultRegion) {
            this(delimiter, mapping, stageNames, defaultRegion, 0);
        }

        public static Options defaults(Collection<String> stageNames, String defaultRegion) {
            return new Options(Optional.empty(), MappingSpec.NONE, stageNames, defaultRegion, 0);
        }
    }

    private static final int CHUNK = 512;

    private final CsvInput input;
    private final ColumnMapping mapping;
    private final RowValidator validator;
    private final EmailSet seen = new EmailSet();
    private final int threads;
    private ExecutorService pool;
    private long read;
    private long rejected;
    private long duplicates;

    private ContactReader(CsvInput input, Options options) {
        this.input = input;
        this.threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
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

    /** True when the source started with a UTF-8 byte order mark. */
    public boolean hadBom() {
        return input.hadBom();
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

    /**
     * The rows in file order. With more than one thread, rows are validated in chunks on a
     * small pool while this thread reads ahead (at most {@code 2 × threads} chunks in flight);
     * duplicate detection and counting stay on the caller's thread, in order.
     */
    @Override
    public Iterator<RowResult> iterator() {
        Iterator<CsvRow> rows = input.iterator();
        if (threads <= 1) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public RowResult next() {
                    if (!rows.hasNext()) throw new NoSuchElementException();
                    return track(validator.validate(rows.next()));
                }
            };
        }
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cadence-import-validate");
            t.setDaemon(true);
            return t;
        });
        return new Iterator<>() {
            private final ArrayDeque<Future<List<RowResult>>> inflight = new ArrayDeque<>();
            private Iterator<RowResult> current = Collections.emptyIterator();

            private void fill() {
                while (inflight.size() < threads * 2 && rows.hasNext()) {
                    List<CsvRow> chunk = new ArrayList<>(CHUNK);
                    while (chunk.size() < CHUNK && rows.hasNext()) chunk.add(rows.next());
                    inflight.add(pool.submit(() -> {
                        List<RowResult> out = new ArrayList<>(chunk.size());
                        for (CsvRow row : chunk) out.add(validator.validate(row));
                        return out;
                    }));
                }
            }

            @Override
            public boolean hasNext() {
                if (current.hasNext()) return true;
                fill();
                Future<List<RowResult>> f = inflight.poll();
                if (f == null) return false;
                try {
                    current = f.get().iterator();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("import interrupted");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
                fill();
                return current.hasNext();
            }

            @Override
            public RowResult next() {
                if (!hasNext()) throw new NoSuchElementException();
                return track(current.next());
            }
        };
    }

    /** Counts a result and flags a repeated email, in file order. */
    private RowResult track(RowResult r) {
        read++;
        if (r instanceof RowResult.Valid v) {
            long first = seen.addIfAbsent(v.contact().emailNorm(), v.line());
            if (first > 0) {
                duplicates++;
                return new RowResult.Valid(v.contact(), first, v.source(), v.warnings());
            }
            return v;
        }
        rejected++;
        return r;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
        input.close();
    }
}
