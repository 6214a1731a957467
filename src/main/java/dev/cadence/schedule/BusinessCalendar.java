package dev.cadence.schedule;

import dev.cadence.workspace.WorkspaceConfig;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which dates are business days: the workspace's {@code business_days} minus its holidays
 * ({@code holidays.extra}; country holidays come later). Pure: no clock, no time zone.
 */
public record BusinessCalendar(Set<DayOfWeek> businessDays, Set<LocalDate> holidays) {

    /** Ten years of consecutive holidays would be a configuration error, not a calendar. */
    private static final int MAX_SEARCH_DAYS = 3660;

    public BusinessCalendar {
        if (businessDays.isEmpty()) throw new IllegalArgumentException("a calendar needs at least one business day");
        businessDays = Set.copyOf(EnumSet.copyOf(businessDays));
        holidays = Set.copyOf(holidays);
    }

    /** Monday to Friday, no holidays. */
    public static BusinessCalendar weekdays() {
        return new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
    }

    public static BusinessCalendar of(WorkspaceConfig config) {
        return new BusinessCalendar(config.businessDays(), Set.copyOf(config.holidays().extra()));
    }

    public boolean isBusinessDay(LocalDate date) {
        return businessDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** {@code date} itself when it is a business day, else the next business day. */
    public LocalDate onOrAfter(LocalDate date) {
        LocalDate d = date;
        for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
            if (isBusinessDay(d)) return d;
            d = d.plusDays(1);
        }
        throw new IllegalStateException("no business day within ten years after " + date);
    }

    /** The business day {@code n} business days after {@code date} ({@code n = 0}: {@link #onOrAfter}). */
    public LocalDate plusBusinessDays(LocalDate date, long n) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative");
        LocalDate d = date;
        for (long left = n; left > 0; left--) d = onOrAfter(d.plusDays(1));
        return onOrAfter(d);
    }
}
