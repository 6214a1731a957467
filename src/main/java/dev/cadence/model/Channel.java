package dev.cadence.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a touch reaches a contact (design §4). */
public enum Channel {
    EMAIL(true),
    SMS(true),
    WEBHOOK(true),
    CALL(false),
    VOICEMAIL(false),
    LINKEDIN(false),
    MAIL(false),
    TASK(false);

    private final boolean canBeAutomatic;

    Channel(boolean canBeAutomatic) {
        this.canBeAutomatic = canBeAutomatic;
    }

    /** email, sms and webhook can be sent by {@code run}; the rest are always done by a person. */
    public boolean canBeAutomatic() {
        return canBeAutomatic;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel parse(String s) {
        for (Channel c : values()) {
            if (c.id().equals(s.strip().toLowerCase(Locale.ROOT))) return c;
        }
        throw new IllegalArgumentException("unknown channel '" + s + "'; valid channels: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(Channel::id).collect(Collectors.joining(", "));
    }
}
