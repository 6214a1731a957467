package dev.cadence.channel;

import dev.cadence.error.CadenceException;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * Writes a file all at once or not at all: into a hidden temporary file next to the target,
 * flushed to disk, then moved over the target (atomically where the file system allows). A
 * failure or a crash half-way leaves the target as it was and no temporary file behind.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /**
     * Writes {@code target} in UTF-8 with {@code content}, which gets the writer and returns a
     * result. A folder that does not exist, a folder given as the file, or a folder that cannot
     * be written is invalid input (exit 2); an I/O failure while writing is a failure (exit 1).
     */
    /**
     * A temp file is created readable by its owner only; the file it becomes keeps the
     * permissions of the file it replaces, or the usual rw-r--r-- of a new file, so a teammate
     * can read an export.
     */
    public static void shareable(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) return;
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, perms);
    }

    public static <T> T write(Path target, Function<Writer, T> content) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (Files.isDirectory(file)) throw CadenceException.invalid(target + " is a folder, not a file");
        if (dir == null || !Files.isDirectory(dir)) {
            throw CadenceException.invalid("cannot write " + target + ": folder " + dir + " does not exist");
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            shareable(temp, file);
        } catch (IOException e) {
            throw CadenceException.invalid("cannot write " + target + ": " + e.getMessage());
        }
        boolean moved = false;
        try {
            T result;
            try (FileOutputStream out = new FileOutputStream(temp.toFile());
                 Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                result = content.apply(w);
                w.flush();
                out.getChannel().force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return result;
        } catch (IOException | UncheckedIOException e) {
            throw CadenceException.failure("cannot write " + target + ": "
                    + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage()), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray hidden temp file is harmless
                }
            }
        }
    }
}
