package dev.cadence.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What came of a manual touch: a fixed vocabulary per channel (issue 6), so that reports and
 * conditions ({@code outcome: {channel, is, min}}) can count on the words. {@code cadence log}
 * refuses any other word with the list of valid ones for that channel.
 *
 * <table>
 *   <caption>Outcomes by channel</caption>
 *   <tr><td>call</td><td>connected, no-answer, voicemail, wrong-number, meeting-booked, not-interested,
 *       call-back</td></tr>
 *   <tr><td>voicemail</td><td>left, mailbox-full</td></tr>
 *   <tr><td>linkedin</td><td>connection-sent, connected, message-sent, replied</td></tr>
 *   <tr><td>email (sent by hand)</td><td>sent, replied, bounced</td></tr>
 *   <tr><td>sms (sent by hand)</td><td>sent, replied</td></tr>
 *   <tr><td>mail (postal)</td><td>sent, returned</td></tr>
 *   <tr><td>task</td><td>done</td></tr>
 * </table>
 *
 * <p>Some outcomes also mean an event happened ({@link #impliedEvent}): {@code meeting-booked}
 * is a {@code meeting}; {@code replied} (linkedin, email, sms) is a {@code reply}; an email that
 * {@code bounced} is a {@code bounce}. {@code webhook} is never logged by hand: it has no outcomes.
 */
public final class Outcome {
    private static final Map<Channel, List<String>> BY_CHANNEL = new EnumMap<>(Channel.class);

    static {
        BY_CHANNEL.put(Channel.CALL, List.of("connected", "no-answer", "voicemail", "wrong-number", "meeting-booked",
                "not-interested", "call-back"));
        BY_CHANNEL.put(Channel.VOICEMAIL, List.of("left", "mailbox-full"));
        BY_CHANNEL.put(Channel.LINKEDIN, List.of("connection-sent", "connected", "message-sent", "replied"));
        BY_CHANNEL.put(Channel.EMAIL, List.of("sent", "replied", "bounced"));
        BY_CHANNEL.put(Channel.SMS, List.of("sent", "replied"));
        BY_CHANNEL.put(Channel.MAIL, List.of("sent", "returned"));
        BY_CHANNEL.put(Channel.TASK, List.of("done"));
    }

    private Outcome() {}

    /** Whether touches of {@code channel} can be logged by hand (every channel but webhook). */
    public static boolean loggable(Channel channel) {
        return BY_CHANNEL.containsKey(channel);
    }

    /** The valid outcomes of {@code channel}, in documented order; empty for webhook. */
    public static List<String> valid(Channel channel) {
        return BY_CHANNEL.getOrDefault(channel, List.of());
    }

    /**
     * The outcome as stored (trimmed, lower case), or an {@link IllegalArgumentException}:
     * "unknown call outcome 'noanswer'; valid call outcomes: connected, no-answer, ...".
     */
    public static String check(Channel channel, String outcome) {
        if (!loggable(channel)) {
            throw new IllegalArgumentException(channel.id() + " touches are sent by 'cadence run' and cannot be logged;"
                    + " log one of " + String.join(", ", BY_CHANNEL.keySet().stream().map(Channel::id).toList()));
        }
        String o = outcome == null ? "" : outcome.strip().toLowerCase(Locale.ROOT);
        if (!valid(channel).contains(o)) {
            throw new IllegalArgumentException("unknown " + channel.id() + " outcome '" + outcome + "'; valid "
                    + channel.id() + " outcomes: " + String.join(", ", valid(channel)));
        }
        return o;
    }

    /** The event an outcome also records, if any (see the class comment). */
    public static Optional<EventType> impliedEvent(Channel channel, String outcome) {
        return switch (outcome) {
            case "meeting-booked" -> Optional.of(EventType.MEETING);
            case "replied" -> Optional.of(EventType.REPLY);
            case "bounced" -> channel == Channel.EMAIL ? Optional.of(EventType.BOUNCE) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
