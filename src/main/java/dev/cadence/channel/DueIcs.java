package dev.cadence.channel;

import dev.cadence.agenda.DueItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Due;
import net.fortuna.ical4j.model.property.Priority;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * {@code due --format ics}: an RFC 5545 calendar with one VTODO per manual item, for a rep's
 * calendar or task app. The UID is the enrollment, step and occurrence, so importing the file
 * again the next morning updates the same task instead of adding a second one. DUE is the due
 * time in the contact's time zone (with TZID and the zone's VTIMEZONE), the summary says what to
 * do for whom, the description carries the purpose, the script and the context of the last
 * touch. ical4j writes the text (escaping, folding at 75 octets).
 */
public final class DueIcs {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    static {
        // no network look-ups of time zone definitions, and no JCache: the bundled definitions
        System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
        System.setProperty("net.fortuna.ical4j.timezone.cache.impl", "net.fortuna.ical4j.util.MapTimeZoneCache");
    }

    private DueIcs() {}

    /** Writes the calendar of the manual items among {@code items}; {@code now} is the DTSTAMP. */
    public static void write(List<DueItem> items, Instant now, Writer out) {
        TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
        Calendar cal = new Calendar();
        cal.add(new ProdId("-//cadence//due//EN"));
        cal.add(ImmutableVersion.VERSION_2_0);
        cal.add(ImmutableCalScale.GREGORIAN);
        Map<String, TimeZone> zones = new LinkedHashMap<>();
        for (DueItem i : items) {
            if (i.kind() != DueItem.Kind.MANUAL) continue;
            VToDo todo = new VToDo(false);
            todo.add(new Uid(i.uid()));
            todo.add(new DtStamp(now));
            TimeZone tz = zoneOf(registry, i.zone());
            if (tz != null) {
                zones.putIfAbsent(tz.getID(), tz);
                todo.add(new Due<>(i.dueAt().atZone(i.zone())));
            } else {
                todo.add(new Due<>(i.dueAt().atZone(ZoneOffset.UTC).toInstant()));
            }
            todo.add(new Summary(capitalize(i.channel().id()) + " " + i.name() + " (" + i.sequence() + "/" + i.step() + ")"));
            todo.add(new Description(description(i)));
            todo.add(new Categories(i.channel().id()));
            todo.add(new Priority(i.blocking() ? 1 : 5));
            todo.add(new Status(Status.VALUE_NEEDS_ACTION));
            cal.add(todo);
        }
        for (TimeZone tz : zones.values()) cal.add(tz.getVTimeZone());
        try {
            new CalendarOutputter(false).output(cal, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TimeZone zoneOf(TimeZoneRegistry registry, ZoneId zone) {
        if (zone instanceof ZoneOffset) return null;
        try {
            return registry.getTimeZone(zone.getId());
        } catch (RuntimeException e) {
            return null; // a zone ical4j has no definition for: DUE in UTC
        }
    }

    /** Purpose, script (or why it failed to render), the last touch and note, the contact's details. */
    static String description(DueItem i) {
        StringBuilder b = new StringBuilder();
        b.append("Purpose: ").append(i.purpose()).append('\n');
        if (i.error().isPresent()) {
            b.append("\nCould not render the script: ").append(i.error().get()).append('\n');
        } else {
            i.subject().ifPresent(s -> b.append("\nSubject: ").append(s).append('\n'));
            i.body().ifPresent(s -> b.append('\n').append(s.strip()).append('\n'));
        }
        b.append('\n').append("Contact: ").append(i.name()).append(" <").append(i.contact().email()).append('>');
        if (i.contact().phone() != null) b.append(", ").append(i.contact().phone());
        if (i.contact().company() != null) b.append(", ").append(i.contact().company());
        b.append('\n');
        i.lastTouch().ifPresent(t -> b.append("Last touch: ").append(t.channel().id())
                .append(t.at() != null ? " on " + t.at().atZone(i.zone()).format(DAY) : "")
                .append(t.subject() != null ? " \"" + t.subject() + "\"" : "")
                .append(t.outcome() != null ? ", " + t.outcome() : "")
                .append(t.note() != null ? ": " + t.note() : "").append('\n'));
        i.lastNote().ifPresent(n -> b.append("Last note: ").append(n).append('\n'));
        b.append("Overdue: ").append(i.overdueDays()).append(" days; silent for ").append(i.silenceDays()).append(" days\n");
        b.append("When done: cadence log ").append(i.contact().email()).append(" --channel ").append(i.channel().id())
                .append(" --outcome ...");
        return b.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
