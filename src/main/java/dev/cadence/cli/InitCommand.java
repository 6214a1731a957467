package dev.cadence.cli;

import dev.cadence.agenda.ExampleHistory;
import dev.cadence.importer.ExampleImport;
import dev.cadence.importer.ImportJob;
import dev.cadence.ledger.Ledger;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.ExampleWorkspace;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceInitializer.Outcome;
import dev.cadence.workspace.WorkspaceInitializer;
import dev.cadence.yaml.Problems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence init [DIR]}: a new workspace with the built-in sequences and templates. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Create a workspace with the built-in sequences and templates.",
        description = {
                "Create a workspace: cadence.yaml, the built-in sequences and their",
                "templates, and a .gitignore for the ledger and the outbox.",
                "Existing files are never overwritten; a folder that already has",
                "cadence.yaml is refused unless --force.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence init ~/sales             new workspace in ~/sales",
                "  cadence init                     new workspace in the current folder",
                "  cadence init --force ~/sales     add back missing built-in files",
                "  cadence init --example /tmp/w    sample contacts imported and enrolled",
        })
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Folder of the new workspace, created if needed (default: -w DIR, else the current folder).")
    Path dir;

    @Option(names = "--force",
            description = "Even where cadence.yaml exists: add only the missing files.")
    boolean force;

    @Option(names = "--example",
            description = {"Also write contacts.csv, about forty sample contacts, import them",
                    "into the ledger and enroll them (day 1 over the last two weeks)."})
    boolean example;

    @Override
    public Integer call() {
        Session session = Session.of(spec);
        // DIR, else -w DIR (so that `cadence -w ~/sales init` does what it says), else the current folder
        Path given = dir != null ? dir : ((CadenceCommand) spec.root().userObject()).workspace;
        Path target = session.resolve(given == null ? Path.of(".") : given);
        Outcome outcome = example ? ExampleWorkspace.create(target, force) : WorkspaceInitializer.init(target, force);

        PrintWriter out = spec.commandLine().getOut();
        for (Path p : outcome.created()) out.println("created " + p);
        for (Path p : outcome.kept()) out.println("kept    " + p);
        out.flush();
        Path contacts = outcome.root().resolve(ExampleWorkspace.CONTACTS_FILE);
        ImportJob.Outcome imported = example && outcome.created().contains(contacts)
                ? importExample(outcome.root()) : null;

        if (!session.quiet()) {
            PrintWriter err = spec.commandLine().getErr();
            Path root = outcome.root();
            if (outcome.created().isEmpty()) {
                err.println("cadence: nothing to add, " + root + " already has every file of a new workspace");
            } else {
                err.println("Workspace ready in " + root + (outcome.kept().isEmpty() ? "."
                        : " (" + outcome.kept().size() + " existing files kept unchanged)."));
            }
            Path gitignore = root.resolve(WorkspaceInitializer.GITIGNORE);
            if (outcome.kept().contains(gitignore)) {
                err.println("note: the existing " + gitignore + " was kept; make sure it ignores"
                        + " cadence.db, cadence.db-wal, cadence.db-shm, cadence.db-journal and outbox/");
            }
            err.println("Next steps:");
            err.println("  1. set 'sender:' in " + root.resolve(Workspace.CONFIG_FILE) + " before sending anything");
            err.println("  2. cadence -w " + root + " validate");
            err.println("  3. cadence -w " + root + " sequences show " + ExampleWorkspace.SEQUENCE);
            if (imported != null) {
                var s = imported.summary();
                err.println("Imported " + s.created() + " sample contacts from " + contacts + " and enrolled "
                        + s.enrolled() + " (prospects in " + ExampleWorkspace.SEQUENCE + ", customers in "
                        + ExampleImport.CUSTOMER_SEQUENCE + ", lost ones in " + ExampleImport.LOST_SEQUENCE
                        + "), day 1 spread over the last " + ExampleWorkspace.SPREAD_DAYS + " days; what was due"
                        + " on those days is recorded as done (example history: nothing was sent).");
                err.println("  4. cadence -w " + root + " due");
                err.println("  5. cadence -w " + root + " contacts show " + FIRST_CONTACT);
            } else if (example) {
                err.println("  4. cadence -w " + root + " import " + contacts + " --enroll " + ExampleWorkspace.SEQUENCE);
            }
            err.flush();
        }
        return 0;
    }

    /** The first contact of the sample file, for the hint. */
    static final String FIRST_CONTACT = "dana.whitfield@harborline.example";

    /** Imports the sample contacts into the new workspace's ledger (--ledger/CADENCE_LEDGER and --as-of honoured). */
    private ImportJob.Outcome importExample(Path root) {
        Workspace ws = new Workspace(root, ConfigLoader.load(root.resolve(Workspace.CONFIG_FILE), new Problems()));
        try (Session session = Session.of(spec).use(ws)) {
            Clock clock = session.clock();
            Ledger ledger = session.ledger();
            ImportJob.Outcome outcome = ExampleImport.run(ws, ledger, clock);
            ExampleHistory.replay(ws, ledger, clock, ExampleWorkspace.SPREAD_DAYS);
            return outcome;
        }
    }
}
