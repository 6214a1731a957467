package dev.cadence.cli;

import dev.cadence.importer.ImportJob;
import java.io.PrintWriter;

/**
 * A one-line progress display on stderr for long imports, redrawn in place at most every
 * {@link #REDRAW_NANOS}: rows, rows/s, and for a file of known size the percentage and ETA
 * from the bytes read; for stdin a plain count. Only when stderr is a terminal (a console
 * exists) and not {@code -q}: never under cron or in a pipe, so logs stay clean.
 */
final class ProgressBar implements ImportJob.Progress {
    static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err, long totalBytes) {
        this.err = err;
        this.totalBytes = totalBytes;
    }

    /** A bar when stderr is a terminal and not quiet, else one that prints nothing. */
    static ProgressBar forTerminal(PrintWriter err, boolean quiet, long totalBytes) {
        boolean terminal = System.console() != null && !quiet;
        return terminal ? new ProgressBar(err, totalBytes) : new ProgressBar(null, totalBytes);
    }

    @Override
    public void update(long rows, long bytes) {
        if (err == null) return;
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        drawn = true;
        double secs = Math.max(1e-3, (now - startNanos) / 1e9);
        long rate = (long) (rows / secs);
        StringBuilder line = new StringBuilder("\r");
        if (totalBytes > 0) {
            double done = Math.min(1.0, (double) bytes / totalBytes);
            int filled = (int) (done * WIDTH);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(java.util.Locale.ROOT, "%3d%% ", (int) (done * 100)));
            line.append(String.format(java.util.Locale.ROOT, "%,d rows  %,d rows/s", rows, rate));
            if (done > 0.01 && done < 1.0) {
                long eta = (long) (secs * (1 - done) / done);
                line.append(String.format(java.util.Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
            }
        } else {
            line.append(String.format(java.util.Locale.ROOT, "%,d rows  %,d rows/s", rows, rate));
        }
        line.append("   ");
        err.print(line);
        err.flush();
    }

    /** A bar drawing to {@code err} whatever the terminal, for tests. */
    static ProgressBar drawingTo(PrintWriter err, long totalBytes) {
        return new ProgressBar(err, totalBytes);
    }

    /** Clears the line, so the summary starts on a clean one. */
    void finish() {
        if (err == null || !drawn) return;
        err.print("\r" + " ".repeat(78) + "\r");
        err.flush();
    }
}
