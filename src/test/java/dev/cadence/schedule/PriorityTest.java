package dev.cadence.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.schedule.NextAction.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriorityTest {
    static final Instant NOW = Instant.parse("2026-03-20T15:00:00Z");
    static final ZoneId NY = ZoneId.of("America/New_York");
    final Priority priority = new Priority(Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
    final Contact ana = Plans.withId(Plans.contact("ana@example.com", "America/New_York"), 1);

    static NextAction action(Kind kind, Instant due) {
        return new NextAction(kind, Optional.of(Plans.day("s", 1, kind == Kind.MANUAL ? Channel.CALL : Channel.EMAIL)), 1,
                Optional.of(due), Optional.of(due), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), "");
    }

    ContactHistory history(List<Event> events, List<Touch> touches) {
        return new ContactHistory(ana, touches, events, false);
    }

    @Test
    void heatHalvesEveryHalfLife() {
        double fresh = priority.heat(history(List.of(Plans.event(1, EventType.REPLY, NOW)), List.of()));
        double week = priority.heat(history(List.of(Plans.event(1, EventType.REPLY, NOW.minus(Duration.ofDays(7)))), List.of()));
        double twoWeeks = priority.heat(history(List.of(Plans.event(1, EventType.REPLY, NOW.minus(Duration.ofDays(14)))), List.of()));
        assertThat(fresh).isEqualTo(5.0);
        assertThat(week).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(twoWeeks).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(priority.heat(history(List.of(Plans.event(1, EventType.OPTOUT, NOW)), List.of()))).isZero();
        Priority slow = new Priority(Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(slow.heat(history(List.of(Plans.event(1, EventType.REPLY, NOW.minus(Duration.ofDays(14)))), List.of())))
                .isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void overdueAndSilenceDaysInTheContactsCalendar() {
        List<Touch> touches = new ArrayList<>();
        touches.add(Plans.other(1, "cold", Channel.EMAIL, Instant.parse("2026-03-10T15:00:00Z")));
        List<Event> events = List.of(Plans.event(1, EventType.OPENED, Instant.parse("2026-03-12T15:00:00Z")));
        Priority.Score s = priority.score(action(Kind.AUTO, Instant.parse("2026-03-17T13:00:00Z")), history(events, touches),
                NY, Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(s.overdueDays()).isEqualTo(3);
        assertThat(s.silenceDays()).isEqualTo(8); // since the open on the 12th, later than the touch
        assertThat(s.blocking()).isFalse();
        Priority.Score quiet = priority.score(action(Kind.AUTO, NOW.plus(Duration.ofHours(1))), history(List.of(), List.of()),
                NY, Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(quiet.overdueDays()).isZero();
        assertThat(quiet.silenceDays()).isEqualTo(19); // no touch, no event: since the given start
    }

    @Test
    void blockingManualFirstThenOverdueThenHeat() {
        ContactHistory cold = history(List.of(), List.of());
        ContactHistory hot = history(List.of(Plans.event(1, EventType.REPLY, NOW.minus(Duration.ofDays(1)))), List.of());
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Priority.Score manualToday = priority.score(action(Kind.MANUAL, NOW.minus(Duration.ofHours(1))), cold, NY, start);
        Priority.Score overdue = priority.score(action(Kind.AUTO, NOW.minus(Duration.ofDays(3))), cold, NY, start);
        Priority.Score hotToday = priority.score(action(Kind.AUTO, NOW.minus(Duration.ofHours(2))), hot, NY, start);
        Priority.Score coldToday = priority.score(action(Kind.AUTO, NOW.minus(Duration.ofHours(3))), cold, NY, start);
        List<Priority.Score> sorted = new ArrayList<>(List.of(coldToday, hotToday, overdue, manualToday));
        sorted.sort(null);
        assertThat(sorted).containsExactly(manualToday, overdue, hotToday, coldToday);
        assertThat(manualToday.blocking()).isTrue();
    }
}
