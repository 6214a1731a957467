package dev.cadence.schedule;

import dev.cadence.model.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * A daily send window on the business days of a calendar, read in one time zone (the
 * contact's): design §6 points 2 and 5.
 *
 * <p>Everything is computed on local dates and local times, so a 09:00 window opens at 09:00
 * local on both sides of a DST change (13:00Z then 14:00Z in New York across 8 March 2026
 * ... and the reverse in November). A window edge that falls in a DST gap (02:30 on the day
 * clocks jump from 02:00 to 03:00) is the first instant that exists after it: the
 * transition itself, 03:00 new time. An edge in an overlap (01:30 when 01:00-02:00 happens
 * twice) is its first occurrence.
 */
public record SendWindow(Window window, BusinessCalendar calendar, ZoneId zone) {

    public SendWindow {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(zone, "zone");
    }

    /** Design §6 point 5: may {@code run} send now to a contact in {@code contactZone}? */
    public static boolean isSendableNow(ZoneId contactZone, Window window, BusinessCalendar calendar, Instant now) {
        return new SendWindow(window, calendar, contactZone).contains(now);
    }

    /** Inside the window on a business day, in this zone. */
    public boolean contains(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return calendar.isBusinessDay(local.toLocalDate()) && window.contains(local.toLocalTime());
    }

    /** {@code t} itself when it is inside the window on a business day, else the next window opening (design §6 point 2). */
    public Instant firstOpenAtOrAfter(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (calendar.isBusinessDay(date)) {
            if (time.isBefore(window.open())) {
                Instant open = opening(date);
                if (open.isAfter(t)) return open;
                // clocks went back: the opening's first occurrence has passed, its second is ahead
                Instant second = ZonedDateTime.ofLocal(date.atTime(window.open()), zone, null)
                        .withLaterOffsetAtOverlap().toInstant();
                if (second.isAfter(t)) return second;
            }
            if (window.contains(time)) return t;
        }
        return opening(calendar.onOrAfter(date.plusDays(1)));
    }

    /** The first window opening strictly after {@code t}: when a touch whose window has closed may go (for {@code run}). */
    public Instant nextOpeningAfter(Instant t) {
        LocalDate date = t.atZone(zone).toLocalDate();
        if (calendar.isBusinessDay(date)) {
            Instant open = opening(date);
            if (open.isAfter(t)) return open;
        }
        return opening(calendar.onOrAfter(date.plusDays(1)));
    }

    /** When the window opens on {@code date} (whether or not it is a business day). */
    public Instant opening(LocalDate date) {
        return at(date, window.open());
    }

    /** When the window closes on {@code date}; a window to 24:00 closes at the next midnight. */
    public Instant closing(LocalDate date) {
        if (window.close().equals(LocalTime.MAX)) return at(date.plusDays(1), LocalTime.MIDNIGHT);
        return at(date, window.close());
    }

    /** Start of {@code date} in this zone (DST-safe: midnight may not exist). */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The local date of {@code t} in this zone. */
    public LocalDate dateOf(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /**
     * The instant of a local date-time in {@code zone}: in a gap, the first instant after it
     * (the transition); in an overlap, the earlier of the two.
     */
    public static Instant instantOf(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private Instant at(LocalDate date, LocalTime time) {
        return instantOf(date.atTime(time), zone);
    }
}
