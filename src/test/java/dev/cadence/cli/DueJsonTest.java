package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.agenda.DueItem;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.schedule.Priority;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code due --format json} encodes each item on its own (on several threads from 200 items) and
 * writes them in order, as text or as bytes: the same text as Jackson writes for the list of maps
 * of {@link #json(DueItem)}.
 */
class DueJsonTest {

    @Test
    void streamedItemsAreTheMapsWritten() throws Exception {
        Instant at = Instant.parse("2026-03-10T13:00:00Z");
        ZoneId ny = ZoneId.of("America/New_York");
        Contact full = new Contact(7, "zoe@x.example", "zoe@x.example", "Zoë", "O'Brien \"Jr\"", "Acme & Co", "CEO",
                "+1 212 555 0100", "+12125550100", null, "America/New_York", "ana", "new", Map.of("tier", "1"), null, at, at);
        Contact bare = new Contact(8, "a@x.example", "a@x.example", null, null, null, null, null, null, null, null, null,
                "new", Map.of(), null, at, at);
        Touch last = new Touch(3, 5L, 7, "cold", "intro", 1, Channel.EMAIL, TouchKind.AUTO, TouchStatus.SENT, "replied",
                "said \"later\"\nline two", "A question\tfor you", null, "<m@x>", null, null, 1, at, at.minusSeconds(86_400), at);
        Touch noAt = new Touch(4, null, 8, null, null, 1, Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE, null, null,
                null, null, null, null, null, 0, null, null, at);
        List<DueItem> items = List.of(
                new DueItem(1, 5, full, "cold", "call", 2, Channel.CALL, DueItem.Kind.MANUAL, at, ny,
                        new Priority.Score(true, 3, 12, 0.12345, at), "Call them\u2028now", Optional.of("b"),
                        Optional.of("cold/call.mustache"), Optional.empty(), Optional.of("Hi Zoë,\n\n\"quoted\" \\ \u0001 é"),
                        Optional.empty(), Optional.of(last), Optional.of("a note")),
                new DueItem(2, 6, bare, "cold", "intro", 1, Channel.EMAIL, DueItem.Kind.AUTO, at, ZoneId.of("UTC"),
                        new Priority.Score(false, 0, 0, 0.0, at), "Intro", Optional.empty(), Optional.empty(),
                        Optional.of("Subject"), Optional.empty(), Optional.of("{{first_name}} has no value"),
                        Optional.of(noAt), Optional.empty()),
                new DueItem(3, 9, bare, "s", "x", 1, Channel.LINKEDIN, DueItem.Kind.MANUAL, at, ny,
                        new Priority.Score(false, 1, 1, 1e-7, at), "", Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.of(""), Optional.empty(), Optional.empty(), Optional.empty()));

        assertSameAsMaps(items);
        assertSameAsMaps(List.of());
        assertSameAsMaps(List.of(items.get(1)));
        // enough items to be encoded on several threads: each in its place
        List<DueItem> many = new java.util.ArrayList<>();
        for (int n = 0; n < 1_000; n++) {
            DueItem i = items.get(n % items.size());
            String tail = " #" + "\u00e9\ud83d\ude00".repeat(n % 3);
            many.add(new DueItem(n + 1, i.enrollmentId(), i.contact(), i.sequence(), i.step() + n, i.occurrence(), i.channel(),
                    i.kind(), i.dueAt(), i.zone(), i.score(), i.purpose(), i.variant(), i.template(), i.subject(),
                    i.body().map(b -> b + tail), i.error(), i.lastTouch(), i.lastNote()));
        }
        assertSameAsMaps(many);
    }

    /** What json writes, as text and through the byte stream of stdout's writer, is Jackson's text of the maps. */
    private static void assertSameAsMaps(List<DueItem> items) throws Exception {
        String expected = new com.fasterxml.jackson.databind.ObjectMapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(items.stream().map(DueJsonTest::json).toList())
                + System.lineSeparator();

        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        DueCommand.json(out, items);
        out.flush();
        assertThat(text.toString()).isEqualTo(expected);

        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        Utf8Out utf8 = new Utf8Out(stdout);
        utf8.print("before ");
        DueCommand.json(utf8, items);
        utf8.print("after");
        utf8.flush();
        assertThat(stdout.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("before " + expected + "after");
    }

    /** The item as the map that Jackson would write: the fields, order and types of due's json. */
    static Map<String, Object> json(DueItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("priority", i.rank());
        m.put("contact_id", i.contact().id());
        m.put("email", i.contact().email());
        m.put("name", i.name());
        m.put("owner", i.contact().owner());
        m.put("sequence", i.sequence());
        m.put("step", i.step());
        m.put("occurrence", i.occurrence());
        m.put("channel", i.channel().id());
        m.put("kind", i.kind().id());
        m.put("due_at", i.dueAtLocal().toString());
        m.put("timezone", i.zone().getId());
        m.put("overdue_days", i.overdueDays());
        m.put("silence_days", i.silenceDays());
        m.put("blocking", i.blocking());
        m.put("heat", Math.round(i.score().heat() * 1000) / 1000.0);
        m.put("purpose", i.purpose());
        m.put("subject", i.subject().orElse(null));
        m.put("body", i.body().orElse(null));
        m.put("error", i.error().orElse(null));
        m.put("variant", i.variant().orElse(null));
        m.put("template", i.template().orElse(null));
        m.put("enrollment_id", i.enrollmentId());
        m.put("last_touch", i.lastTouch().map(t -> lastTouch(t, i.zone())).orElse(null));
        m.put("last_note", i.lastNote().orElse(null));
        return m;
    }

    private static Map<String, Object> lastTouch(Touch t, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", t.channel().id());
        m.put("at", t.at() == null ? null : t.at().atZone(zone).toOffsetDateTime().toString());
        m.put("sequence", t.sequence());
        m.put("step", t.stepId());
        m.put("subject", t.subject());
        m.put("outcome", t.outcome());
        m.put("note", t.note());
        return m;
    }
}
