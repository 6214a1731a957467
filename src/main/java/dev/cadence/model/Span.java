package dev.cadence.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A written length of time: {@code 20h}, {@code 30m}, {@code 90d}, {@code "10 days"},
 * {@code "2 business days"}, {@code "3 weeks"}. Business days count only the workspace's
 * business days and skip holidays; they are kept apart from plain durations because their
 * length depends on the calendar.
 */
public record Span(long amount, Unit unit) {

    public enum Unit { MINUTES, HOURS, DAYS, BUSINESS_DAYS, WEEKS }

    private static final Pattern FORM = Pattern.compile(
            "(\\d+)\\s*(m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|wk|wks|week|weeks|"
                    + "business\\s+days?|bd)");

    public Span {
        if (amount < 0) throw new IllegalArgumentException("a span cannot be negative");
    }

    public static Span parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read \"" + s
                    + "\" as a length of time; write e.g. 20h, 30m, 90d, \"10 days\", \"2 business days\" or \"3 weeks\"");
        }
        long n = Long.parseLong(m.group(1));
        String u = m.group(2).replaceAll("\\s+", " ");
        Unit unit;
        if (u.startsWith("business") || u.equals("bd")) unit = Unit.BUSINESS_DAYS;
        else if (u.startsWith("m")) unit = Unit.MINUTES;
        else if (u.startsWith("h")) unit = Unit.HOURS;
        else if (u.startsWith("d")) unit = Unit.DAYS;
        else unit = Unit.WEEKS;
        return new Span(n, unit);
    }

    public boolean isBusinessDays() {
        return unit == Unit.BUSINESS_DAYS;
    }

    /** Calendar days for DAYS/WEEKS spans; -1 for the others. */
    public long calendarDays() {
        return switch (unit) {
            case DAYS -> amount;
            case WEEKS -> amount * 7;
            default -> -1;
        };
    }

    /** Fixed duration; business days are not a fixed duration and are rejected. */
    public Duration toDuration() {
        return switch (unit) {
            case MINUTES -> Duration.ofMinutes(amount);
            case HOURS -> Duration.ofHours(amount);
            case DAYS -> Duration.ofDays(amount);
            case WEEKS -> Duration.ofDays(amount * 7);
            case BUSINESS_DAYS -> throw new IllegalStateException("business days have no fixed duration");
        };
    }

    @Override
    public String toString() {
        return switch (unit) {
            case MINUTES -> amount + "m";
            case HOURS -> amount + "h";
            case DAYS -> amount + (amount == 1 ? " day" : " days");
            case WEEKS -> amount + (amount == 1 ? " week" : " weeks");
            case BUSINESS_DAYS -> amount + (amount == 1 ? " business day" : " business days");
        };
    }
}
