package dev.cadence.schedule;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A country's public holidays from the Jollyday library ({@code holidays: {country: XX}}).
 *
 * <p>Jollyday takes a few hundred milliseconds to read its XML calendars, so nothing is loaded
 * until a date of a configured country is asked about, and each (country, year) is computed
 * once and kept for the life of the JVM (holidays are data, not state). Both the holiday's own
 * date and its observed date count: US Independence Day 2026 falls on a Saturday and is
 * observed on Friday 3 July, when offices are closed. Only public and bank holidays count;
 * observances (a regional remembrance day) do not close offices.
 */
public final class CountryHolidays {
    private static final Map<String, HolidayManager> MANAGERS = new ConcurrentHashMap<>();
    private static final Map<String, Map<LocalDate, String>> YEARS = new ConcurrentHashMap<>();

    private CountryHolidays() {
    }

    /** True when the library has a calendar for this ISO 3166 two-letter code (any case). Cheap: loads nothing. */
    public static boolean supports(String country) {
        return HolidayCalendar.getSupportedCalendarCodes().contains(country.strip().toUpperCase(Locale.ROOT));
    }

    /** The holiday's English name when {@code date} is a public holiday of {@code country}. */
    public static Optional<String> holiday(String country, LocalDate date) {
        return Optional.ofNullable(year(country, date.getYear()).get(date));
    }

    /** The public holidays of one year, date → English name, in date order. */
    public static Map<LocalDate, String> year(String country, int year) {
        String code = country.strip().toUpperCase(Locale.ROOT);
        return YEARS.computeIfAbsent(code + ":" + year, k -> load(code, year));
    }

    private static Map<LocalDate, String> load(String code, int year) {
        if (!supports(code)) throw new IllegalArgumentException("no public-holiday calendar for country '" + code + "'");
        HolidayManager manager = MANAGERS.computeIfAbsent(code,
                c -> HolidayManager.getInstance(ManagerParameters.create(c.toLowerCase(Locale.ROOT))));
        Map<LocalDate, String> out = new TreeMap<>();
        // the neighbouring years too: 1 Jan 2028 is a Saturday and is observed on 31 Dec 2027
        for (int y = year - 1; y <= year + 1; y++) {
            for (Holiday h : manager.getHolidays(Year.of(y))) {
                if (h.getType() == HolidayType.OBSERVANCE) continue;
                String name = h.getDescription(Locale.ENGLISH);
                if (h.getActualDate().getYear() == year) out.putIfAbsent(h.getActualDate(), name);
                if (h.getDate().getYear() == year && !h.getDate().equals(h.getActualDate())) {
                    out.putIfAbsent(h.getDate(), name + " (observed)");
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
