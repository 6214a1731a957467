package dev.cadence.channel;

import dev.cadence.model.Channel;

/**
 * How automatic touches leave (outbox files, SMTP, webhook). One instance serves one run: it
 * may keep a connection open across the batch; {@link #close()} ends it. A message whose
 * headers are unsafe is never sent: {@link MimeBuilder} throws before anything leaves.
 *
 * <p>Threads. With batches of one ({@link #batchSize()}) and in a dry run, every call comes from
 * the run's thread. With larger batches, {@link #send} and {@link #flush} are called from the
 * run's sender thread (one batch at a time, never two calls at once), while the run's own thread
 * goes on calling {@link #name()}, {@link #carries}, {@link #dailyLimit()} (claiming the next
 * batch, recording a bounce) <em>during</em> a send: those must be safe to call concurrently with
 * {@link #send} (constants of the configuration are). {@link #batchSize()} is read once, before
 * the first send; {@link #unreachable()} is read by the run's thread after a batch has come back
 * from the sender (what the sender wrote before is visible then: the hand-back is a
 * {@link java.util.concurrent.Future}); {@link #close()} once the last batch is back.
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
     * records each touch on its own, one after the other (see the class comment for the threads).
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
     * timed out), so that the runner claims nothing more and leaves the rest for a later run
     * (touches it claimed meanwhile are released, not sent). Read after a batch came back from
     * {@link #send}/{@link #flush}, never during a send.
     */
    default java.util.Optional<String> unreachable() {
        return java.util.Optional.empty();
    }

    @Override
    default void close() {
    }
}
