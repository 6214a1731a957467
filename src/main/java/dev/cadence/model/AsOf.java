package dev.cadence.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code --as-of} / {@code CADENCE_NOW} value (design §6): an ISO-8601 instant
 * ({@code 2026-03-06T08:30:00Z}), a date-time with offset, a local date-time or a date
 * (that day at 00:00); the last two in the workspace time zone.
 */
public final class AsOf {
    private AsOf() {}

    public static Instant parse(String text, ZoneId zone) {
        String s = text.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read '" + text
                    + "' as a time; use 2026-03-06, 2026-03-06T08:30 (workspace time zone) or 2026-03-06T08:30:00Z");
        }
    }
}
