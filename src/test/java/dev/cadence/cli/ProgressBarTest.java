package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void withoutATerminalNothingIsDrawn() {
        // under test (as under cron or in a pipe) there is no console
        assertThat(System.console()).isNull();
        StringWriter err = new StringWriter();
        ProgressBar bar = ProgressBar.forTerminal(new PrintWriter(err), false, 1_000);
        bar.update(1_000, 500);
        bar.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aFileShowsPercentRowsPerSecondAndEta() {
        StringWriter err = new StringWriter();
        ProgressBar bar = ProgressBar.drawingTo(new PrintWriter(err), 1_000_000);
        bar.update(50_000, 250_000);
        assertThat(err.toString()).startsWith("\r[######                  ]  25% 50,000 rows")
                .contains(" rows/s").contains("ETA ");
        // redraws are throttled: an immediate update draws nothing more
        int length = err.toString().length();
        bar.update(51_000, 255_000);
        assertThat(err.toString()).hasSize(length);
        bar.finish();
        assertThat(err.toString()).endsWith("\r");
    }

    @Test
    void stdinShowsAPlainCount() {
        StringWriter err = new StringWriter();
        ProgressBar bar = ProgressBar.drawingTo(new PrintWriter(err), -1);
        bar.update(12_000, 999);
        assertThat(err.toString()).startsWith("\r12,000 rows").contains("rows/s").doesNotContain("%").doesNotContain("ETA");
    }
}
