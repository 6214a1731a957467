package dev.cadence.runner;

import java.util.List;

/**
 * What a run did. {@code refused} names the live run holding the lease when this one did not
 * start. {@code inDoubt} counts the touches found in doubt at the start (left by a dead run) and
 * those that became so in this run; {@code deferred} the due touches left for a later run (the
 * contact's window is closed now, the daily limit, {@code --limit}, a transport that cannot
 * carry the channel). {@code lines} say, one per touch, what happened.
 */
public record RunSummary(Long runId, String refused, int sent, int failed, int inDoubt, int skipped, int deferred,
                         boolean dryRun, boolean leaseLost, List<String> lines) {
    public RunSummary {
        lines = List.copyOf(lines);
    }

    /** {@code sent N, failed N, in_doubt N, skipped N, deferred N}. */
    public String line() {
        return (dryRun ? "dry run: would send " : "sent ") + sent + ", failed " + failed + ", in_doubt " + inDoubt
                + ", skipped " + skipped + ", deferred " + deferred;
    }

    /** Some touch failed or is in doubt: exit 3. */
    public boolean partial() {
        return failed > 0 || inDoubt > 0;
    }
}
