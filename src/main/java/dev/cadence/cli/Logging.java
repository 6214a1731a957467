package dev.cadence.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets log levels from {@code -v}/{@code -q} before a command runs, and adds a log file for
 * cron: the file gets INFO and above whatever the console shows, so cron's mail can stay quiet
 * ({@code -q}) while the file keeps the record. Logback is only touched when one of these
 * options is given, so start-up stays fast.
 */
final class Logging {
    /** The run record of --log-file: command line, errors and exit status; not shown on the console. */
    static final String RUN_LOGGER = "cadence.run";
    private static FileAppender<ILoggingEvent> fileAppender;
    private static ThresholdFilter consoleFilter;

    private Logging() {}

    /** Writes {@code message} to the log file, if --log-file was given; a no-op (Logback untouched) otherwise. */
    static synchronized void toFile(String message) {
        Warmup.awaitLogging();
        if (fileAppender != null) LoggerFactory.getLogger(RUN_LOGGER).info(message);
    }

    static synchronized void configure(int verbosity, boolean quiet, Path logFile) {
        Warmup.awaitLogging(); // logging may be starting on the warm-up thread
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level console = quiet ? Level.ERROR : verbosity >= 2 ? Level.DEBUG : verbosity == 1 ? Level.INFO : Level.WARN;
        if (consoleFilter == null) {
            Appender<ILoggingEvent> stderr = root.getAppender("stderr");
            if (stderr != null) {
                consoleFilter = new ThresholdFilter();
                consoleFilter.start();
                stderr.addFilter(consoleFilter);
            }
        }
        if (consoleFilter != null) consoleFilter.setLevel(console.toString());
        if (logFile != null && fileAppender != null && !fileAppender.getFile().equals(logFile.toString())) {
            // another --log-file in the same JVM (tests run many commands in one process)
            root.detachAppender(fileAppender);
            ctx.getLogger(RUN_LOGGER).detachAppender(fileAppender);
            fileAppender.stop();
            fileAppender = null;
        }
        if (logFile != null && fileAppender == null) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} - %msg%n");
            enc.start();
            fileAppender = new FileAppender<>();
            fileAppender.setContext(ctx);
            fileAppender.setName("file");
            fileAppender.setFile(logFile.toString());
            fileAppender.setAppend(true);
            fileAppender.setEncoder(enc);
            fileAppender.start();
            root.addAppender(fileAppender);
            Logger run = ctx.getLogger(RUN_LOGGER);
            run.setAdditive(false);
            run.setLevel(Level.INFO);
            run.addAppender(fileAppender);
        }
        Level fileLevel = verbosity >= 2 ? Level.DEBUG : Level.INFO;
        root.setLevel(fileAppender != null && fileLevel.toInt() < console.toInt() ? fileLevel : console);
    }
}
