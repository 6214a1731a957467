package dev.cadence.workspace;

import dev.cadence.error.CadenceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates a workspace (design §3, issue 2 item 7): {@code cadence.yaml}, the built-in sequences
 * and templates, and a {@code .gitignore} for the ledger and the outbox.
 *
 * <p>The built-in library ships in the jar under {@code builtin/} (the repository's
 * {@code sequences/} folder). A folder inside a jar cannot be listed, so
 * {@code builtin/index.txt} names every file: {@code x.yaml} lands in {@code sequences/x.yaml},
 * {@code templates/g/f.mustache} in {@code templates/g/f.mustache}.
 *
 * <p>Existing files are never overwritten. Init refuses (exit 2, nothing written) when the folder
 * already holds {@code cadence.yaml}, unless {@code force}. Otherwise it adds only the missing
 * files and reports the ones it kept (say a {@code .gitignore} of an existing repository, or a
 * sequence the user wrote before). Every file is
 * written to a temporary name and moved into place, and {@code cadence.yaml} comes last, so a
 * failure leaves neither a half-written file nor something that looks like a finished workspace.
 */
public final class WorkspaceInitializer {
    /** Classpath folder of the built-in library. */
    public static final String BUILTIN = "builtin/";
    /** The list of the library's files, relative to {@link #BUILTIN}, one a line. */
    public static final String INDEX = "index.txt";
    public static final String GITIGNORE = ".gitignore";

    private WorkspaceInitializer() {}

    /** One file init writes: its path relative to the workspace (always with '/') and its content. */
    public record FileSpec(String path, byte[] content) {
        public FileSpec {
            if (path.isBlank() || path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
                throw new IllegalArgumentException("not a safe relative path: " + path);
            }
        }

        public static FileSpec text(String path, String content) {
            return new FileSpec(path, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What init did: files created, and existing files it kept unchanged, as absolute paths. */
    public record Outcome(Path root, List<Path> created, List<Path> kept) {
        public Outcome {
            created = List.copyOf(created);
            kept = List.copyOf(kept);
        }
    }

    /** Creates a workspace in {@code dir} (and its parents). */
    public static Outcome init(Path dir, boolean force) {
        return write(dir, force, standardFiles());
    }

    /** The files of a new workspace: the library, {@code .gitignore}, then {@code cadence.yaml} (last on purpose). */
    public static List<FileSpec> standardFiles() {
        List<FileSpec> files = new ArrayList<>(library());
        files.add(FileSpec.text(GITIGNORE, resourceText("init/gitignore")));
        files.add(FileSpec.text(Workspace.CONFIG_FILE, configText()));
        return files;
    }

    /** The starting {@code cadence.yaml}: every key explained, outbox transport, an example.com sender. */
    public static String configText() {
        return resourceText("init/cadence.yaml");
    }

    /** The relative paths listed in {@code builtin/index.txt}, in order; blank lines and # comments skipped. */
    public static List<String> builtinIndex() {
        String text = new String(builtin(INDEX), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) out.add(t);
        }
        return out;
    }

    /** The built-in sequences and templates as workspace files. */
    public static List<FileSpec> library() {
        List<FileSpec> out = new ArrayList<>();
        for (String rel : builtinIndex()) {
            out.add(new FileSpec(workspacePath(rel), builtin(rel)));
        }
        return out;
    }

    /** Where a library file goes in a workspace: templates keep their path, sequences go under sequences/. */
    public static String workspacePath(String libraryPath) {
        return libraryPath.startsWith("templates/") ? libraryPath : "sequences/" + libraryPath;
    }

    /** Writes {@code files} under {@code dir}; see the class comment for the rules. */
    public static Outcome write(Path dir, boolean force, List<FileSpec> files) {
        Path root = dir.toAbsolutePath().normalize();
        checkFolders(root, files);
        Path config = root.resolve(Workspace.CONFIG_FILE);
        if (!force && Files.exists(config)) {
            throw CadenceException.invalid(root + " is already a workspace (it has " + Workspace.CONFIG_FILE
                    + "); nothing was written. Use --force to add only the missing files; existing files are never overwritten");
        }
        List<Path> existing = new ArrayList<>();
        for (FileSpec f : files) {
            Path target = root.resolve(f.path());
            if (Files.exists(target)) existing.add(target);
        }
        List<Path> created = new ArrayList<>();
        for (FileSpec f : files) {
            Path target = root.resolve(f.path());
            if (existing.contains(target)) continue;
            writeAtomically(target, f.content());
            created.add(target);
        }
        return new Outcome(root, created, existing);
    }

    /** Fails before anything is written when the workspace or a folder it needs is blocked by a regular file. */
    private static void checkFolders(Path root, List<FileSpec> files) {
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw CadenceException.invalid("cannot create workspace " + root + ": " + p + " is a file, not a folder");
            }
        }
        for (FileSpec f : files) {
            Path target = root.resolve(f.path());
            for (Path p = target.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw CadenceException.invalid("cannot create " + target + ": " + p
                            + " is a file, not a folder; nothing was written");
                }
            }
            if (Files.isDirectory(target)) {
                throw CadenceException.invalid("cannot create " + target + ": a folder of that name is in the way; nothing was written");
            }
        }
    }

    /** Writes to a temporary file next to {@code target}, then moves it into place; never replaces an existing file. */
    static void writeAtomically(Path target, byte[] content) {
        Path parent = target.getParent();
        Path tmp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                out.write(content);
            }
            if (Files.exists(target)) {
                throw CadenceException.invalid("cannot create " + target + ": it appeared while init was running; kept as it is");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (AccessDeniedException e) {
            throw CadenceException.invalid("cannot create " + target + ": permission denied on " + e.getFile());
        } catch (IOException e) {
            throw CadenceException.failure("cannot create " + target + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and never read
            }
        }
    }

    /** A file of the built-in library, by its path relative to {@code builtin/}. */
    public static byte[] builtin(String rel) {
        return resource("/" + BUILTIN + rel);
    }

    static String resourceText(String rel) {
        return new String(resource(rel), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = WorkspaceInitializer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw CadenceException.failure("the cadence jar is incomplete: resource " + name + " is missing", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
