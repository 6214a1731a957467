package dev.cadence.cli;

/**
 * Start-up work done on another core while the main thread builds the command line, for the
 * commands that open a ledger: sqlite-jdbc's driver and native library and the YAML parser the
 * workspace is read with are loaded and initialised. Nothing here reads a file of the user's or
 * changes what a command does: the same classes would be initialised moments later on the main
 * thread, and a failure here is ignored (the command meets it again where it can report it).
 *
 * <p>Logging must be started first, on the main thread ({@link #start}): SLF4J answers a thread
 * that logs while another starts it with a substitute logger, and warns on stderr when it
 * replays those calls; sqlite-jdbc logs as its library loads.
 */
final class Warmup {
    private Warmup() {}

    /** The commands that open no ledger: nothing to warm up. */
    private static final java.util.Set<Class<?>> NO_LEDGER = java.util.Set.of(InitCommand.class, ValidateCommand.class,
            SequencesCommand.class, picocli.CommandLine.HelpCommand.class);

    /**
     * For a command that opens a ledger: starts logging on this thread, then the warm-up on a
     * daemon thread (it never delays the exit).
     */
    static void start(Class<?> command) {
        if (command == null || NO_LEDGER.contains(command)) return;
        org.slf4j.LoggerFactory.getILoggerFactory();
        Thread t = new Thread(Warmup::run, "cadence-warmup");
        t.setDaemon(true);
        t.start();
    }

    static void run() {
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
            Class.forName("org.sqlite.JDBC");
            java.sql.DriverManager.getDrivers();
            try (var p = dev.cadence.yaml.YamlReader.warmUp()) {
                while (p.nextToken() != null) {
                    // reading a small document initialises the parser's classes
                }
            }
        } catch (Throwable ignored) {
            // nothing is lost: the command does the same again and reports what fails
        }
    }
}
