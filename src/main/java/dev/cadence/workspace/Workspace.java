package dev.cadence.workspace;

import java.nio.file.Path;

/** A folder with {@code cadence.yaml}, {@code sequences/}, {@code templates/} and by default the ledger. */
public record Workspace(Path root, WorkspaceConfig config) {

    public static final String CONFIG_FILE = "cadence.yaml";
    public static final String LEDGER_FILE = "cadence.db";

    public Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    public Path sequencesDir() {
        return root.resolve("sequences");
    }

    public Path templatesDir() {
        return root.resolve("templates");
    }

    /** {@code jdbc:sqlite:<workspace>/cadence.db}. */
    public String defaultLedgerUrl() {
        return "jdbc:sqlite:" + root.resolve(LEDGER_FILE);
    }
}
