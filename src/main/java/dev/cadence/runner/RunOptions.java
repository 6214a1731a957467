package dev.cadence.runner;

import java.time.Duration;

/**
 * How one {@code run} behaves: {@code limit} touches at most (0: no limit), {@code dryRun}
 * (render and report, write and send nothing), {@code resendInDoubt} (a person checked the
 * {@code in_doubt} touches: send them again), {@code leaseTtl} how long the run lease lives
 * between renewals.
 */
public record RunOptions(int limit, boolean dryRun, boolean resendInDoubt, Duration leaseTtl) {
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(5);

    public static RunOptions defaults() {
        return new RunOptions(0, false, false, DEFAULT_LEASE_TTL);
    }
}
