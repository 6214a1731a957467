package dev.cadence.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Something that happened to a contact (design §2). */
public enum EventType {
    REPLY, OPTOUT, BOUNCE, MEETING, OPENED, CLICKED, PURCHASED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType parse(String s) {
        for (EventType t : values()) {
            if (t.id().equals(s.strip().toLowerCase(Locale.ROOT))) return t;
        }
        throw new IllegalArgumentException("unknown event '" + s + "'; valid events: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(EventType::id).collect(Collectors.joining(", "));
    }
}
