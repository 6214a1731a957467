package dev.cadence.importer;

import dev.cadence.enrollment.Outcomes;
import dev.cadence.error.CadenceException;
import dev.cadence.model.AsOf;
import dev.cadence.model.EventType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code cadence import --events FILE}: events in bulk, e.g. opens, clicks, bounces and
 * unsubscribes exported from an email service, or replies exported from a CRM. A header row
 * names the columns: the contact ({@code email}, {@code e-mail}, {@code contact}, {@code id}),
 * the event ({@code type}, {@code event}, {@code event type}, {@code activity}), optionally when
 * ({@code at}, {@code date}, {@code time}, {@code timestamp}, {@code occurred at}; a date, a
 * local date-time in the workspace zone or an ISO instant; default now) and a {@code note}.
 * Event names are read the way email services write them: {@code open}/{@code opened},
 * {@code click}, {@code unsubscribe(d)} → optout, {@code bounced}, {@code replied}, … A row that
 * cannot be read is handed on as a {@link Outcomes.NewEvent} with a null type or contact, which
 * {@link Outcomes#recordEvents} rejects with the reason; the line is kept in the note prefix.
 */
public final class EventsFile implements Iterable<EventsFile.Row> {
    private static final Map<String, EventType> ALIASES = Map.ofEntries(
            Map.entry("open", EventType.OPENED), Map.entry("opens", EventType.OPENED),
            Map.entry("click", EventType.CLICKED), Map.entry("clicks", EventType.CLICKED),
            Map.entry("replied", EventType.REPLY), Map.entry("replies", EventType.REPLY),
            Map.entry("unsubscribe", EventType.OPTOUT), Map.entry("unsubscribed", EventType.OPTOUT),
            Map.entry("opt-out", EventType.OPTOUT), Map.entry("opted-out", EventType.OPTOUT),
            Map.entry("bounced", EventType.BOUNCE), Map.entry("hard-bounce", EventType.BOUNCE),
            Map.entry("meeting-booked", EventType.MEETING), Map.entry("purchase", EventType.PURCHASED));

    private final CsvInput csv;
    private final ZoneId zone;
    private final Instant now;
    private final int contactCol;
    private final int typeCol;
    private final int atCol;
    private final int noteCol;

    /** One row: where it came from, what it says, or why it cannot be read. */
    public record Row(long line, Outcomes.NewEvent event, String problem) {}

    public EventsFile(CsvInput csv, ZoneId zone, Instant now) {
        this.csv = csv;
        this.zone = zone;
        this.now = now;
        List<String> header = csv.header();
        contactCol = column(header, "email", "e-mail", "email address", "contact", "contact email", "id", "contact id");
        typeCol = column(header, "type", "event", "event type", "activity", "status");
        atCol = column(header, "at", "date", "time", "timestamp", "occurred at", "created at");
        noteCol = column(header, "note", "notes", "details", "comment");
        if (contactCol < 0 || typeCol < 0) {
            throw CadenceException.invalid(csv.name() + ":" + csv.headerLine() + ": an events file needs an email (or contact)"
                    + " column and a type (or event) column; found: " + String.join(", ", header));
        }
    }

    private static int column(List<String> header, String... names) {
        for (String n : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().toLowerCase(Locale.ROOT).replace('_', ' ').equals(n)) return i;
            }
        }
        return -1;
    }

    /** The event type an email service's word means, or null. */
    static EventType type(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        if (ALIASES.containsKey(w)) return ALIASES.get(w);
        try {
            return EventType.parse(w);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Iterator<Row> iterator() {
        Iterator<CsvRow> rows = csv.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                CsvRow r = rows.next();
                String ref = r.field(contactCol);
                String typeText = r.field(typeCol);
                EventType type = typeText == null ? null : type(typeText);
                String note = noteCol < 0 ? null : blankToNull(r.field(noteCol));
                String atText = atCol < 0 ? null : blankToNull(r.field(atCol));
                Instant at = now;
                String problem = null;
                if (type == null) {
                    problem = "type: '" + (typeText == null ? "" : typeText) + "' is not an event; use " + EventType.ids();
                }
                if (atText != null) {
                    try {
                        at = AsOf.parse(atText, zone);
                    } catch (IllegalArgumentException e) {
                        problem = "at: " + e.getMessage();
                    }
                }
                return new Row(r.line(), new Outcomes.NewEvent(blankToNull(ref), type, at, note), problem);
            }
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
