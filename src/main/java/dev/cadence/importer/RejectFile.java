package dev.cadence.importer;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.cadence.channel.CsvSafe;
import dev.cadence.error.CadenceException;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --reject-file}: the rejected rows as CSV, the original columns followed by {@code line}
 * and {@code error}, so a user can fix them and import the file again. Written to a temporary
 * file next to the target and moved into place by {@link #commit()} (atomically where the file
 * system allows), so a crash never leaves a half-written reject file; {@link #close()} without
 * {@code commit} discards it. Every cell is made formula-safe ({@link CsvSafe}). The file stays
 * rectangular: a shorter row is padded, the extra cells of a longer row are quoted at the end
 * of its {@code error} cell so no data is lost.
 */
public final class RejectFile implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileOutputStream out;
    private final CsvWriter csv;
    /** Columns written (the input's, less the line and error of a reject file imported again). */
    private final int width;
    /** Cells a row of the input should have; more are quoted in the error. */
    private final int inputWidth;
    private long count;
    private boolean done;

    private RejectFile(Path target, List<String> header, int dataColumns, char delimiter, boolean bom)
            throws IOException {
        checkTarget(target);
        this.target = target.toAbsolutePath().normalize();
        Path dir = this.target.getParent();
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
        this.out = new FileOutputStream(temp.toFile());
        if (bom) out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        this.csv = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(LineDelimiter.CRLF)
                .build(out, StandardCharsets.UTF_8);
        this.width = dataColumns;
        this.inputWidth = header.size();
        List<String> cells = new ArrayList<>(width + 2);
        for (int i = 0; i < width; i++) cells.add(CsvSafe.cell(header.get(i)));
        cells.add("line");
        cells.add("error");
        csv.writeRecord(cells);
    }

    /**
     * Refuses (exit 2) a reject-file target that cannot be written, before anything is read or
     * written: a folder, a folder that does not exist (it is not created, like {@code export
     * -o}), or a file or folder that is not writable.
     */
    public static void checkTarget(Path target) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        String what = "--reject-file " + target;
        if (Files.isDirectory(file)) throw CadenceException.invalid(what + " is a folder, not a file");
        if (dir == null || !Files.exists(dir)) {
            throw CadenceException.invalid(what + ": folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) throw CadenceException.invalid(what + ": " + dir + " is not a folder");
        if (!Files.isWritable(dir)) throw CadenceException.invalid(what + ": folder " + dir + " is not writable");
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw CadenceException.invalid(what + ": the file exists and is not writable");
        }
    }

    /** Starts a reject file for rows of a source with this header. */
    public static RejectFile create(Path target, List<String> header) {
        return create(target, header, header.size(), ',', false);
    }

    /**
     * Starts a reject file like its source: the first {@code dataColumns} columns of
     * {@code header} (a reject file imported again drops its old {@code line} and {@code error}),
     * the source's delimiter, and a UTF-8 byte order mark when the source had one (Excel in a
     * {@code ;} locale then opens it right).
     */
    public static RejectFile create(Path target, List<String> header, int dataColumns, char delimiter, boolean bom) {
        try {
            return new RejectFile(target, header, dataColumns, delimiter, bom);
        } catch (IOException e) {
            throw CadenceException.invalid(target + ": cannot write the reject file: " + e.getMessage());
        }
    }

    /** Writes one rejected row with its reasons. */
    public void write(RowResult.Rejected rejected) {
        write(rejected.row(), rejected.message());
    }

    /** Writes {@code row} with an error of the caller's (e.g. a duplicate refused against the ledger). */
    public void write(CsvRow row, String error) {
        List<String> cells = new ArrayList<>(width + 2);
        for (int i = 0; i < width; i++) cells.add(CsvSafe.cell(row.field(i)));
        cells.add(Long.toString(row.line()));
        if (row.size() > inputWidth) {
            StringBuilder extra = new StringBuilder(error).append(" (extra cells:");
            for (int i = inputWidth; i < row.size(); i++) {
                extra.append(i == inputWidth ? " " : ", ").append(quote(row.field(i)));
            }
            error = extra.append(')').toString();
        }
        cells.add(CsvSafe.cell(error));
        try {
            csv.writeRecord(cells);
        } catch (UncheckedIOException e) {
            throw CadenceException.failure(target + ": cannot write the reject file: " + reason(e), e);
        }
        count++;
    }

    /** Why an I/O operation failed, without the path of the temporary file (an implementation detail). */
    static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof java.nio.file.DirectoryNotEmptyException) return "a folder is in the way";
        if (t instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (t instanceof java.nio.file.NoSuchFileException) return "its folder has gone";
        if (t instanceof java.nio.file.FileSystemException f) return f.getReason() != null ? f.getReason() : "I/O error";
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String quote(String cell) {
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Rows written so far. */
    public long count() {
        return count;
    }

    public Path target() {
        return target;
    }

    /** True once {@link #commit()} or {@link #close()} ran. */
    public boolean done() {
        return done;
    }

    /** Flushes to disk and moves the file into place. */
    public void commit() {
        if (done) throw new IllegalStateException("reject file already committed or closed");
        done = true;
        try {
            csv.flush();
            out.getChannel().force(true);
            csv.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            deleteTemp();
            throw CadenceException.failure(target + ": cannot write the reject file: " + reason(e), e);
        }
    }

    /** Discards the file unless it was committed. */
    @Override
    public void close() {
        if (done) return;
        done = true;
        try {
            csv.close();
        } catch (IOException | UncheckedIOException e) {
            // discarding anyway
        }
        deleteTemp();
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a stray hidden temp file is harmless
        }
    }
}
