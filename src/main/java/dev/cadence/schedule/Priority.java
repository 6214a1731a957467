package dev.cadence.schedule;

import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.model.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The order of {@code due} (design §6): manual steps that block first, then overdue (most days
 * first), then heat, then the earliest due. Heat is the contact's recent engagement: each
 * event weighs (reply 5, meeting 5, purchased 3, clicked 2, opened 1; optout and bounce 0)
 * times {@code 0.5^(age / half-life)} (half-life 7 days by default), so a contact who replied
 * yesterday outranks one who opened an email a month ago. Pure; the clock is given.
 */
public final class Priority {
    private final Duration halfLife;
    private final Clock clock;

    public Priority(Duration halfLife, Clock clock) {
        if (halfLife.isNegative() || halfLife.isZero()) throw new IllegalArgumentException("half-life must be positive");
        this.halfLife = halfLife;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How one due item ranks, with the figures {@code due} shows. */
    public record Score(boolean blocking, long overdueDays, long silenceDays, double heat, Instant dueAt)
            implements Comparable<Score> {

        /** Blocking manual first, then more overdue days, then hotter, then earlier due. */
        public static final Comparator<Score> ORDER = Comparator.comparing(Score::blocking).reversed()
                .thenComparing(Comparator.comparingLong(Score::overdueDays).reversed())
                .thenComparing(Comparator.comparingDouble(Score::heat).reversed())
                .thenComparing(Score::dueAt, Comparator.nullsLast(Comparator.naturalOrder()));

        @Override
        public int compareTo(Score o) {
            return ORDER.compare(this, o);
        }
    }

    /** Weight of one event in the heat. */
    public static double weight(EventType type) {
        return switch (type) {
            case REPLY, MEETING -> 5;
            case PURCHASED -> 3;
            case CLICKED -> 2;
            case OPENED -> 1;
            case OPTOUT, BOUNCE -> 0;
        };
    }

    /**
     * The score of {@code action} for a contact. {@code since} is when the silence is counted
     * from when the contact never had a touch nor an event (its enrollment start, say).
     */
    public Score score(NextAction action, ContactHistory history, ZoneId zone, Instant since) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        long overdue = action.dueAt().map(d -> Math.max(0, ChronoUnit.DAYS.between(d.atZone(zone).toLocalDate(), today)))
                .orElse(0L);
        boolean blocking = action.blocking() && action.isDue(now);
        return new Score(blocking, overdue, silenceDays(history, zone, since), heat(history), action.dueAt().orElse(null));
    }

    /** Engagement with exponential decay; events in the future (replayed with --as-of) do not count. */
    public double heat(ContactHistory history) {
        Instant now = clock.instant();
        double h = 0;
        double halfLifeSeconds = halfLife.toSeconds();
        for (Event e : history.events()) {
            if (e.at().isAfter(now)) continue;
            double age = Duration.between(e.at(), now).toSeconds();
            h += weight(e.type()) * Math.pow(0.5, age / halfLifeSeconds);
        }
        return h;
    }

    /**
     * Days (the contact's calendar days) since the later of its last touch that reached it and
     * its last event; from {@code since} when there was neither; 0 when that is in the future.
     */
    public long silenceDays(ContactHistory history, ZoneId zone, Instant since) {
        Instant now = clock.instant();
        Optional<Instant> last = lastContact(history, now);
        Instant from = last.orElse(since);
        if (from == null || from.isAfter(now)) return 0;
        return ChronoUnit.DAYS.between(from.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
    }

    /** The later of the last touch that reached the contact and its last event, up to {@code now}. */
    static Optional<Instant> lastContact(ContactHistory history, Instant now) {
        Instant last = null;
        for (Touch t : history.touches()) {
            Instant at = Schedule.timeOf(t);
            if (Schedule.countsForCaps(t) && at != null && !at.isAfter(now) && (last == null || at.isAfter(last))) last = at;
        }
        for (Event e : history.events()) {
            if (!e.at().isAfter(now) && (last == null || e.at().isAfter(last))) last = e.at();
        }
        return Optional.ofNullable(last);
    }
}
