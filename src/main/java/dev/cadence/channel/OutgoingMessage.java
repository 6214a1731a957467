package dev.cadence.channel;

import dev.cadence.model.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One automatic touch ready to leave: who, what and the headers that go with it. {@code key} is
 * the touch key ({@code e<enrollment>-<step>-<occurrence>}): outbox file name, webhook
 * {@code Idempotency-Key}. {@code inReplyTo}/{@code references} are Message-IDs (with angle
 * brackets) for a threaded email; {@code contact} the contact's fields for webhooks.
 */
public record OutgoingMessage(String key, Channel channel, String messageId, Address from, Optional<String> replyTo,
                              Address to, Optional<String> phone, Optional<String> subject, String text,
                              Optional<String> html, Optional<String> inReplyTo, List<String> references,
                              Optional<String> unsubscribeMailto, Optional<String> unsubscribeUrl,
                              Map<String, String> contact) {

    public OutgoingMessage {
        references = List.copyOf(references);
        contact = Map.copyOf(contact);
    }

    /** A mailbox: display name (may be empty) and address. */
    public record Address(String name, String email) {}
}
