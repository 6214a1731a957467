package dev.cadence.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options (design §9) and the list of commands. */
@Command(name = "cadence",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Follow-up cadences from the command line: declared sequences, a contact ledger, what is due today.",
        description = {
                "",
                "A workspace is a folder with cadence.yaml, sequences/ and templates/; the ledger",
                "(cadence.db) remembers every contact, enrollment, touch and event.",
        },
        subcommands = {
                InitCommand.class,
                ValidateCommand.class,
                SequencesCommand.class,
                ImportCommand.class,
                ContactsCommand.class,
                DueCommand.class,
                PreviewCommand.class,
                RunCommand.class,
                LogCommand.class,
                SkipCommand.class,
                EventCommand.class,
                StageCommand.class,
                GapsCommand.class,
                ReactivateCommand.class,
                NoteCommand.class,
                EnrollCommand.class,
                UnenrollCommand.class,
                PauseCommand.class,
                ResumeCommand.class,
                ExportCommand.class,
                CommandLine.HelpCommand.class,
        },
        footer = {
                "",
                "Examples:",
                "  cadence init --example ~/sales    new workspace with sample contacts",
                "  cadence -w ~/sales import leads.csv --enroll cold-outbound",
                "  cadence -w ~/sales due            what to do today, hottest first",
                "  cadence -w ~/sales run            send the due emails (outbox/smtp)",
                "  cadence -w ~/sales log ana@x.example --channel call --outcome connected",
                "",
                "Exit codes: 0 ok, 1 failure, 2 usage or invalid input, 3 partial, 4 refused by a rule.",
        })
public final class CadenceCommand implements Runnable {

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", scope = ScopeType.INHERIT, order = 1,
            description = "Workspace folder (default: $CADENCE_WORKSPACE, else the nearest folder upward with cadence.yaml).")
    Path workspace;

    @Option(names = "--ledger", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT, order = 2,
            description = "Ledger database (default: $CADENCE_LEDGER, else jdbc:sqlite:<workspace>/cadence.db).")
    String ledger;

    @Option(names = "--as-of", paramLabel = "TIME", scope = ScopeType.INHERIT, order = 3,
            description = "Act as if it were this time: 2026-03-06, 2026-03-06T08:30 or 2026-03-06T08:30:00Z (default: $CADENCE_NOW, else now).")
    void setAsOf(String value) {
        try {
            dev.cadence.model.AsOf.parse(value, java.time.ZoneOffset.UTC); // read for real in the workspace zone later
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--as-of: " + e.getMessage());
        }
        asOf = value;
    }

    String asOf;

    boolean[] verbose = new boolean[0];

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, order = 4,
            description = "More detail on stderr; repeat (-vv) for debug logs. Shows stack traces of errors.")
    void setVerbose(boolean[] v) {
        verbose = v;
        Logging.configure(verbose.length, quiet, logFile);
    }

    boolean quiet;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, order = 5,
            description = "Only errors on stderr.")
    void setQuiet(boolean q) {
        quiet = q;
        Logging.configure(verbose.length, quiet, logFile);
    }

    Path logFile;

    @Option(names = "--log-file", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 6,
            description = "Also append logs to FILE (for cron, so its mail stays quiet).")
    void setLogFile(Path f) {
        logFile = f;
        Logging.configure(verbose.length, quiet, logFile);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The process environment and working directory; tests give their own. */
    final java.util.Map<String, String> env;
    final Path cwd;

    public CadenceCommand() {
        this(System.getenv(), Path.of("").toAbsolutePath());
    }

    public CadenceCommand(java.util.Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd;
    }

    boolean isVerbose() {
        return verbose.length > 0;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Runs the command; with --log-file, records its command line and exit status there for cron. */
    private static int executeAndRecord(CommandLine.ParseResult parseResult) {
        Logging.toFile("start: cadence " + String.join(" ", parseResult.originalArgs()));
        int code = new CommandLine.RunLast().execute(parseResult);
        Logging.toFile("exit " + code);
        return code;
    }

    /** A command line with cadence's exit-code mapping and UTF-8 output, as {@link Main} runs it. */
    public static CommandLine newCommandLine() {
        return configure(new CommandLine(new CadenceCommand()),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    }

    /** Applies cadence's conventions to a command line whose output goes to {@code out} and {@code err}. */
    public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // one readable message for every DATE option ("'x' is not a date; use YYYY-MM-DD")
        cl.registerConverter(java.time.LocalDate.class, new DateConverter());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setExecutionStrategy(CadenceCommand::executeAndRecord);
        cl.setParameterExceptionHandler(new ErrorHandler.Usage());
        return cl;
    }
}
