package dev.cadence.cli;

/**
 * Start-up work done on another core while the main thread builds the command line, for the
 * commands that open a ledger: logging (SLF4J and Logback), sqlite-jdbc's driver and native
 * library and the YAML parser the workspace is read with are loaded and initialised. Nothing here
 * reads a file of the user's or changes what a command does: the same classes would be
 * initialised moments later on the main thread, and a failure here is ignored (the command meets
 * it again where it can report it).
 *
 * <p>Logging is started first, and the main thread waits for it ({@link #awaitLogging}) before it
 * configures logging or runs the command: SLF4J answers a thread that logs while another is
 * starting it with a substitute logger, warns on stderr when it replays those calls, and hands
 * out a substitute factory that is not Logback's.
 */
final class Warmup {
    private Warmup() {}

    /** The commands that open no ledger: nothing to warm up. */
    private static final java.util.Set<Class<?>> NO_LEDGER = java.util.Set.of(InitCommand.class, ValidateCommand.class,
            SequencesCommand.class, picocli.CommandLine.HelpCommand.class);

    /** Counted down once logging is started (or failed to start) by the warm-up. */
    private static final java.util.concurrent.CountDownLatch LOGGING = new java.util.concurrent.CountDownLatch(1);
    private static volatile boolean started;

    /** For a command that opens a ledger: starts the warm-up on a daemon thread (it never delays the exit). */
    static void start(Class<?> command) {
        if (command == null || NO_LEDGER.contains(command)) return;
        started = true;
        try {
            Thread t = new Thread(Warmup::run, "cadence-warmup");
            t.setDaemon(true);
            t.start();
        } catch (RuntimeException | Error e) {
            LOGGING.countDown(); // no warm-up: the main thread starts logging itself
        }
    }

    /**
     * Waits until the warm-up has started logging, when it was started: the main thread calls this
     * before it configures logging or runs the command (see the class comment).
     */
    static void awaitLogging() {
        if (!started) return;
        boolean interrupted = false;
        while (true) {
            try {
                LOGGING.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    static void run() {
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | Error ignored) {
            // the command starts logging again and reports what fails
        } finally {
            LOGGING.countDown();
        }
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
