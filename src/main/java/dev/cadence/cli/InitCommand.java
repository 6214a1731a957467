package dev.cadence.cli;

import dev.cadence.workspace.ExampleWorkspace;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceInitializer;
import dev.cadence.workspace.WorkspaceInitializer.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
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
                "  cadence init --example /tmp/w    workspace with sample contacts.csv",
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
            description = "Also write contacts.csv, about forty sample contacts to try cadence on.")
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
                        + " cadence.db, cadence.db-wal, cadence.db-shm and outbox/");
            }
            err.println("Next steps:");
            err.println("  1. set 'sender:' in " + root.resolve(Workspace.CONFIG_FILE) + " before sending anything");
            err.println("  2. cadence -w " + root + " validate");
            err.println("  3. cadence -w " + root + " sequences show " + ExampleWorkspace.SEQUENCE);
            if (example) {
                err.println("  4. cadence -w " + root + " import " + root.resolve(ExampleWorkspace.CONTACTS_FILE)
                        + " --enroll " + ExampleWorkspace.SEQUENCE);
            }
            err.flush();
        }
        return 0;
    }
}
