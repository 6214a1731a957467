package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.sequence.Fixture;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.component.VToDo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code due} and {@code preview} end to end through the CLI, on a real SQLite ledger, with the
 * fixture workspace: New York, Monday-Friday, holiday Wed 4 March 2026, sequence outbound
 * (window 09:00-11:30; intro day 1, value day 3 threaded, call day 5 if has phone, angle day 7
 * with variants, linkedin). Mon 2 March 2026 is day 1. The clock is always --as-of.
 */
class DueCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path ws;
    Path db;

    @BeforeEach
    void setUp() {
        ws = Fixture.workspace(tmp.resolve("ws"));
        db = ws.resolve("cadence.db");
    }

    Ledger ledger(String now) {
        return Ledger.open("jdbc:sqlite:" + db, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    long contact(Contact.Builder b) {
        try (Ledger l = ledger("2026-03-01T12:00:00Z")) {
            return l.contacts().insert(b.build()).id();
        }
    }

    Cli.Result run(String asOf, String... args) {
        List<String> all = new ArrayList<>(List.of("-w", ws.toString(), "--as-of", asOf));
        all.addAll(List.of(args));
        return Cli.in(tmp).run(all.toArray(String[]::new));
    }

    JsonNode dueJson(String asOf, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("due", "--format", "json"));
        args.addAll(List.of(extra));
        Cli.Result r = run(asOf, args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        return JSON.readTree(r.out());
    }

    void enroll(String ref, String start) {
        Cli.Result r = run("2026-03-02T06:00:00Z", "enroll", ref, "--sequence", "outbound", "--start", start);
        assertThat(r.code()).as(r.toString()).isZero();
    }

    /** Stands for `run` or `log`: the touch of a step, done at {@code at}. */
    void touch(long contactId, String step, Channel channel, TouchStatus status, String subject, String at) {
        try (Ledger l = ledger(at)) {
            long enrollment = l.enrollments().findActiveByContact(contactId).get(0).id();
            l.touches().insert(new Touch(0, enrollment, contactId, "outbound", step, 1, channel,
                    channel == Channel.EMAIL ? TouchKind.AUTO : TouchKind.MANUAL, status, status == TouchStatus.DONE ? "connected" : null,
                    null, subject, "body", channel == Channel.EMAIL ? "<" + step + contactId + "@x>" : null, null, null, 1,
                    null, Instant.parse(at), null));
        }
    }

    static List<String> steps(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("email").asText() + " " + i.get("step").asText()));
        return out;
    }

    @Test
    void aContactEnrolledMondayGetsDay1TodayOnceThenEachNextTouchOnceOverTheWeek() throws Exception {
        long ana = contact(Contact.builder("ana@example.com").firstName("Ana").company("Acme").phone("+1 212 555 0100")
                .timezone("America/New_York").owner("kim"));
        enroll("ana@example.com", "2026-03-02");

        JsonNode monday = dueJson("2026-03-02T12:00:00Z");
        assertThat(steps(monday)).containsExactly("ana@example.com intro");
        JsonNode intro = monday.get(0);
        assertThat(intro.get("kind").asText()).isEqualTo("auto");
        assertThat(intro.get("channel").asText()).isEqualTo("email");
        assertThat(intro.get("due_at").asText()).isEqualTo("2026-03-02T09:00-05:00");
        assertThat(intro.get("subject").asText()).isEqualTo("A question about Acme");
        assertThat(intro.get("body").asText()).startsWith("Hi Ana,").contains("Teams like yours often struggle with slow follow-up.");
        assertThat(intro.get("overdue_days").asInt()).isZero();
        assertThat(intro.get("purpose").asText()).isEqualTo("First outreach with one specific observation.");
        assertThat(intro.get("contact_id").asLong()).isEqualTo(ana);
        assertThat(intro.get("priority").asInt()).isEqualTo(1);
        // asked again the same morning: the same one item, not a second one
        assertThat(steps(dueJson("2026-03-02T13:00:00Z"))).containsExactly("ana@example.com intro");

        touch(ana, "intro", Channel.EMAIL, TouchStatus.SENT, "A question about Acme", "2026-03-02T14:00:05Z");
        Cli.Result after = run("2026-03-02T15:00:00Z", "due", "--format", "json");
        assertThat(after.code()).isZero();
        assertThat(JSON.readTree(after.out())).isEmpty();
        assertThat(after.err()).contains("nothing due today");

        // Wed 4 March is a holiday: value (day 3) is not due then, but Thursday 09:00
        assertThat(dueJson("2026-03-04T15:00:00Z")).isEmpty();
        JsonNode thursday = dueJson("2026-03-05T13:00:00Z");
        assertThat(steps(thursday)).containsExactly("ana@example.com value");
        assertThat(thursday.get(0).get("due_at").asText()).isEqualTo("2026-03-05T09:00-05:00");
        assertThat(thursday.get(0).get("subject").asText()).isEqualTo("Re: A question about Acme");
        assertThat(thursday.get(0).get("last_touch").get("subject").asText()).isEqualTo("A question about Acme");

        // a week later, nothing recorded since Monday's email: value, once, 4 days overdue
        JsonNode nextMonday = dueJson("2026-03-09T13:00:00Z");
        assertThat(steps(nextMonday)).containsExactly("ana@example.com value");
        assertThat(nextMonday.get(0).get("overdue_days").asInt()).isEqualTo(4);
        assertThat(nextMonday.get(0).get("silence_days").asInt()).isEqualTo(7);

        touch(ana, "value", Channel.EMAIL, TouchStatus.SENT, "Re: A question about Acme", "2026-03-05T14:00:05Z");
        // Friday: the call (day 5), a manual item listed for the whole day
        JsonNode friday = dueJson("2026-03-06T20:00:00Z");
        assertThat(steps(friday)).containsExactly("ana@example.com call");
        assertThat(friday.get(0).get("kind").asText()).isEqualTo("manual");
        assertThat(friday.get(0).get("blocking").asBoolean()).isTrue();
        assertThat(friday.get(0).get("body").asText()).startsWith("Call Ana at +1 212 555 0100.");
        touch(ana, "call", Channel.CALL, TouchStatus.DONE, null, "2026-03-06T20:30:00Z");

        // the next Monday (a week after day 1): angle, the only next touch; nothing done is listed again
        JsonNode monday2 = dueJson("2026-03-09T13:30:00Z");
        assertThat(steps(monday2)).containsExactly("ana@example.com angle");
        assertThat(monday2.get(0).get("variant").asText()).isIn("a", "b");
    }

    @Test
    void blockingManualFirstWindowInTheContactsZoneRenderFailureListedFiltersAndFormats() throws Exception {
        long bob = contact(Contact.builder("bob@example.com").firstName("Bob").company("Bobco").phone("+1 212 555 0101")
                .timezone("America/New_York").owner("kim"));
        contact(Contact.builder("zoe@example.com").firstName("Zoë").company("Zed SA").timezone("Europe/Paris").owner("ana"));
        contact(Contact.builder("nocompany@example.com").firstName("Nora").timezone("America/New_York").owner("ana"));
        contact(Contact.builder("evil@example.com").firstName("=cmd|' /C calc'!A0").company("Evil").owner("ana"));
        enroll("bob@example.com", "2026-02-26"); // Thursday: day 5 (the call) is Monday 2 March
        enroll("zoe@example.com", "2026-03-02");
        enroll("nocompany@example.com", "2026-03-02");
        enroll("evil@example.com", "2026-03-02");
        touch(bob, "intro", Channel.EMAIL, TouchStatus.SENT, "A question about Bobco", "2026-02-26T14:00:00Z");
        touch(bob, "value", Channel.EMAIL, TouchStatus.SENT, "Re: A question about Bobco", "2026-02-28T14:00:00Z");

        String now = "2026-03-02T16:00:00Z";
        JsonNode all = dueJson(now);
        assertThat(steps(all)).hasSize(4);
        // the blocking call first
        assertThat(all.get(0).get("email").asText()).isEqualTo("bob@example.com");
        assertThat(all.get(0).get("step").asText()).isEqualTo("call");
        assertThat(all.get(0).get("blocking").asBoolean()).isTrue();
        // Zoë's window is 09:00 in Paris
        JsonNode zoe = find(all, "zoe@example.com");
        assertThat(zoe.get("due_at").asText()).isEqualTo("2026-03-02T09:00+01:00");
        assertThat(zoe.get("timezone").asText()).isEqualTo("Europe/Paris");
        // Nora has no company: listed with the error, not dropped, and the others still rendered
        JsonNode nora = find(all, "nocompany@example.com");
        assertThat(nora.get("error").asText()).contains("{{company}} has no value for nocompany@example.com")
                .contains("templates/cold/intro.mustache:1:");
        assertThat(nora.get("body").isNull()).isTrue();
        assertThat(zoe.get("error").isNull()).isTrue();

        // filters
        assertThat(steps(dueJson(now, "--kind", "manual"))).containsExactly("bob@example.com call");
        assertThat(steps(dueJson(now, "--channel", "call,linkedin"))).containsExactly("bob@example.com call");
        assertThat(steps(dueJson(now, "--owner", "kim"))).containsExactly("bob@example.com call");
        assertThat(steps(dueJson(now, "--kind", "auto", "--owner", "ana"))).hasSize(3).doesNotContain("bob@example.com call");
        assertThat(steps(dueJson(now, "--sequence", "nurture"))).isEmpty();
        Cli.Result bad = run(now, "due", "--sequence", "outbond");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown sequence 'outbond'").contains("outbound");
        Cli.Result badChannel = run(now, "due", "--channel", "fax");
        assertThat(badChannel.code()).isEqualTo(2);
        assertThat(badChannel.err()).contains("--channel: unknown channel 'fax'");

        // table: grouped, ≤ 80 columns, the script of the manual item, the error of the failed one
        Cli.Result table = run(now, "due");
        assertThat(table.code()).isZero();
        assertThat(table.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(table.out()).contains("== kim / call (1 to do)").contains("== ana / email (3 to send)")
                .contains("Script:").contains("Call Bob at +1 212 555 0101.")
                .contains("CANNOT RENDER: {{company}} has no value for nocompany@example.com")
                .contains("blocks the sequence");
        assertThat(table.out().indexOf("== ana / email")).isLessThan(table.out().indexOf("== kim / call"));
        assertThat(table.err()).contains("4 due: 1 manual, 3 auto; 1 could not be rendered");

        // csv: header, one row per item, formula-safe
        Cli.Result csv = run(now, "due", "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).startsWith("priority,contact_id,email,name,owner,sequence,step,occurrence,channel,kind,due_at,"
                + "overdue_days,silence_days,blocking,purpose,subject,body,error");
        assertThat(csv.out()).contains(",'=cmd|' /C calc'!A0,").doesNotContain(",=cmd");
        assertThat(csv.out()).contains("1," + bob + ",bob@example.com,Bob,kim,outbound,call,1,call,manual,2026-03-02T09:00-05:00,");

        // ics: one VTODO per manual item, DUE with the contact's TZID and its VTIMEZONE, stable UID
        Calendar cal = ics(now);
        List<VToDo> todos = cal.getComponents(VToDo.VTODO);
        assertThat(todos).hasSize(1);
        VToDo todo = todos.get(0);
        String uid = todo.getProperty(Property.UID).map(Property::getValue).orElseThrow();
        assertThat(uid).endsWith("-call-1@cadence");
        Property due = todo.getProperty(Property.DUE).orElseThrow();
        assertThat(due.getValue()).isEqualTo("20260302T090000");
        assertThat(due.getParameter(Parameter.TZID).map(Parameter::getValue)).contains("America/New_York");
        assertThat(cal.<VTimeZone>getComponents(VTimeZone.VTIMEZONE)).hasSize(1);
        assertThat(todo.getProperty(Property.DESCRIPTION).map(Property::getValue).orElseThrow())
                .contains("Purpose: Reference the case study").contains("Call Bob at +1 212 555 0101.")
                .contains("Last touch: email");
        // exported again later the same day: the same UID, so a calendar updates the task
        Calendar again = ics("2026-03-02T18:00:00Z");
        assertThat(again.<VToDo>getComponents(VToDo.VTODO)).extracting(t -> t.getProperty(Property.UID).orElseThrow().getValue())
                .containsExactly(uid);
    }

    Calendar ics(String asOf) throws Exception {
        Cli.Result r = run(asOf, "due", "--format", "ics");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("BEGIN:VCALENDAR");
        assertThat(r.out().split("\r\n")).allSatisfy(l -> assertThat(l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(75));
        return new CalendarBuilder().build(new StringReader(r.out()));
    }

    /** Output with line wrapping undone. */
    static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    static JsonNode find(JsonNode items, String email) {
        for (JsonNode i : items) if (i.get("email").asText().equals(email)) return i;
        throw new AssertionError("no item for " + email + " in " + items);
    }

    @Test
    void aConditionThatFailsWhenDueIsRecordedAsASkipAndTheNextStepTakesItsPlace() throws Exception {
        long ana = contact(Contact.builder("ana@example.com").firstName("Ana").company("Acme").timezone("America/New_York"));
        enroll("ana@example.com", "2026-03-02");
        dueJson("2026-03-02T12:00:00Z");
        touch(ana, "intro", Channel.EMAIL, TouchStatus.SENT, "A question about Acme", "2026-03-02T14:00:05Z");
        touch(ana, "value", Channel.EMAIL, TouchStatus.SENT, "Re: A question about Acme", "2026-03-05T14:00:05Z");
        // Thursday: the refresh stores the call for Friday; its condition is checked when it comes due
        assertThat(dueJson("2026-03-05T15:00:00Z")).isEmpty();
        try (Ledger l = ledger("2026-03-05T15:00:00Z")) {
            assertThat(l.enrollments().findActiveByContact(ana).get(0).currentStep()).isEqualTo("call");
        }
        // Friday: the call (day 5, if has phone) comes due; Ana has no phone: not listed, recorded as skipped
        assertThat(dueJson("2026-03-06T15:00:00Z")).isEmpty();
        try (Ledger l = ledger("2026-03-06T15:00:00Z")) {
            Touch skip = l.touches().listByContact(ana).stream().filter(t -> "call".equals(t.stepId())).findFirst().orElseThrow();
            assertThat(skip.status()).isEqualTo(TouchStatus.SKIPPED);
            assertThat(skip.note()).isEqualTo("condition not met: if has phone (phone is empty)");
            assertThat(l.enrollments().findActiveByContact(ana).get(0).currentStep()).isEqualTo("angle");
        }
        // Monday: angle, once
        assertThat(steps(dueJson("2026-03-09T15:00:00Z"))).containsExactly("ana@example.com angle");
    }

    @Test
    void aReplyStopsEverythingForThatContact() throws Exception {
        long ana = contact(Contact.builder("ana@example.com").firstName("Ana").company("Acme").timezone("America/New_York"));
        contact(Contact.builder("bob@example.com").firstName("Bob").company("Bobco").timezone("America/New_York"));
        enroll("ana@example.com", "2026-03-02");
        enroll("bob@example.com", "2026-03-02");
        assertThat(steps(dueJson("2026-03-02T15:00:00Z"))).containsExactlyInAnyOrder("ana@example.com intro", "bob@example.com intro");
        try (Ledger l = ledger("2026-03-02T15:10:00Z")) {
            l.events().add(new Event(0, ana, EventType.REPLY, Instant.parse("2026-03-02T15:05:00Z"), "sounds good", "test", null, null));
        }
        assertThat(steps(dueJson("2026-03-02T15:20:00Z"))).containsExactly("bob@example.com intro");
        assertThat(steps(dueJson("2026-03-09T15:20:00Z"))).doesNotContain("ana@example.com value", "ana@example.com intro");
        Cli.Result p = run("2026-03-02T15:20:00Z", "preview", "ana@example.com");
        assertThat(p.code()).as(p.toString()).isEqualTo(2);
        assertThat(p.err()).contains("ana@example.com has no active or paused enrollment");
        // with --sequence: what it would have said, and why nothing is due
        Cli.Result seq = run("2026-03-02T15:20:00Z", "preview", "ana@example.com", "--sequence", "outbound", "--step", "value");
        assertThat(seq.code()).as(seq.toString()).isZero();
        assertThat(flat(seq.out())).contains("Not due now. Why: ana@example.com is not enrolled in outbound"
                + " (its enrollment there is stopped, reply): nothing is due");
    }

    @Test
    void nothingDueIsExitZeroWithAMessageOnStderrAndAgendaDaysLookAhead() throws Exception {
        contact(Contact.builder("ana@example.com").firstName("Ana").company("Acme").timezone("America/New_York"));
        enroll("ana@example.com", "2026-03-03");
        Cli.Result r = run("2026-03-02T15:00:00Z", "due");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("nothing due today" + System.lineSeparator());
        assertThat(steps(dueJson("2026-03-02T15:00:00Z", "--days", "1"))).containsExactly("ana@example.com intro");
        // the same through CADENCE_NOW
        Cli.Result env = Cli.in(tmp).env("CADENCE_NOW", "2026-03-03T15:00:00Z").run("-w", ws.toString(), "due", "--format", "json");
        assertThat(steps(JSON.readTree(env.out()))).containsExactly("ana@example.com intro");
    }

    @Test
    void previewShowsTheEmailWithHeadersAndTheCallScriptWithWhy() throws Exception {
        long bob = contact(Contact.builder("bob@example.com").firstName("Bob").company("Bobco").phone("+1 212 555 0101")
                .timezone("America/New_York"));
        enroll("bob@example.com", "2026-03-02");

        Cli.Result email = run("2026-03-02T12:00:00Z", "preview", "bob@example.com");
        assertThat(email.code()).as(email.toString()).isZero();
        assertThat(flat(email.out())).contains("== outbound / intro (email, auto) — Bob <bob@example.com>")
                .contains("Not due now. Why: intro (email, day 1) is due Mon 2 Mar 2026 09:00 EST: planned for day 1");
        assertThat(email.out())
                .contains("From: Acme Sales <sales@example.com>\nTo: Bob <bob@example.com>\nSubject: A question about Bobco\n\nHi Bob,".replace("\n", System.lineSeparator()));

        // the call before anything was sent: not due, and its script needs the previous touch (strict: exit 1)
        Cli.Result call = run("2026-03-02T12:00:00Z", "preview", String.valueOf(bob), "--step", "call");
        assertThat(call.code()).as(call.toString()).isEqualTo(1);
        assertThat(flat(call.out())).contains("outbound / call (call, manual)").contains("Not due now.")
                .contains("not due: intro comes first (auto) — intro (email, day 1) is due Mon 2 Mar 2026 09:00 EST")
                .contains("CANNOT RENDER: {{previous.date}} has no value for bob@example.com in templates/cold/call.mustache:1:");

        touch(bob, "intro", Channel.EMAIL, TouchStatus.SENT, "A question about Bobco", "2026-03-02T14:00:05Z");
        touch(bob, "value", Channel.EMAIL, TouchStatus.SENT, "Re: A question about Bobco", "2026-03-05T14:00:05Z");
        Cli.Result due = run("2026-03-06T15:00:00Z", "preview", "bob@example.com", "--step", "call");
        assertThat(due.code()).as(due.toString()).isZero();
        assertThat(flat(due.out())).contains("Due now. Why: call (call, manual, day 5) is due now (since Fri 6 Mar 2026 09:00 EST): planned for day 5")
                .contains("Script:").contains("Call Bob at +1 212 555 0101. Mention the case study sent on Thursday 5 March.")
                .contains("manual: the sequence waits until it is logged or skipped");
        Cli.Result done = run("2026-03-06T15:00:00Z", "preview", "bob@example.com", "--step", "intro");
        assertThat(flat(done.out())).contains("not due: intro was already done on Mon 2 Mar 2026 09:00 EST; next: call");

        Cli.Result unknown = run("2026-03-06T15:00:00Z", "preview", "bob@example.com", "--step", "cal", "--sequence", "outbound");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown step 'cal' in sequence outbound; its steps: intro, value, call, angle, linkedin");
    }
}
