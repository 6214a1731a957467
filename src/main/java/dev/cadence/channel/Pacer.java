package dev.cadence.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} sends in any 60 seconds of real time: before a send that would be
 * one too many, sleeps until the oldest of the last {@code perMinute} sends is a minute old.
 * The ticker and the sleeper are injected so tests neither wait nor read the wall clock.
 */
public final class Pacer {
    /** Sleeps (real time); tests record instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));
    }

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    public Pacer(int perMinute, LongSupplier nanoTime, Sleeper sleeper) {
        if (perMinute < 1) throw new IllegalArgumentException("per_minute must be at least 1");
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits as needed, then counts one send. */
    public void acquire() {
        long now = nanoTime.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() >= MINUTE) recent.pollFirst();
        if (recent.size() >= perMinute) {
            long wait = recent.peekFirst() + MINUTE - now;
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recent.pollFirst();
            now = Math.max(now + wait, nanoTime.getAsLong());
        }
        recent.addLast(now);
    }
}
