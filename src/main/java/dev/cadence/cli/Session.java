package dev.cadence.cli;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.AsOf;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.workspace.WorkspaceLocator;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command needs from the global options, resolved lazily and once: the workspace,
 * its configuration, the ledger URL and the clock ({@code --as-of}), and the open ledger.
 * A command that uses the ledger holds its session in try-with-resources, which closes it:
 * {@code try (Session session = Session.of(spec)) { ... session.ledger() ... }}.
 */
public final class Session implements AutoCloseable {
    private final CadenceCommand root;
    private Workspace workspace;
    private Ledger ledger;

    private Session(CadenceCommand root) {
        this.root = root;
    }

    public static Session of(CommandSpec spec) {
        return new Session((CadenceCommand) spec.root().userObject());
    }

    /** The workspace folder, without loading its configuration. */
    public Path workspaceDir() {
        return WorkspaceLocator.locate(root.workspace, root.env.get("CADENCE_WORKSPACE"), root.cwd);
    }

    /** Resolves a path given on the command line against the process's working directory. */
    public Path resolve(Path p) {
        return root.cwd.resolve(p).normalize();
    }

    /** The workspace with a valid configuration; any problem in cadence.yaml is an error (exit 2). */
    public Workspace workspace() {
        if (workspace == null) {
            Problems problems = new Problems();
            Workspace w = loadWorkspace(problems);
            problems.throwIfAny();
            workspace = w;
        }
        return workspace;
    }

    /**
     * Works on {@code ws} instead of looking one up (for {@code init}, whose workspace is the one
     * it just created): the ledger URL and the clock then follow its configuration.
     */
    public Session use(Workspace ws) {
        this.workspace = ws;
        return this;
    }

    /** Loads the workspace, collecting problems instead of failing (for {@code validate}). */
    public Workspace loadWorkspace(Problems problems) {
        Path dir = workspaceDir();
        WorkspaceConfig config = ConfigLoader.load(dir.resolve(Workspace.CONFIG_FILE), problems);
        return new Workspace(dir, config);
    }

    /** {@code --ledger}, else {@code CADENCE_LEDGER}, else the workspace's {@code cadence.db}. */
    public String ledgerUrl() {
        if (root.ledger != null && !root.ledger.isBlank()) return ledgerUrl(root.ledger);
        String env = root.env.get("CADENCE_LEDGER");
        if (env != null && !env.isBlank()) return ledgerUrl(env);
        return workspace().defaultLedgerUrl();
    }

    private String ledgerUrl(String given) {
        if (given.startsWith("jdbc:")) return given;
        // a plain path is accepted for convenience and read as a SQLite file
        return "jdbc:sqlite:" + resolve(Path.of(given));
    }

    /**
     * The ledger at {@link #ledgerUrl()}, opened (created and migrated if needed) on first use,
     * with {@link #clock()} stamping what is recorded. For commands that record something.
     */
    public Ledger ledger() {
        if (ledger == null) ledger = Ledger.open(ledgerUrl(), clock());
        return ledger;
    }

    /**
     * Like {@link #ledger()} but a ledger file that does not exist is an error ("no ledger yet
     * at ...; import contacts first"), for commands that only read, so they never create one.
     */
    public Ledger existingLedger() {
        if (ledger == null) ledger = Ledger.openExisting(ledgerUrl(), clock());
        return ledger;
    }

    /**
     * The custom field names the ledger has seen in imports (so templates may use them), or
     * none when there is no ledger yet. Only for a workspace whose cadence.yaml loaded.
     */
    public java.util.List<String> ledgerCustomFields() {
        String url = ledgerUrl();
        boolean none = dev.cadence.ledger.Dialect.forUrl(url).flatMap(d -> d.file(url))
                .map(f -> !java.nio.file.Files.exists(f)).orElse(false);
        if (none) return java.util.List.of();
        return existingLedger().contacts().knownCustomFields();
    }

    /** Closes the ledger if it was opened. */
    @Override
    public void close() {
        if (ledger != null) {
            Ledger l = ledger;
            ledger = null;
            l.close();
        }
    }

    /** Now: {@code --as-of}, else {@code CADENCE_NOW}, else the system clock; in the workspace time zone. */
    public Clock clock() {
        ZoneId zone = workspace().config().timezone();
        String asOf = root.asOf != null ? root.asOf : blankToNull(root.env.get("CADENCE_NOW"));
        if (asOf == null) return Clock.system(zone);
        try {
            Instant at = AsOf.parse(asOf, zone);
            return Clock.fixed(at, zone);
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid((root.asOf != null ? "--as-of: " : "CADENCE_NOW: ") + e.getMessage());
        }
    }

    /** The process environment (tests give their own): secrets are read by the names the config gives. */
    public java.util.Map<String, String> env() {
        return root.env;
    }

    public boolean verbose() {
        return root.isVerbose();
    }

    public boolean quiet() {
        return root.quiet;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
