package dev.cadence.workspace;

import dev.cadence.error.CadenceException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the workspace folder: {@code -w/--workspace}, then {@code CADENCE_WORKSPACE}, then the
 * nearest folder upward from the current directory that holds {@code cadence.yaml}.
 */
public final class WorkspaceLocator {
    private WorkspaceLocator() {}

    public static Path locate(Path explicit, String env, Path cwd) {
        if (explicit != null) return check(explicit.toAbsolutePath().normalize(), "-w/--workspace");
        if (env != null && !env.isBlank()) return check(Path.of(env).toAbsolutePath().normalize(), "CADENCE_WORKSPACE");
        for (Path p = cwd.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(Workspace.CONFIG_FILE))) return p;
        }
        throw CadenceException.invalid("no workspace here: no " + Workspace.CONFIG_FILE + " in " + cwd.toAbsolutePath().normalize()
                + " or any folder above it; create one with 'cadence init DIR' or point to one with -w DIR");
    }

    private static Path check(Path dir, String from) {
        if (!Files.exists(dir)) {
            throw CadenceException.invalid("workspace " + dir + " (from " + from + ") does not exist; create it with 'cadence init " + dir + "'");
        }
        if (!Files.isDirectory(dir)) {
            throw CadenceException.invalid("workspace " + dir + " (from " + from + ") is not a folder");
        }
        if (!Files.isRegularFile(dir.resolve(Workspace.CONFIG_FILE))) {
            throw CadenceException.invalid("workspace " + dir + " (from " + from + ") has no " + Workspace.CONFIG_FILE
                    + "; create one with 'cadence init " + dir + "'");
        }
        return dir;
    }
}
