package dev.cadence.channel;

/**
 * What a transport says about one message. {@link Sent}: accepted (the server's answer);
 * {@link Temporary}: not delivered, try again later (4xx, timeout, connection refused);
 * {@link Permanent}: rejected for good (5xx on RCPT/DATA, webhook 4xx); {@link InDoubt}: it may
 * or may not have been delivered (the connection dropped after the message was handed over).
 */
public sealed interface SendResult {
    String detail();

    record Sent(String detail) implements SendResult {}

    record Temporary(String detail) implements SendResult {}

    record Permanent(String detail) implements SendResult {}

    record InDoubt(String detail) implements SendResult {}
}
