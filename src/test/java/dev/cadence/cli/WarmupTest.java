package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The start-up warm-up (logging started first, as {@link Warmup#start} does) prints nothing and leaves the SQLite driver registered. */
class WarmupTest {
    @Test
    void warmsUpQuietly() throws Exception {
        org.slf4j.LoggerFactory.getILoggerFactory();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true));
            System.setErr(new PrintStream(printed, true));
            Warmup.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(printed.toString()).isEmpty();
        assertThat(DriverManager.getDriver("jdbc:sqlite:")).isNotNull();
    }
}
