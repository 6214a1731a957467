package dev.cadence.sequence;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether a contact may be enrolled again in the same sequence. */
public enum Reenroll {
    NEVER, AFTER_COMPLETE, ALWAYS;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Reenroll parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Reenroll r : values()) {
            if (r.id().equals(t)) return r;
        }
        throw new IllegalArgumentException("must be one of " + ids() + ", found '" + s + "'");
    }

    public static String ids() {
        return Arrays.stream(values()).map(Reenroll::id).collect(Collectors.joining(", "));
    }
}
