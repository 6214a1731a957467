package dev.cadence.channel;

import dev.cadence.agenda.DueItem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code due --format ics}: an RFC 5545 calendar with one VTODO per manual item, for a rep's
 * calendar or task app. The UID is the enrollment, step and occurrence, so importing the file
 * again the next morning updates the same task instead of adding a second one. DUE is the due
 * time in the contact's time zone, with TZID and a VTIMEZONE built from the JDK's rules for the
 * zone (its current offsets and daylight-saving rule); the summary says what to do for whom; the
 * description carries the purpose, the script and the context of the last touch.
 *
 * <p>Written by hand rather than with ical4j, which at run time registers a
 * {@code java.time.zone.ZoneRulesProvider} that every cadence command would then load. The rules
 * of RFC 5545 that matter are kept: CRLF line ends, TEXT escaping (backslash, semicolon, comma,
 * newline), lines folded at 75 octets without splitting a UTF-8 character. Tests parse the output
 * with ical4j.
 */
public final class DueIcs {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private DueIcs() {}

    /** Writes the calendar of the manual items among {@code items}; {@code now} is the DTSTAMP. */
    public static void write(List<DueItem> items, Instant now, PrintWriter out) {
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCALENDAR");
        lines.add("VERSION:2.0");
        lines.add("PRODID:-//cadence//due//EN");
        lines.add("CALSCALE:GREGORIAN");
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        List<String> todos = new ArrayList<>();
        for (DueItem i : items) {
            if (i.kind() != DueItem.Kind.MANUAL) continue;
            todos.add("BEGIN:VTODO");
            todos.add("UID:" + text(i.uid()));
            todos.add("DTSTAMP:" + UTC.format(now));
            if (i.zone() instanceof ZoneOffset) {
                todos.add("DUE:" + UTC.format(i.dueAt()));
            } else {
                zones.putIfAbsent(i.zone().getId(), i.zone());
                todos.add("DUE;TZID=" + i.zone().getId() + ":" + LOCAL.format(LocalDateTime.ofInstant(i.dueAt(), i.zone())));
            }
            todos.add("SUMMARY:" + text(capitalize(i.channel().id()) + " " + i.name() + " (" + i.sequence() + "/" + i.step() + ")"));
            todos.add("DESCRIPTION:" + text(description(i)));
            todos.add("CATEGORIES:" + text(i.channel().id()));
            todos.add("PRIORITY:" + (i.blocking() ? 1 : 5));
            todos.add("STATUS:NEEDS-ACTION");
            todos.add("END:VTODO");
        }
        for (ZoneId z : zones.values()) lines.addAll(vtimezone(z, items.isEmpty() ? now : items.get(0).dueAt()));
        lines.addAll(todos);
        lines.add("END:VCALENDAR");
        StringBuilder b = new StringBuilder();
        for (String l : lines) fold(b, l);
        out.print(b);
        out.flush();
    }

    /**
     * A VTIMEZONE for {@code zone} as its rules stand at {@code at}: one STANDARD component when it
     * has no daylight saving, else STANDARD and DAYLIGHT with their yearly rules.
     */
    static List<String> vtimezone(ZoneId zone, Instant at) {
        ZoneRules rules = zone.getRules();
        List<String> l = new ArrayList<>();
        l.add("BEGIN:VTIMEZONE");
        l.add("TZID:" + zone.getId());
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.isEmpty()) {
            ZoneOffset off = rules.getOffset(at);
            l.add("BEGIN:STANDARD");
            l.add("DTSTART:19700101T000000");
            l.add("TZOFFSETFROM:" + offset(off));
            l.add("TZOFFSETTO:" + offset(off));
            l.add("END:STANDARD");
        } else {
            for (ZoneOffsetTransitionRule r : yearly) {
                boolean daylight = r.getOffsetAfter().getTotalSeconds() > r.getStandardOffset().getTotalSeconds();
                String kind = daylight ? "DAYLIGHT" : "STANDARD";
                // the local wall time of the change, in the offset before it (RFC 5545 DTSTART of an observance)
                LocalDateTime first = r.createTransition(1970).getDateTimeBefore();
                l.add("BEGIN:" + kind);
                l.add("DTSTART:" + LOCAL.format(first));
                l.add("RRULE:" + rrule(r));
                l.add("TZOFFSETFROM:" + offset(r.getOffsetBefore()));
                l.add("TZOFFSETTO:" + offset(r.getOffsetAfter()));
                l.add("END:" + kind);
            }
        }
        l.add("END:VTIMEZONE");
        return l;
    }

    /** FREQ=YEARLY;BYMONTH=3;BYDAY=2SU (or -1SU for "last", BYMONTHDAY for a fixed day). */
    private static String rrule(ZoneOffsetTransitionRule r) {
        String base = "FREQ=YEARLY;BYMONTH=" + r.getMonth().getValue();
        int dom = r.getDayOfMonthIndicator();
        DayOfWeek dow = r.getDayOfWeek();
        if (dow == null) return base + ";BYMONTHDAY=" + dom;
        String day = dow.name().substring(0, 2);
        if (dom < 0) return base + ";BYDAY=-1" + day; // the last such day (java.time: -1 = last week of the month)
        if ((dom - 1) % 7 == 0) return base + ";BYDAY=" + ((dom - 1) / 7 + 1) + day;
        // "the first <day> on or after the <dom>th": the days it can fall on
        StringBuilder days = new StringBuilder();
        for (int d = dom; d < dom + 7; d++) days.append(d == dom ? "" : ",").append(d);
        return base + ";BYDAY=" + day + ";BYMONTHDAY=" + days;
    }

    private static String offset(ZoneOffset o) {
        int s = o.getTotalSeconds();
        String sign = s < 0 ? "-" : "+";
        s = Math.abs(s);
        String hhmm = String.format(Locale.ROOT, "%02d%02d", s / 3600, s / 60 % 60);
        return sign + hhmm + (s % 60 == 0 ? "" : String.format(Locale.ROOT, "%02d", s % 60));
    }

    /** RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as \n. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                case '\r' -> {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') continue;
                    b.append("\\n");
                }
                default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** Appends {@code line} folded at 75 octets (continuations start with a space), ending in CRLF. */
    static void fold(StringBuilder out, String line) {
        int octets = 0;
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + n > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
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
