package dev.cadence.cli;

import dev.cadence.error.ExitStatus;
import dev.cadence.sequence.WorkspaceValidator;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cadence validate}: every problem of config, sequences and templates at once. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check config, sequences and templates; report every problem at once.",
        description = {
                "Check cadence.yaml, every sequence and every template they use, and report",
                "every problem at once as path:line:column: message (exit 2 on any).",
        },
        footer = {
                "",
                "Examples:",
                "  cadence validate                  check the workspace of this folder",
                "  cadence -w ~/sales validate       check another workspace",
                "  cadence validate --format json    problems as a JSON array, for scripts",
        })
final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: a JSON array of {file, line, column, message} on stdout.")
    Format format;

    @Override
    public Integer call() {
        try (Session session = Session.of(spec)) {
            return validate(session);
        }
    }

    private Integer validate(Session session) {
        Problems problems = new Problems();
        Workspace ws = session.loadWorkspace(problems);
        List<String> ledgerFields = problems.isEmpty() ? session.ledgerCustomFields() : List.of();
        WorkspaceValidator.Result result = WorkspaceValidator.validate(ws, problems, ledgerFields);
        List<Problem> sorted = problems.sorted();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(ProblemOutput.toJson(ProblemOutput.json(sorted, ws.root())));
            out.flush();
            return sorted.isEmpty() ? ExitStatus.OK.code() : ExitStatus.INVALID.code();
        }
        if (!sorted.isEmpty()) {
            ProblemOutput.print(sorted, ws.root(), spec.commandLine().getErr());
            return ExitStatus.INVALID.code();
        }
        int sequences = result.library().size();
        int steps = result.library().stepCount();
        int templates = result.templates().size();
        out.println("ok: " + Workspace.CONFIG_FILE + ", " + plural(sequences, "sequence") + ", " + plural(steps, "step")
                + ", " + plural(templates, "template"));
        out.flush();
        return ExitStatus.OK.code();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
