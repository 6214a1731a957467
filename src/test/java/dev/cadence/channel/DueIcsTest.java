package dev.cadence.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.agenda.DueItem;
import dev.cadence.ledger.Contact;
import dev.cadence.model.Channel;
import dev.cadence.schedule.Priority;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.component.VToDo;
import org.junit.jupiter.api.Test;

/** The hand-written RFC 5545 output, read back with ical4j: zones with and without DST, odd offsets, escaping, folding. */
class DueIcsTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static DueItem item(long id, String zone, Instant due, String first, String script, DueItem.Kind kind) {
        Contact c = Contact.builder("c" + id + "@example.com").firstName(first).phone("+1 555 0100").build();
        return new DueItem((int) id, id, c, "outbound", "call", 1, kind == DueItem.Kind.MANUAL ? Channel.CALL : Channel.EMAIL,
                kind, due, ZoneId.of(zone), new Priority.Score(id == 1, 0, 2, 0, due), "Ask one question; leave a voicemail.",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(script), Optional.empty(), Optional.empty(),
                Optional.of("met at the fair, call after 3pm"));
    }

    @Test
    void zonesEscapingAndFoldingSurviveAStandardParser() throws Exception {
        String longScript = "Call Łukasz about the 「北京」 office; say: \"hello, again\" \\ then ask.\n"
                + "Ünïcödé ".repeat(30) + "\r\nEnd.";
        List<DueItem> items = List.of(
                item(1, "Europe/Paris", Instant.parse("2026-03-30T07:00:00Z"), "Łukasz", longScript, DueItem.Kind.MANUAL),
                item(2, "Asia/Kolkata", Instant.parse("2026-03-10T03:30:00Z"), "Priya", "Call Priya.", DueItem.Kind.MANUAL),
                item(3, "America/St_Johns", Instant.parse("2026-11-02T12:30:00Z"), "Sam", "Call Sam.", DueItem.Kind.MANUAL),
                item(4, "Australia/Lord_Howe", Instant.parse("2026-01-15T22:00:00Z"), "Liz", "Call Liz.", DueItem.Kind.MANUAL),
                item(5, "America/New_York", Instant.parse("2026-03-10T13:00:00Z"), "Auto", "an email", DueItem.Kind.AUTO),
                item(6, "UTC", Instant.parse("2026-03-10T09:00:00Z"), "Ute", "Call Ute.", DueItem.Kind.MANUAL));
        StringWriter w = new StringWriter();
        DueIcs.write(items, NOW, new PrintWriter(w));
        String text = w.toString();
        for (String line : text.split("\r\n", -1)) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(text).endsWith("END:VCALENDAR\r\n").doesNotContain("\n\n");

        Calendar cal = new CalendarBuilder().build(new StringReader(text));
        List<VToDo> todos = cal.getComponents(VToDo.VTODO);
        assertThat(todos).hasSize(5); // the auto item is not a task
        VToDo paris = todos.get(0);
        assertThat(paris.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .contains(longScript.replace("\r\n", "\n").strip()).contains("Last note: met at the fair, call after 3pm");
        assertThat(paris.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Call Łukasz (outbound/call)");
        assertThat(paris.getProperty(Property.PRIORITY).orElseThrow().getValue()).isEqualTo("1");

        // every DUE, read in its VTIMEZONE, is the instant it stands for
        for (int k = 0; k < todos.size(); k++) {
            DueItem it = items.get(k < 4 ? k : 5);
            Property due = todos.get(k).getProperty(Property.DUE).orElseThrow();
            if (it.zone() instanceof ZoneOffset || it.zone().getId().equals("UTC")) {
                if (due.getValue().endsWith("Z")) {
                    assertThat(due.getValue()).isEqualTo("20260310T090000Z");
                    continue;
                }
            }
            String tzid = due.getParameter("TZID").orElseThrow().getValue();
            assertThat(tzid).isEqualTo(it.zone().getId());
            VTimeZone vtz = cal.<VTimeZone>getComponents(VTimeZone.VTIMEZONE).stream()
                    .filter(z -> z.getProperty(Property.TZID).orElseThrow().getValue().equals(tzid)).findFirst().orElseThrow();
            LocalDateTime local = LocalDateTime.parse(due.getValue(), java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss"));
            Observance o = vtz.getApplicableObservance(local.atZone(it.zone()));
            String offsetTo = o.getProperty(Property.TZOFFSETTO).orElseThrow().getValue();
            ZoneOffset expected = it.zone().getRules().getOffset(it.dueAt());
            assertThat(ZoneOffset.of(offsetTo.substring(0, 3) + ":" + offsetTo.substring(3, 5)))
                    .as(tzid + " at " + local).isEqualTo(expected);
            assertThat(local.toInstant(expected)).isEqualTo(it.dueAt());
        }
    }
}
