package dev.cadence.channel;

import dev.cadence.model.Channel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --dry-run} in the transport layer: builds each message exactly as the real transport
 * would (so unsafe headers are reported the same way) and keeps it, but never sends, writes or
 * connects. The real transport is only asked what it carries.
 */
public final class DryRunTransport implements Transport {
    private final Transport real;
    private final Clock clock;
    private final List<OutgoingMessage> wouldSend = new ArrayList<>();

    public DryRunTransport(Transport real, Clock clock) {
        this.real = real;
        this.clock = clock;
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public boolean carries(Channel channel) {
        return real.carries(channel);
    }

    @Override
    public int dailyLimit() {
        return real.dailyLimit();
    }

    @Override
    public int batchSize() {
        return real.batchSize();
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        if (m.channel() == Channel.EMAIL) MimeBuilder.build(m, clock.instant());
        wouldSend.add(m);
        return new SendResult.Sent("dry run: not sent");
    }

    /** What a real run would have sent, in order. */
    public List<OutgoingMessage> wouldSend() {
        return List.copyOf(wouldSend);
    }

    @Override
    public void close() {
        // the real transport was never opened
    }
}
