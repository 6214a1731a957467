package dev.cadence.schedule;

import static dev.cadence.schedule.Plans.after;
import static dev.cadence.schedule.Plans.contact;
import static dev.cadence.schedule.Plans.day;
import static dev.cadence.schedule.Plans.enrollment;
import static dev.cadence.schedule.Plans.event;
import static dev.cadence.schedule.Plans.manual;
import static dev.cadence.schedule.Plans.sequence;
import static dev.cadence.schedule.Plans.touch;
import static dev.cadence.schedule.Plans.withId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Window;
import dev.cadence.schedule.NextAction.Kind;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig.Caps;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule of design §6 with a fixed clock. 2 March 2026 is a Monday; New York moves to EDT on Sunday 8 March. */
class ScheduleTest {
    static final ZoneId NY = ZoneId.of("America/New_York");
    static final LocalDate MON = LocalDate.of(2026, 3, 2);
    static final Instant CREATED = Instant.parse("2026-03-02T12:00:00Z");

    Contact ana = withId(contact("ana@example.com", "America/New_York"), 1);
    Enrollment enr = enrollment(10, 1, "cold", MON, CREATED);
    List<Touch> touches = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    BusinessCalendar calendar = BusinessCalendar.weekdays();
    Caps caps = Caps.NONE;
    boolean suppressed;

    NextAction next(Sequence seq, String now) {
        Schedule s = new Schedule(calendar, Window.DEFAULT, caps, ZoneOffset.UTC, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        return s.next(seq, enr, new ContactHistory(ana, touches, events, suppressed));
    }

    static Instant at(String s) {
        return Instant.parse(s);
    }

    @Nested
    class Timing {
        final Step intro = day("intro", 1, Channel.EMAIL);
        final Step value = day("value", 3, Channel.EMAIL);

        @Test
        void dayOneIsTheStartDateAtTheWindowOpeningInTheContactsZone() {
            NextAction a = next(sequence("cold", intro, value), "2026-03-02T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.AUTO);
            assertThat(a.step().orElseThrow().id()).isEqualTo("intro");
            assertThat(a.occurrence()).isEqualTo(1);
            assertThat(a.dueAt()).contains(at("2026-03-02T14:00:00Z")); // 09:00 EST
            assertThat(a.isDue(at("2026-03-02T12:00:00Z"))).isFalse();
            assertThat(a.nextDueAt()).isEqualTo(at("2026-03-02T14:00:00Z"));
            assertThat(a.explanation()).contains("intro (email, day 1) is due Mon 2 Mar 2026 09:00 EST")
                    .contains("planned for day 1 (Mon 2 Mar 2026)").contains("window 09:00-17:00")
                    .contains("America/New_York");
        }

        @Test
        void dayNIsNMinusOneCalendarDaysLaterAndStays0900LocalAcrossTheDstChange() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-02T14:00:05Z")));
            Step later = day("later", 8, Channel.EMAIL); // Mon 9 Mar, EDT
            NextAction a = next(sequence("cold", intro, value, later), "2026-03-03T12:00:00Z");
            assertThat(a.step().orElseThrow().id()).isEqualTo("value");
            assertThat(a.dueAt()).contains(at("2026-03-04T14:00:00Z"));
            touches.add(touch(enr, value, 1, TouchStatus.SENT, at("2026-03-04T14:00:05Z")));
            NextAction b = next(sequence("cold", intro, value, later), "2026-03-05T12:00:00Z");
            assertThat(b.dueAt()).contains(at("2026-03-09T13:00:00Z")); // 09:00 EDT
        }

        @Test
        void aWeekendDayMovesToMondaysOpening() {
            Step sat = day("sat", 6, Channel.EMAIL); // Sat 7 Mar
            NextAction a = next(sequence("cold", sat), "2026-03-02T12:00:00Z");
            assertThat(a.nominalAt()).contains(at("2026-03-07T14:00:00Z"));
            assertThat(a.dueAt()).contains(at("2026-03-09T13:00:00Z"));
            assertThat(a.explanation()).contains("Sat 7 Mar 2026: Saturday is not a business day")
                    .contains("moved to Mon 9 Mar 2026 09:00 EDT");
        }

        @Test
        void aHolidayFromExtraMovesToTheNextBusinessDayAndIsNamed() {
            calendar = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    Set.of(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4)));
            NextAction a = next(sequence("cold", day("d2", 2, Channel.EMAIL)), "2026-03-02T12:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-05T14:00:00Z"));
            assertThat(a.explanation()).contains("Tue 3 Mar 2026: holiday (holidays.extra)")
                    .contains("Wed 4 Mar 2026: holiday (holidays.extra)");
        }

        @Test
        void aCountryHolidayMovesTheStep() {
            calendar = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Optional.of("US"));
            enr = enrollment(10, 1, "cold", LocalDate.of(2026, 11, 23), at("2026-11-23T12:00:00Z"));
            NextAction a = next(sequence("cold", day("d4", 4, Channel.EMAIL)), "2026-11-23T12:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-11-27T14:00:00Z")); // Thanksgiving is Thu 26 Nov
            assertThat(a.explanation()).contains("Thu 26 Nov 2026: Thanksgiving");
        }

        @Test
        void afterBusinessDaysCountsFromThePreviousTouchDoneKeepingItsLocalTime() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-06T15:15:00Z"))); // Fri 10:15 EST
            NextAction a = next(sequence("cold", intro, after("nudge", "2 business days", Channel.EMAIL)),
                    "2026-03-06T16:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-10T14:15:00Z")); // Tue 10:15 EDT
            assertThat(a.explanation()).contains("planned 2 business days after the previous touch (intro, Fri 6 Mar 2026 10:15 EST)");
        }

        @Test
        void afterBusinessDaysSkipsAHoliday() {
            calendar = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.of(2026, 3, 9)));
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-06T15:15:00Z")));
            NextAction a = next(sequence("cold", intro, after("nudge", "2 business days", Channel.EMAIL)),
                    "2026-03-06T16:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-11T14:15:00Z")); // Mon 9 is a holiday: Tue, Wed
        }

        @Test
        void afterCalendarDaysKeepsTheLocalTimeAcrossTheDstChange() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-06T15:15:00Z")));
            NextAction a = next(sequence("cold", intro, after("nudge", "3 days", Channel.EMAIL)), "2026-03-06T16:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-09T14:15:00Z")); // Mon 10:15 EDT, not 15:15Z
        }

        @Test
        void afterHoursIsAnExactDurationThenMovedIntoTheWindow() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-03T21:50:00Z"))); // Tue 16:50 EST
            NextAction a = next(sequence("cold", intro, after("nudge", "1h", Channel.EMAIL)), "2026-03-03T22:00:00Z");
            assertThat(a.nominalAt()).contains(at("2026-03-03T22:50:00Z"));
            assertThat(a.dueAt()).contains(at("2026-03-04T14:00:00Z"));
            assertThat(a.explanation()).contains("Tue 3 Mar 2026 17:50 EST is after the window closed");
        }

        @Test
        void afterWithNoPreviousTouchCountsFromTheStart() {
            NextAction a = next(sequence("cold", after("first", "2 days", Channel.EMAIL)), "2026-03-02T12:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-04T14:00:00Z"));
        }

        @Test
        void aStepBeforeTheWindowOpensWaitsForTheOpeningTheSameDay() {
            Sequence seq = sequence("cold", Optional.of(Window.parse("10:30-11:30")), Sequence.DEFAULT_STOP_ON, intro);
            NextAction a = next(seq, "2026-03-02T12:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-02T15:30:00Z")); // the sequence's window wins
        }

        @Test
        void aLateTouchIsNotBunchedWithTheNextOne() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-04T19:00:00Z"))); // day 3, 14:00 EST
            NextAction a = next(sequence("cold", intro, value), "2026-03-04T19:30:00Z");
            assertThat(a.nominalAt()).contains(at("2026-03-04T14:00:00Z"));
            assertThat(a.dueAt()).contains(at("2026-03-05T14:00:00Z"));
            assertThat(a.explanation()).contains("done late");
        }

        @Test
        void stepsPlannedOnTheSameDayMayFollowEachOther() {
            Step call = manual(day("call", 1, Channel.CALL));
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-02T15:00:00Z")));
            NextAction a = next(sequence("cold", intro, call), "2026-03-02T15:30:00Z");
            assertThat(a.kind()).isEqualTo(Kind.MANUAL);
            assertThat(a.dueAt()).contains(at("2026-03-02T14:00:00Z"));
            assertThat(a.isDue(at("2026-03-02T15:30:00Z"))).isTrue();
        }
    }

    @Nested
    class Zones {
        @Test
        void kolkataHalfHourOffset() {
            ana = withId(contact("ana@example.com", "Asia/Kolkata"), 1);
            NextAction a = next(sequence("cold", day("intro", 1, Channel.EMAIL)), "2026-03-02T00:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-02T03:30:00Z"));
        }

        @Test
        void adelaideAcrossTheEndOfDaylightSaving() {
            ana = withId(contact("ana@example.com", "Australia/Adelaide"), 1);
            enr = enrollment(10, 1, "cold", LocalDate.of(2026, 4, 1), at("2026-03-31T00:00:00Z"));
            Step d1 = day("d1", 1, Channel.EMAIL);
            Step d6 = day("d6", 6, Channel.EMAIL); // Mon 6 April, after ACDT ends on Sun 5 April
            Sequence seq = sequence("cold", d1, d6);
            assertThat(next(seq, "2026-03-31T00:00:00Z").dueAt()).contains(at("2026-03-31T22:30:00Z")); // +10:30
            touches.add(touch(enr, d1, 1, TouchStatus.SENT, at("2026-03-31T22:30:10Z")));
            assertThat(next(seq, "2026-04-01T00:00:00Z").dueAt()).contains(at("2026-04-05T23:30:00Z")); // +09:30
        }

        @Test
        void aContactWithoutAZoneUsesTheWorkspaceZone() {
            ana = withId(contact("ana@example.com", null), 1);
            assertThat(next(sequence("cold", day("intro", 1, Channel.EMAIL)), "2026-03-02T00:00:00Z").dueAt())
                    .contains(at("2026-03-02T09:00:00Z"));
            ana = withId(contact("ana@example.com", "Mars/Olympus_Mons"), 1);
            assertThat(next(sequence("cold", day("intro", 1, Channel.EMAIL)), "2026-03-02T00:00:00Z").dueAt())
                    .contains(at("2026-03-02T09:00:00Z"));
        }

        @Test
        void aWindowOpeningInTheDstGapIsTheFirstInstantThatExists() {
            calendar = new BusinessCalendar(EnumSet.allOf(DayOfWeek.class), Set.of());
            enr = enrollment(10, 1, "cold", LocalDate.of(2026, 3, 8), at("2026-03-07T12:00:00Z"));
            Sequence seq = sequence("cold", Optional.of(Window.parse("02:30-05:00")), Sequence.DEFAULT_STOP_ON,
                    day("intro", 1, Channel.EMAIL), day("next", 2, Channel.EMAIL));
            NextAction a = next(seq, "2026-03-07T12:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-08T07:00:00Z")); // 03:00 EDT, the instant clocks jump
            SendWindow w = new SendWindow(Window.parse("02:30-05:00"), calendar, NY);
            assertThat(w.contains(at("2026-03-08T06:59:59Z"))).isFalse(); // 01:59:59 EST
            assertThat(w.contains(at("2026-03-08T07:00:00Z"))).isTrue();
            assertThat(w.opening(LocalDate.of(2026, 3, 9))).isEqualTo(at("2026-03-09T06:30:00Z"));
        }
    }

    @Nested
    class Caps_ {
        final Step intro = day("intro", 1, Channel.EMAIL);

        @Test
        void minGapSinceTheLastTouchOnAnySequence() {
            caps = new Caps(Optional.of(Duration.ofHours(20)), Optional.empty());
            touches.add(Plans.other(1, "nurture", Channel.EMAIL, at("2026-03-02T15:00:00Z")));
            NextAction a = next(sequence("cold", intro), "2026-03-02T16:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-03T14:00:00Z")); // 11:00Z → the window opening
            assertThat(a.explanation()).contains("min_gap 20h since the contact's last touch (email in nurture, Mon 2 Mar 2026 10:00 EST)");
        }

        @Test
        void minGapInsideTheWindowKeepsTheExactTime() {
            caps = new Caps(Optional.of(Duration.ofHours(2)), Optional.empty());
            touches.add(Plans.other(1, null, Channel.CALL, at("2026-03-02T15:00:00Z")));
            assertThat(next(sequence("cold", intro), "2026-03-02T16:00:00Z").dueAt()).contains(at("2026-03-02T17:00:00Z"));
        }

        @Test
        void skippedAndFailedTouchesDoNotCountForCaps() {
            caps = new Caps(Optional.of(Duration.ofHours(20)), Optional.of(1));
            Touch skipped = touch(enrollment(77, 1, "other", MON, CREATED), day("x", 1, Channel.EMAIL), 1,
                    TouchStatus.SKIPPED, at("2026-03-02T13:00:00Z"));
            touches.add(skipped);
            assertThat(next(sequence("cold", intro), "2026-03-02T12:00:00Z").dueAt()).contains(at("2026-03-02T14:00:00Z"));
        }

        @Test
        void perWeekIsARollingSevenDays() {
            caps = new Caps(Optional.empty(), Optional.of(2));
            touches.add(Plans.other(1, "nurture", Channel.EMAIL, at("2026-03-02T14:00:00Z")));
            touches.add(Plans.other(1, "nurture", Channel.EMAIL, at("2026-03-03T14:00:00Z")));
            NextAction a = next(sequence("cold", day("d3", 3, Channel.EMAIL)), "2026-03-03T15:00:00Z");
            assertThat(a.dueAt()).contains(at("2026-03-09T14:00:00Z")); // 7 days after the older of the two
            assertThat(a.explanation()).contains("per_week 2");
        }
    }

    @Nested
    class Stops {
        final Sequence seq = sequence("cold", day("intro", 1, Channel.EMAIL), day("value", 3, Channel.EMAIL));

        @Test
        void aReplyAfterTheStartStops() {
            events.add(event(1, EventType.REPLY, at("2026-03-02T18:00:00Z")));
            NextAction a = next(seq, "2026-03-03T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.STOPPED);
            assertThat(a.stopReason()).contains("reply");
            assertThat(a.nextDueAt()).isNull();
            assertThat(a.explanation()).contains("stopped by a reply on Mon 2 Mar 2026 13:00 EST")
                    .contains("stop_on: reply, optout, bounce, meeting");
        }

        @Test
        void aReplyBeforeTheEnrollmentDoesNotStopIt() {
            events.add(event(1, EventType.REPLY, at("2025-12-01T18:00:00Z")));
            assertThat(next(seq, "2026-03-03T12:00:00Z").kind()).isEqualTo(Kind.AUTO);
        }

        @Test
        void onlyTheSequencesStopOnEventsStop() {
            events.add(event(1, EventType.OPENED, at("2026-03-02T18:00:00Z")));
            assertThat(next(seq, "2026-03-03T12:00:00Z").kind()).isEqualTo(Kind.AUTO);
            Sequence purchase = sequence("cold", Optional.empty(), Set.of(EventType.PURCHASED), day("a", 1, Channel.EMAIL));
            events.add(event(1, EventType.REPLY, at("2026-03-02T19:00:00Z")));
            assertThat(next(purchase, "2026-03-03T12:00:00Z").kind()).isEqualTo(Kind.AUTO);
            events.add(event(1, EventType.PURCHASED, at("2026-03-02T20:00:00Z")));
            assertThat(next(purchase, "2026-03-03T12:00:00Z").stopReason()).contains("purchased");
        }

        @Test
        void suppressionStops() {
            suppressed = true;
            NextAction a = next(seq, "2026-03-03T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.STOPPED);
            assertThat(a.stopReason()).contains("suppressed");
            assertThat(a.explanation()).contains("ana@example.com is on the suppression list");
        }

        @Test
        void finishedStatesStayFinished() {
            enr = Plans.state(enr, EnrollmentState.STOPPED, "unenrolled", null);
            assertThat(next(seq, "2026-03-03T12:00:00Z").stopReason()).contains("unenrolled");
            enr = Plans.state(enr, EnrollmentState.COMPLETED, null, null);
            assertThat(next(seq, "2026-03-03T12:00:00Z").kind()).isEqualTo(Kind.FINISHED);
        }
    }

    @Nested
    class Progress {
        final Step intro = day("intro", 1, Channel.EMAIL);
        final Step call = manual(day("call", 2, Channel.CALL));
        final Step value = day("value", 3, Channel.EMAIL);
        final Sequence seq = sequence("cold", intro, call, value);

        @Test
        void aDueManualStepBlocksLaterSteps() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-02T14:00:01Z")));
            NextAction a = next(seq, "2026-03-06T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.MANUAL);
            assertThat(a.blocking()).isTrue();
            assertThat(a.step().orElseThrow().id()).isEqualTo("call");
            assertThat(a.dueAt()).contains(at("2026-03-03T14:00:00Z"));
            assertThat(a.explanation()).contains("3 days overdue").contains("the sequence waits until it is logged or skipped");
        }

        @Test
        void loggingTheManualStepReleasesTheNextOne() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-02T14:00:01Z")));
            touches.add(touch(enr, call, 1, TouchStatus.DONE, at("2026-03-03T16:00:00Z")));
            NextAction a = next(seq, "2026-03-03T17:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.AUTO);
            assertThat(a.step().orElseThrow().id()).isEqualTo("value");
            assertThat(a.dueAt()).contains(at("2026-03-04T14:00:00Z"));
        }

        @Test
        void skippedStepsAreNotDueAgainAndEverythingDoneFinishesWithTheChain() {
            touches.add(touch(enr, intro, 1, TouchStatus.SENT, at("2026-03-02T14:00:01Z")));
            touches.add(touch(enr, call, 1, TouchStatus.SKIPPED, at("2026-03-03T16:00:00Z")));
            assertThat(next(seq, "2026-03-03T17:00:00Z").step().orElseThrow().id()).isEqualTo("value");
            touches.add(touch(enr, value, 1, TouchStatus.SENT, at("2026-03-04T14:00:01Z")));
            NextAction done = next(Plans.onComplete(seq, "nurture"), "2026-03-04T15:00:00Z");
            assertThat(done.kind()).isEqualTo(Kind.FINISHED);
            assertThat(done.onComplete()).contains("nurture");
            assertThat(done.explanation()).isEqualTo("all 3 steps are done or skipped; continues in sequence nurture");
            assertThat(done.nextDueAt()).isNull();
        }

        @Test
        void inDoubtAndSendingTouchesHoldTheEnrollment() {
            touches.add(touch(enr, intro, 1, TouchStatus.IN_DOUBT, at("2026-03-02T14:00:01Z")));
            NextAction a = next(seq, "2026-03-09T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.HELD);
            assertThat(a.nextDueAt()).isNull();
            assertThat(a.explanation()).contains("in doubt").contains("never re-sent automatically");
            touches.clear();
            touches.add(touch(enr, intro, 1, TouchStatus.SENDING, at("2026-03-02T14:00:01Z")));
            assertThat(next(seq, "2026-03-02T14:00:02Z").kind()).isEqualTo(Kind.HELD);
        }

        @Test
        void aFailedTouchIsRetriedWithBackOffThenHeld() {
            touches.add(Plans.attempts(touch(enr, intro, 1, TouchStatus.FAILED, at("2026-03-02T14:00:01Z")), 1, "451 try later"));
            NextAction a = next(seq, "2026-03-02T14:05:00Z");
            assertThat(a.kind()).isEqualTo(Kind.AUTO);
            assertThat(a.dueAt()).contains(at("2026-03-02T14:30:01Z"));
            assertThat(a.explanation()).contains("attempt 1 failed (451 try later)");
            touches.set(0, Plans.attempts(touches.get(0), 3, "451 try later"));
            assertThat(next(seq, "2026-03-02T14:05:00Z").dueAt()).contains(at("2026-03-02T16:00:01Z"));
            touches.set(0, Plans.attempts(touches.get(0), Schedule.MAX_FAILED_ATTEMPTS, "451 try later"));
            NextAction held = next(seq, "2026-03-02T14:05:00Z");
            assertThat(held.kind()).isEqualTo(Kind.HELD);
            assertThat(held.explanation()).contains("failed 5 times (last: 451 try later)");
        }

        @Test
        void anIndefinitePauseHasNothingDue() {
            enr = Plans.state(enr, EnrollmentState.PAUSED, null, null);
            NextAction a = next(seq, "2026-03-02T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.PAUSED);
            assertThat(a.step().orElseThrow().id()).isEqualTo("intro");
            assertThat(a.nextDueAt()).isNull();
        }

        @Test
        void aDatedPauseDefersTheStepAndEndsByItself() {
            enr = Plans.state(enr, EnrollmentState.PAUSED, null, LocalDate.of(2026, 3, 10));
            NextAction a = next(seq, "2026-03-02T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.PAUSED);
            assertThat(a.dueAt()).contains(at("2026-03-10T13:00:00Z"));
            assertThat(a.explanation()).startsWith("paused until Tue 10 Mar 2026");
            NextAction after = next(seq, "2026-03-10T04:00:00Z"); // 00:00 EDT on the 10th: the pause is over
            assertThat(after.kind()).isEqualTo(Kind.AUTO);
            assertThat(after.dueAt()).contains(at("2026-03-10T13:00:00Z"));
        }

        @Test
        void aPausedContactPausesItsEnrollments() {
            ana = ana.toBuilder().pausedUntil(LocalDate.of(2026, 3, 5)).build();
            NextAction a = next(seq, "2026-03-02T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.PAUSED);
            assertThat(a.nextDueAt()).isEqualTo(at("2026-03-05T14:00:00Z"));
        }
    }

    @Nested
    class Repeats {
        final Step nurture = Plans.repeat(day("nurture", 1, Channel.EMAIL), "90 days", 3);

        @Test
        void eachOccurrenceIsEveryAfterThePreviousOneWasDoneAndTimesCountsThemAll() {
            Sequence seq = sequence("cold", nurture);
            touches.add(touch(enr, nurture, 1, TouchStatus.SENT, at("2026-03-02T15:00:00Z")));
            NextAction a = next(seq, "2026-03-03T12:00:00Z");
            assertThat(a.occurrence()).isEqualTo(2);
            assertThat(a.nominalAt()).contains(at("2026-05-31T14:00:00Z")); // Sun 31 May 10:00 EDT, the local time kept
            assertThat(a.dueAt()).contains(at("2026-06-01T13:00:00Z")); // Monday's window opening
            assertThat(a.explanation()).contains("occurrence 2 of 3, 90 days after the previous one");
            touches.add(touch(enr, nurture, 2, TouchStatus.SENT, at("2026-06-01T14:00:00Z")));
            assertThat(next(seq, "2026-06-02T12:00:00Z").occurrence()).isEqualTo(3);
            touches.add(touch(enr, nurture, 3, TouchStatus.SENT, at("2026-08-31T14:00:00Z")));
            assertThat(next(seq, "2026-09-01T12:00:00Z").kind()).isEqualTo(Kind.FINISHED);
        }

        @Test
        void withoutTimesItRepeatsUntilTheEnrollmentEnds() {
            Step forever = Plans.repeat(day("ping", 1, Channel.EMAIL), "30 days", null);
            Sequence seq = sequence("cold", forever);
            for (int i = 1; i <= 12; i++) {
                touches.add(touch(enr, forever, i, TouchStatus.SENT, at("2026-03-02T15:00:00Z").plus(Duration.ofDays(30L * (i - 1)))));
            }
            NextAction a = next(seq, "2027-03-01T12:00:00Z");
            assertThat(a.kind()).isEqualTo(Kind.AUTO);
            assertThat(a.occurrence()).isEqualTo(13);
            assertThat(a.explanation()).contains("occurrence 13, 30 days");
        }

        @Test
        void theStepAfterARepeatWaitsForAllOccurrences() {
            Step bye = after("bye", "1 day", Channel.EMAIL);
            Step twice = Plans.repeat(day("twice", 1, Channel.EMAIL), "7 days", 2);
            Sequence seq = sequence("cold", twice, bye);
            touches.add(touch(enr, twice, 1, TouchStatus.SENT, at("2026-03-02T15:00:00Z")));
            assertThat(next(seq, "2026-03-03T12:00:00Z").step().orElseThrow().id()).isEqualTo("twice");
            touches.add(touch(enr, twice, 2, TouchStatus.SENT, at("2026-03-09T15:00:00Z")));
            NextAction a = next(seq, "2026-03-09T16:00:00Z");
            assertThat(a.step().orElseThrow().id()).isEqualTo("bye");
            assertThat(a.dueAt()).contains(at("2026-03-10T15:00:00Z"));
        }
    }

    @Nested
    class Variants_ {
        final Step angle = Plans.variants(day("angle", 1, Channel.EMAIL), "a", "b");

        @Test
        void theVariantIsStablePerContactAndStepAndSpreadsEvenly() {
            Sequence seq = sequence("cold", angle);
            Optional<String> first = next(seq, "2026-03-02T12:00:00Z").variant();
            assertThat(first).isPresent();
            assertThat(next(seq, "2026-04-20T12:00:00Z").variant()).isEqualTo(first);
            assertThat(Variants.assign("ana@example.com", "cold", angle)).isEqualTo(first);
            int a = 0;
            for (int i = 0; i < 2000; i++) {
                if (Variants.assign("user" + i + "@example.com", "cold", angle).orElseThrow().equals("a")) a++;
            }
            assertThat(a).isBetween(900, 1100);
            // fixed by the hash (computed independently with Python's hashlib), not by the JVM or the run
            assertThat(Variants.bucket("ana@example.com", "cold", "angle", 1000)).isEqualTo(997);
            assertThat(first).contains("b"); // bucket 997 mod 2 = 1: the second variant
        }

        @Test
        void aRecordedVariantWins() {
            Step rep = Plans.repeat(angle, "7 days", 2);
            Sequence seq = sequence("cold", rep);
            String other = Variants.assign("ana@example.com", "cold", rep).orElseThrow().equals("a") ? "b" : "a";
            touches.add(Plans.variant(touch(enr, rep, 1, TouchStatus.SENT, at("2026-03-02T15:00:00Z")), other));
            assertThat(next(seq, "2026-03-03T12:00:00Z").variant()).contains(other);
        }

        @Test
        void noVariantsNoVariant() {
            assertThat(next(sequence("cold", day("x", 1, Channel.EMAIL)), "2026-03-02T12:00:00Z").variant()).isEmpty();
        }
    }
}
