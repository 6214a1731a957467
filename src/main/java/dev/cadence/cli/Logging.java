package dev.cadence.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets log levels from {@code -v}/{@code -q} before a command runs, and adds a log file for cron.
 * Logback is only touched when one of these options is given, so start-up stays fast.
 */
final class Logging {
    private static FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> fileAppender;

    private Logging() {}

    static synchronized void configure(int verbosity, boolean quiet, Path logFile) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = quiet ? Level.ERROR : verbosity >= 2 ? Level.DEBUG : verbosity == 1 ? Level.INFO : Level.WARN;
        root.setLevel(level);
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
            if (verbosity == 0 && !quiet) root.setLevel(Level.INFO);
        }
    }
}
