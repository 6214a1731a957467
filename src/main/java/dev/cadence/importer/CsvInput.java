package dev.cadence.importer;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.cadence.error.CadenceException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A CSV file (or stdin) opened for streaming: RFC 4180 quoting through FastCSV, UTF-8 with or
 * without a byte order mark, CRLF/LF/CR line ends, blank lines (and rows of empty cells)
 * skipped, the first non-blank record taken as the header. Rows are read one at a time, never
 * the whole file; each carries the physical line where it starts.
 *
 * <p>The delimiter is given ({@code ,} {@code ;} tab or any single character) or, when absent,
 * detected from the header line: the most frequent of {@code ,} {@code ;} and tab outside
 * quotes, comma on a tie or when none occurs.
 *
 * <p>Iteration throws {@link CadenceException} (exit 2) for input that cannot be read as CSV at
 * all, such as invalid UTF-8, naming the source and line. A row whose number of cells differs
 * from the header is <em>not</em> an error here: it is returned, and rejected by
 * {@link RowValidator}.
 */
public final class CsvInput implements Closeable, Iterable<CsvRow> {
    /** The name used for standard input in messages. */
    public static final String STDIN_NAME = "<stdin>";
    private static final int MAX_HEADER_CHARS = 1 << 20;

    private final String name;
    private final BufferedReader reader;
    private final Utf8Reader utf8;
    private final char delimiter;
    private final boolean delimiterDetected;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private final List<String> header;
    private final long headerLine;
    private boolean iterated;

    private CsvInput(String name, InputStream in, Optional<Character> delimiter) throws IOException {
        this.name = name;
        this.utf8 = new Utf8Reader(in);
        this.reader = new BufferedReader(utf8, 64 * 1024);
        if (delimiter.isPresent()) {
            this.delimiter = delimiter.get();
            this.delimiterDetected = false;
        } else {
            this.delimiter = guard(this::detectDelimiter);
            this.delimiterDetected = true;
        }
        this.csv = CsvReader.builder()
                .fieldSeparator(this.delimiter)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(false) // Utf8Reader already drops it
                .ofCsvRecord(reader);
        this.records = csv.iterator();
        CsvRecord first = guard(this::nextNonBlank);
        if (first == null) {
            close();
            throw CadenceException.invalid(name + ": the file is empty (a header row is needed)");
        }
        List<String> cells = new ArrayList<>(first.getFieldCount());
        for (String cell : first.getFields()) cells.add(unescapeFormula(cell.strip()));
        this.header = Collections.unmodifiableList(cells);
        this.headerLine = first.getStartingLineNumber();
    }

    /** Opens a file; {@code delimiter} empty means detect it from the header line. */
    public static CsvInput open(Path file, Optional<Character> delimiter) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw CadenceException.invalid(file + ": no such file");
        } catch (IOException e) {
            throw CadenceException.invalid(file + ": cannot read: " + e.getMessage());
        }
        return open(in, file.toString(), delimiter);
    }

    /** Opens a stream (stdin for {@code -}); {@code name} is used in messages. Closing closes the stream. */
    public static CsvInput open(InputStream in, String name, Optional<Character> delimiter) {
        try {
            return new CsvInput(name, in, delimiter);
        } catch (IOException e) {
            throw CadenceException.invalid(name + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses a {@code --delimiter} value: a single character, or {@code tab}, {@code \t},
     * {@code comma}, {@code semicolon}, {@code pipe}.
     */
    public static char parseDelimiter(String value) {
        String v = value == null ? "" : value;
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "tab": case "\\t": case "\t": return '\t';
            case "comma": return ',';
            case "semicolon": return ';';
            case "pipe": return '|';
            default:
        }
        if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
            throw CadenceException.invalid("invalid delimiter '" + v
                    + "': give one character such as ',' ';' or 'tab'");
        }
        return v.charAt(0);
    }

    public String name() {
        return name;
    }

    /** The header cells, trimmed, in file order. */
    public List<String> header() {
        return header;
    }

    /** Physical line of the header row. */
    public long headerLine() {
        return headerLine;
    }

    public char delimiter() {
        return delimiter;
    }

    /** True when the input started with a UTF-8 byte order mark (a reject file then gets one too). */
    public boolean hadBom() {
        return utf8.hadBom();
    }

    /**
     * Undoes the formula-safety prefix our own reject files and exports add
     * ({@link dev.cadence.channel.CsvSafe}): a cell that starts with {@code '} followed by
     * {@code = + - @}, a tab or a carriage return is read without the {@code '}, so a reject
     * file can be fixed and imported again.
     */
    static String unescapeFormula(String cell) {
        if (cell.length() < 2 || cell.charAt(0) != '\'') return cell;
        char c = cell.charAt(1);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? cell.substring(1) : cell;
    }

    private static List<String> unescapeFormulas(List<String> cells) {
        List<String> out = null;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String plain = unescapeFormula(cell);
            if (plain != cell) {
                if (out == null) out = new ArrayList<>(cells);
                out.set(i, plain);
            }
        }
        return out == null ? cells : out;
    }

    /** True when the delimiter was not given but detected from the header line. */
    public boolean delimiterDetected() {
        return delimiterDetected;
    }

    /** The data rows, once, in file order. */
    @Override
    public Iterator<CsvRow> iterator() {
        if (iterated) throw new IllegalStateException("CsvInput can be iterated once");
        iterated = true;
        return new Iterator<>() {
            private CsvRecord next;

            @Override
            public boolean hasNext() {
                if (next == null) next = guard(CsvInput.this::nextNonBlank);
                return next != null;
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) throw new NoSuchElementException();
                CsvRecord r = next;
                next = null;
                return new CsvRow(r.getStartingLineNumber(), unescapeFormulas(r.getFields()));
            }
        };
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException | RuntimeException e) {
            // closing a read-only source: nothing to recover
        }
    }

    private CsvRecord nextNonBlank() {
        while (records.hasNext()) {
            CsvRecord r = records.next();
            if (!isBlank(r)) return r;
        }
        return null;
    }

    private static boolean isBlank(CsvRecord r) {
        for (int i = 0; i < r.getFieldCount(); i++) {
            if (!r.getField(i).isBlank()) return false;
        }
        return true;
    }

    /** Reads the header line ahead (then rewinds) and counts candidate delimiters outside quotes. */
    private char detectDelimiter() throws IOException {
        reader.mark(MAX_HEADER_CHARS + 1);
        int commas = 0, semicolons = 0, tabs = 0, read = 0;
        boolean quoted = false, content = false;
        int c;
        while ((c = reader.read()) != -1) {
            if (++read > MAX_HEADER_CHARS) {
                throw new IOException("the header line is longer than " + MAX_HEADER_CHARS + " characters");
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\n' || c == '\r') {
                    if (content) break;
                    continue; // blank lines before the header
                }
                if (c == ',') commas++;
                else if (c == ';') semicolons++;
                else if (c == '\t') tabs++;
            }
            if (!Character.isWhitespace(c)) content = true;
        }
        reader.reset();
        if (semicolons > commas && semicolons >= tabs) return ';';
        if (tabs > commas && tabs > semicolons) return '\t';
        return ',';
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Turns read failures into one readable message naming the source and line. */
    private <T> T guard(IoSupplier<T> body) {
        try {
            return body.get();
        } catch (Utf8Reader.InvalidUtf8Exception e) {
            throw invalidUtf8(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof Utf8Reader.InvalidUtf8Exception u) throw invalidUtf8(u);
            throw CadenceException.invalid(name + ": cannot read: " + e.getCause().getMessage());
        } catch (CsvParseException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Utf8Reader.InvalidUtf8Exception u) throw invalidUtf8(u);
            if (cause instanceof UncheckedIOException uio && uio.getCause() instanceof Utf8Reader.InvalidUtf8Exception u) {
                throw invalidUtf8(u);
            }
            throw CadenceException.invalid(name + ": not readable as CSV: " + e.getMessage()
                    + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""));
        } catch (IOException e) {
            throw CadenceException.invalid(name + ": cannot read: " + e.getMessage());
        }
    }

    private CadenceException invalidUtf8(Utf8Reader.InvalidUtf8Exception e) {
        return CadenceException.invalid(String.format(
                "%s:%d: not valid UTF-8 (byte 0x%02X at byte offset %d); save the file as UTF-8 and import again",
                name, e.line, e.badByte, e.byteOffset));
    }
}
