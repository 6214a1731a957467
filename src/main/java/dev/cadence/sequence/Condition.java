package dev.cadence.sequence;

import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import java.util.List;
import java.util.Optional;

/**
 * One test of a step's {@code if:} / {@code unless:} (design §4). The vocabulary is fixed:
 * {@code has}, {@code field}, {@code sent}, {@code outcome}, {@code event}. Several conditions
 * in one {@code if:} must all hold.
 */
public sealed interface Condition
        permits Condition.Has, Condition.FieldIs, Condition.Sent, Condition.Outcome, Condition.Event {

    /** A short human summary, e.g. {@code has phone} or {@code sent >= 3 email}. */
    String describe();

    /** {@code has: [phone, linkedin]}: every field is present and not blank. */
    record Has(List<String> fields) implements Condition {
        public Has {
            fields = List.copyOf(fields);
        }

        @Override
        public String describe() {
            return "has " + String.join(", ", fields);
        }
    }

    /** {@code field: {industry: saas}}: the contact field (or custom field) equals the value, ignoring case. */
    record FieldIs(String field, String value) implements Condition {
        @Override
        public String describe() {
            return field + " = " + value;
        }
    }

    /** {@code sent: {channel: email, min: 3}}: at least {@code min} touches done in this enrollment (on that channel). */
    record Sent(Optional<Channel> channel, int min) implements Condition {
        @Override
        public String describe() {
            return "sent >= " + min + channel.map(c -> " " + c.id()).orElse(" touches");
        }
    }

    /** {@code outcome: {channel: call, is: no-answer, min: 2}}: at least {@code min} touches on the channel had that outcome. */
    record Outcome(Channel channel, String is, int min) implements Condition {
        @Override
        public String describe() {
            return "outcome " + channel.id() + " " + is + (min == 1 ? "" : " >= " + min);
        }
    }

    /** {@code event: {type: opened, min: 2}}: the contact had at least {@code min} such events. */
    record Event(EventType type, int min) implements Condition {
        @Override
        public String describe() {
            return "event " + type.id() + (min == 1 ? "" : " >= " + min);
        }
    }
}
