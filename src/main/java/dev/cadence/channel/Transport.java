package dev.cadence.channel;

import dev.cadence.model.Channel;

/**
 * How automatic touches leave (outbox files, SMTP, webhook). One instance serves one run: it
 * may keep a connection open across the batch; {@link #close()} ends it. A message whose
 * headers are unsafe is never sent: {@link MimeBuilder} throws before anything leaves.
 */
public interface Transport extends AutoCloseable {

    /** The transport's name in {@code cadence.yaml}. */
    String name();

    /** Can this transport carry touches of {@code channel}? */
    boolean carries(Channel channel);

    /** Sends one message; never throws for a delivery problem (that is the result), only for a bug. */
    SendResult send(OutgoingMessage message);

    /**
     * How many more emails may go out now under the transport's rolling daily limit, given how
     * many were sent in the last 24 hours; {@link Integer#MAX_VALUE} when there is no limit.
     */
    default int dailyLimit() {
        return Integer.MAX_VALUE;
    }

    /**
     * How many touches a run claims, sends and records together (two ledger commits per batch).
     * With batches of more than one, the run sends a batch on a second thread while it records
     * the one before and claims the one after, so a run killed mid-batch leaves at most twice this
     * many touches in doubt (those already handed over are never sent again automatically): a
     * transport whose sends leave the machine keeps it moderate; 1, the default, sends and
     * records each touch on its own, one after the other. Calls to the transport ({@link #send},
     * {@link #flush}) come from one thread at a time, not always the same one.
     */
    default int batchSize() {
        return 1;
    }

    /**
     * Makes what {@link #send} wrote durable; called before a batch is recorded as sent.
     * Returns the messages (by {@link OutgoingMessage#key()}) that turned out not to be sent
     * after all, with why (they are recorded as failed).
     */
    default java.util.Map<String, String> flush() {
        return java.util.Map.of();
    }

    /**
     * Why this transport cannot reach its server in this run (e.g. the connection was refused or
     * timed out), so that the runner claims nothing more and leaves the rest for a later run.
     */
    default java.util.Optional<String> unreachable() {
        return java.util.Optional.empty();
    }

    @Override
    default void close() {
    }
}
