package dev.cadence.schedule;

import static dev.cadence.schedule.Plans.contact;
import static dev.cadence.schedule.Plans.day;
import static dev.cadence.schedule.Plans.enrollment;
import static dev.cadence.schedule.Plans.event;
import static dev.cadence.schedule.Plans.manual;
import static dev.cadence.schedule.Plans.sequence;
import static dev.cadence.schedule.Plans.touch;
import static dev.cadence.schedule.Plans.unless;
import static dev.cadence.schedule.Plans.when;
import static dev.cadence.schedule.Plans.withId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Window;
import dev.cadence.schedule.NextAction.Kind;
import dev.cadence.sequence.Condition;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig.Caps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** if/unless for each item of the vocabulary, evaluated when the step comes due. */
class ConditionsTest {
    static final Instant CREATED = Instant.parse("2026-03-02T12:00:00Z");
    Contact ana = withId(contact("ana@example.com", "America/New_York"), 1);
    Enrollment enr = enrollment(10, 1, "cold", LocalDate.of(2026, 3, 2), CREATED);
    List<Touch> touches = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    final Step intro = day("intro", 1, Channel.EMAIL);
    final Step value = day("value", 2, Channel.EMAIL);
    final Step bye = day("bye", 4, Channel.EMAIL);

    /** The next action on day 3 (Wed 4 Mar, 12:00 EST) with intro and value sent and {@code step} planned for day 3. */
    NextAction onDay3(Step step) {
        touches.add(touch(enr, intro, 1, TouchStatus.SENT, Instant.parse("2026-03-02T14:00:01Z")));
        touches.add(touch(enr, value, 1, TouchStatus.SENT, Instant.parse("2026-03-03T14:00:01Z")));
        Sequence seq = sequence("cold", intro, value, step, bye);
        Schedule s = new Schedule(BusinessCalendar.weekdays(), Window.DEFAULT, Caps.NONE, ZoneOffset.UTC,
                Clock.fixed(Instant.parse("2026-03-04T17:00:00Z"), ZoneOffset.UTC));
        return s.next(seq, enr, new ContactHistory(ana, touches, events, false));
    }

    Step day3(Condition c) {
        return when(manual(day("call", 3, Channel.CALL)), c);
    }

    void assertApplies(NextAction a) {
        assertThat(a.kind()).isEqualTo(Kind.MANUAL);
        assertThat(a.step().orElseThrow().id()).isEqualTo("call");
        assertThat(a.skips()).isEmpty();
    }

    void assertSkipped(NextAction a, String reason) {
        assertThat(a.step().orElseThrow().id()).isEqualTo("bye");
        assertThat(a.skips()).hasSize(1);
        Skip skip = a.skips().get(0);
        assertThat(skip.step().id()).isEqualTo("call");
        assertThat(skip.occurrence()).isEqualTo(1);
        assertThat(skip.dueAt()).isEqualTo(Instant.parse("2026-03-04T14:00:00Z"));
        assertThat(skip.reason()).isEqualTo(reason);
        assertThat(a.explanation()).contains("skipped: call (" + reason + ")");
    }

    @Test
    void hasNeedsEveryFieldPresentAndNotBlank() {
        assertSkipped(onDay3(day3(new Condition.Has(List.of("phone")))), "condition not met: if has phone (phone is empty)");
        touches.clear();
        ana = ana.toBuilder().phone("  ").build();
        assertSkipped(onDay3(day3(new Condition.Has(List.of("phone")))), "condition not met: if has phone (phone is empty)");
        touches.clear();
        ana = ana.toBuilder().phone("+1 212 555 0100").linkedin("https://linkedin.com/in/ana").build();
        assertApplies(onDay3(day3(new Condition.Has(List.of("phone", "linkedin")))));
    }

    @Test
    void fieldComparesContactAndCustomFieldsIgnoringCase() {
        ana = ana.toBuilder().custom("industry", "SaaS").build();
        assertApplies(onDay3(day3(new Condition.FieldIs("industry", "saas"))));
        touches.clear();
        assertSkipped(onDay3(day3(new Condition.FieldIs("industry", "retail"))),
                "condition not met: if industry = retail (industry is SaaS)");
        touches.clear();
        assertSkipped(onDay3(day3(new Condition.FieldIs("title", "cto"))), "condition not met: if title = cto (title is empty)");
    }

    @Test
    void sentCountsTouchesDoneInThisEnrollmentOnTheChannel() {
        assertApplies(onDay3(day3(new Condition.Sent(Optional.of(Channel.EMAIL), 2))));
        touches.clear();
        assertSkipped(onDay3(day3(new Condition.Sent(Optional.of(Channel.EMAIL), 3))),
                "condition not met: if sent >= 3 email (2 found)");
        touches.clear();
        assertSkipped(onDay3(day3(new Condition.Sent(Optional.of(Channel.SMS), 1))),
                "condition not met: if sent >= 1 sms (0 found)");
        touches.clear();
        assertApplies(onDay3(day3(new Condition.Sent(Optional.empty(), 2))));
    }

    @Test
    void outcomeCountsDoneTouchesOnTheChannelWithThatOutcome() {
        Step firstCall = manual(day("first-call", 2, Channel.CALL));
        touches.add(Plans.outcome(touch(enr, firstCall, 1, TouchStatus.DONE, Instant.parse("2026-03-03T16:00:00Z")), "No-Answer"));
        assertApplies(onDay3(day3(new Condition.Outcome(Channel.CALL, "no-answer", 1))));
        touches.clear();
        touches.add(Plans.outcome(touch(enr, firstCall, 1, TouchStatus.DONE, Instant.parse("2026-03-03T16:00:00Z")), "connected"));
        assertSkipped(onDay3(day3(new Condition.Outcome(Channel.CALL, "no-answer", 1))),
                "condition not met: if outcome call no-answer (0 found)");
    }

    @Test
    void eventCountsTheContactsEventsSinceTheEnrollmentStarted() {
        events.add(event(1, EventType.OPENED, Instant.parse("2026-01-10T10:00:00Z"))); // before: does not count
        events.add(event(1, EventType.OPENED, Instant.parse("2026-03-03T10:00:00Z")));
        assertSkipped(onDay3(day3(new Condition.Event(EventType.OPENED, 2))),
                "condition not met: if event opened >= 2 (1 found)");
        touches.clear();
        events.add(event(1, EventType.OPENED, Instant.parse("2026-03-03T11:00:00Z")));
        assertApplies(onDay3(day3(new Condition.Event(EventType.OPENED, 2))));
    }

    @Test
    void unlessSkipsWhenTheConditionHolds() {
        events.add(event(1, EventType.CLICKED, Instant.parse("2026-03-03T10:00:00Z")));
        Step call = unless(manual(day("call", 3, Channel.CALL)), new Condition.Event(EventType.CLICKED, 1));
        assertSkipped(onDay3(call), "unless event clicked holds (1 found)");
        touches.clear();
        Step call2 = unless(manual(day("call", 3, Channel.CALL)), new Condition.Has(List.of("phone")));
        assertApplies(onDay3(call2));
        touches.clear();
        ana = ana.toBuilder().phone("+12125550100").build();
        assertSkipped(onDay3(call2), "unless has phone holds (phone present)");
    }

    @Test
    void aConditionIsCheckedWhenTheStepComesDueNotBefore() {
        touches.add(touch(enr, intro, 1, TouchStatus.SENT, Instant.parse("2026-03-02T14:00:01Z")));
        Step call = when(manual(day("call", 3, Channel.CALL)), new Condition.Has(List.of("phone")));
        Sequence seq = sequence("cold", intro, call, bye);
        Schedule s = new Schedule(BusinessCalendar.weekdays(), Window.DEFAULT, Caps.NONE, ZoneOffset.UTC,
                Clock.fixed(Instant.parse("2026-03-02T17:00:00Z"), ZoneOffset.UTC));
        NextAction a = s.next(seq, enr, new ContactHistory(ana, touches, events, false));
        assertThat(a.step().orElseThrow().id()).isEqualTo("call");
        assertThat(a.skips()).isEmpty();
        assertThat(a.explanation()).contains("its condition is checked when due: not met now, condition not met: if has phone");
    }

    @Test
    void aRecordedSkipIsNotSkippedAgain() {
        Step call = day3(new Condition.Has(List.of("phone")));
        touches.add(touch(enr, call, 1, TouchStatus.SKIPPED, Instant.parse("2026-03-04T14:00:00Z")));
        NextAction a = onDay3(call);
        assertThat(a.step().orElseThrow().id()).isEqualTo("bye");
        assertThat(a.skips()).isEmpty();
    }
}
