package dev.cadence.schedule;

import dev.cadence.error.CadenceException;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which dates are business days: the workspace's {@code business_days}, minus the public
 * holidays of {@code holidays.country} (Jollyday, loaded lazily: see {@link CountryHolidays})
 * and the {@code holidays.extra} dates. Pure: no clock, no time zone.
 */
public record BusinessCalendar(Set<DayOfWeek> businessDays, Set<LocalDate> holidays, Optional<String> country) {

    /** Ten years of consecutive holidays would be a configuration error, not a calendar. */
    private static final int MAX_SEARCH_DAYS = 3660;

    public BusinessCalendar {
        if (businessDays.isEmpty()) throw new IllegalArgumentException("a calendar needs at least one business day");
        businessDays = Set.copyOf(EnumSet.copyOf(businessDays));
        holidays = Set.copyOf(holidays);
        if (country.isPresent() && !CountryHolidays.supports(country.get())) {
            throw new IllegalArgumentException("no public-holiday calendar for country '" + country.get() + "'");
        }
    }

    /** Business days and extra holidays only, no country. */
    public BusinessCalendar(Set<DayOfWeek> businessDays, Set<LocalDate> holidays) {
        this(businessDays, holidays, Optional.empty());
    }

    /** Monday to Friday, no holidays. */
    public static BusinessCalendar weekdays() {
        return new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
    }

    /**
     * The workspace's calendar. A country the holiday library does not know is invalid input
     * (exit 2) naming the file; nothing is loaded until a date is asked about.
     */
    public static BusinessCalendar of(WorkspaceConfig config) {
        Optional<String> country = config.holidays().country();
        if (country.isPresent() && !CountryHolidays.supports(country.get())) {
            throw CadenceException.invalid(config.file() + ": holidays.country: no public-holiday calendar for '"
                    + country.get() + "'; remove it and list the dates under holidays.extra");
        }
        return new BusinessCalendar(config.businessDays(), Set.copyOf(config.holidays().extra()), country);
    }

    public boolean isBusinessDay(LocalDate date) {
        return businessDays.contains(date.getDayOfWeek()) && holiday(date).isEmpty();
    }

    /**
     * Why {@code date} is a holiday ({@code "Thanksgiving Day"}, {@code "holiday (holidays.extra)"}),
     * or empty when it is not one. Weekends are not holidays.
     */
    public Optional<String> holiday(LocalDate date) {
        if (holidays.contains(date)) return Optional.of("holiday (holidays.extra)");
        if (country.isPresent()) return CountryHolidays.holiday(country.get(), date);
        return Optional.empty();
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

    /** Why {@code date} is not a business day, in words ({@code "Saturday"}, {@code "Christmas"}); empty when it is one. */
    public Optional<String> whyNot(LocalDate date) {
        if (!businessDays.contains(date.getDayOfWeek())) {
            String dow = date.getDayOfWeek().toString();
            return Optional.of(dow.charAt(0) + dow.substring(1).toLowerCase(java.util.Locale.ROOT) + " is not a business day");
        }
        return holiday(date);
    }
}
