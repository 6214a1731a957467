package dev.cadence.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        Warmup.awaitLogging(); // the command may log: logging must have started (Warmup)
        Logging.toFile("start: cadence " + String.join(" ", parseResult.originalArgs()));
        int code = new CommandLine.RunLast().execute(parseResult);
        Logging.toFile("exit " + code);
        return code;
    }

    /**
     * The commands, by name, in the order {@code --help} lists them. Added to the root command in
     * code rather than in its annotation, so that a command line that names one command can build
     * the model of that one only ({@link #newCommandLine(String...)}).
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("validate", ValidateCommand.class);
        m.put("sequences", SequencesCommand.class);
        m.put("import", ImportCommand.class);
        m.put("contacts", ContactsCommand.class);
        m.put("due", DueCommand.class);
        m.put("preview", PreviewCommand.class);
        m.put("run", RunCommand.class);
        m.put("log", LogCommand.class);
        m.put("skip", SkipCommand.class);
        m.put("event", EventCommand.class);
        m.put("stage", StageCommand.class);
        m.put("gaps", GapsCommand.class);
        m.put("reactivate", ReactivateCommand.class);
        m.put("note", NoteCommand.class);
        m.put("enroll", EnrollCommand.class);
        m.put("unenroll", UnenrollCommand.class);
        m.put("pause", PauseCommand.class);
        m.put("resume", ResumeCommand.class);
        m.put("export", ExportCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Global options that take a value (the next word, or {@code --name=value}). */
    private static final Set<String> VALUE_OPTIONS = Set.of("-w", "--workspace", "--ledger", "--as-of", "--log-file");
    /** Global options without a value, as they can be written before the command. */
    private static final Set<String> FLAGS = Set.of("-v", "-vv", "-vvv", "-vvvv", "--verbose", "-q", "--quiet");

    /**
     * The command a command line runs, when it plainly names one: only known global options
     * (each written on its own) before a command name other than {@code help}. Anything else
     * (no command, {@code --help}, an unknown word, options clustered or attached) gives null,
     * and the whole model is built, so that picocli answers exactly as it always does.
     */
    static Class<?> commandOf(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (VALUE_OPTIONS.contains(a)) {
                // a command's name as an option's value: the full model says what picocli makes of it
                if (++i < args.length && COMMANDS.containsKey(args[i])) return null;
            } else if (a.startsWith("--") && a.indexOf('=') > 0 && VALUE_OPTIONS.contains(a.substring(0, a.indexOf('=')))) {
                continue;
            } else if (FLAGS.contains(a)) {
                continue;
            } else {
                return a.equals("help") ? null : COMMANDS.get(a);
            }
        }
        return null;
    }

    /**
     * A command line with cadence's exit-code mapping and UTF-8 output, as {@link Main} runs it
     * with {@code args}: when they name a command, only that command's model is built (picocli
     * reflects over every option of every command it is given: ~100 ms of a short command's start).
     */
    public static CommandLine newCommandLine(String... args) {
        CommandLine cl = new CommandLine(new CadenceCommand());
        Class<?> only = commandOf(args);
        if (only != null) addCommands(cl, only);
        return configure(cl,
                new Utf8Out(System.out),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    }

    /** Adds {@code only} (or every command, when null) to the root command line. */
    static void addCommands(CommandLine cl, Class<?> only) {
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            if (only == null || c.getValue() == only) cl.addSubcommand(c.getKey(), c.getValue());
        }
    }

    /**
     * Applies cadence's conventions to a command line whose output goes to {@code out} and
     * {@code err}; adds every command unless some were added already.
     */
    public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        if (cl.getSubcommands().isEmpty()) addCommands(cl, null);
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
