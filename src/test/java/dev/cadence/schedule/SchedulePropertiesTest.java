package dev.cadence.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences, calendars, windows, time zones (with DST, half- and quarter-hour offsets,
 * DST at midnight) and event histories, driven through 120 days by an hourly cron "runner"
 * that sends every due auto touch when sendable (sometimes failing, sometimes dying mid-send)
 * and a "rep" who logs or skips manual steps at random later times. Design §6's invariants
 * must hold for every one.
 */
class SchedulePropertiesTest {
    static final List<ZoneId> ZONES = List.of("America/New_York", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu",
            "Australia/Adelaide", "Europe/London", "America/Santiago", "Pacific/Chatham", "Pacific/Kiritimati", "UTC",
            "America/Los_Angeles").stream().map(ZoneId::of).toList();
    static final Duration HORIZON = Duration.ofDays(120);

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 200)
    void everyStepOnceInsideItsWindowWithinCapsAndNeverAfterAStop(@ForAll("seeds") long seed) {
        new Simulation(new Random(seed), seed).run();
    }

    /**
     * Pinned: Pacific/Chatham, six steps, events only months later. The simulation used to jump
     * from a logged manual step straight to the next event (three months on) instead of the next
     * tick, so the plan was still running at the horizon.
     */
    @Example
    void aWorldWhoseFirstEventIsMonthsAwayStillTicksHourly() {
        Simulation sim = new Simulation(new Random(5964), 5964);
        sim.run();
        assertThat(sim.touches).as(sim.label).hasSize(6)
                .allSatisfy(t -> assertThat(t.at()).isBefore(LocalDate.of(2026, 8, 1).atStartOfDay(sim.zone).toInstant()));
    }

    /** One random world and its 120 days. */
    static final class Simulation {
        final Random rnd;
        final String label;
        final ZoneId zone;
        final BusinessCalendar calendar;
        final Window window;
        final Caps caps;
        final Sequence seq;
        final Contact contact;
        final Enrollment enr;
        final List<Event> future = new ArrayList<>();
        final List<Event> known = new ArrayList<>();
        final List<Touch> touches = new ArrayList<>();
        final Map<String, Instant> repPlans = new HashMap<>();
        final Map<String, Integer> deliveries = new HashMap<>();
        final int cronMinute;
        Instant humanResolvesAt;
        long ids = 1;

        Simulation(Random rnd, long seed) {
            this.rnd = rnd;
            zone = ZONES.get(rnd.nextInt(ZONES.size()));
            LocalDate start = LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(330));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) if (rnd.nextInt(10) < 7) days.add(d);
            if (days.isEmpty()) days.add(DayOfWeek.values()[rnd.nextInt(7)]);
            Set<LocalDate> holidays = new HashSet<>();
            for (int i = rnd.nextInt(8); i > 0; i--) holidays.add(start.plusDays(rnd.nextInt(120)));
            calendar = new BusinessCalendar(days, holidays, rnd.nextInt(5) == 0 ? Optional.of("US") : Optional.empty());
            LocalTime open = LocalTime.of(rnd.nextInt(13), rnd.nextBoolean() ? 0 : 30);
            LocalTime close = open.plusMinutes(120 + 30L * rnd.nextInt(17));
            window = new Window(open, close);
            caps = new Caps(rnd.nextBoolean() ? Optional.of(Duration.ofHours(1 + rnd.nextInt(48))) : Optional.empty(),
                    rnd.nextBoolean() ? Optional.of(1 + rnd.nextInt(6)) : Optional.empty());
            List<Step> steps = new ArrayList<>();
            int n = 1 + rnd.nextInt(6);
            for (int i = 0; i < n; i++) steps.add(randomStep("s" + i));
            Set<EventType> stopOn = rnd.nextInt(4) == 0 ? Set.of(EventType.REPLY) : Sequence.DEFAULT_STOP_ON;
            seq = Plans.sequence("seq", rnd.nextBoolean() ? Optional.of(window) : Optional.empty(), stopOn,
                    steps.toArray(Step[]::new));
            Contact.Builder b = Contact.builder("p" + seed + "@example.com").timezone(zone.getId());
            if (rnd.nextBoolean()) b.phone("+12125550100");
            if (rnd.nextBoolean()) b.custom("industry", "saas");
            contact = Plans.withId(b.build(), 1);
            Instant created = start.atStartOfDay(zone).toInstant().minus(Duration.ofHours(rnd.nextInt(48)));
            enr = Plans.enrollment(10, 1, "seq", start, created);
            if (rnd.nextBoolean()) {
                for (int i = rnd.nextInt(5); i > 0; i--) {
                    EventType type = EventType.values()[rnd.nextInt(EventType.values().length)];
                    Instant at = created.plus(Duration.ofMinutes(rnd.nextInt((int) HORIZON.toMinutes())));
                    future.add(new Event(ids++, 1, type, at, null, "sim", null, at));
                }
                future.sort(Comparator.comparing(Event::at));
            }
            cronMinute = rnd.nextInt(60);
            label = "seed " + seed + ": zone " + zone + ", window " + seq.window().orElse(window) + ", days " + days
                    + ", holidays " + holidays + ", country " + calendar.country() + ", caps " + caps + ", start " + start
                    + ", steps " + steps.stream().map(s -> s.id() + "[" + s.timing().describe() + " " + s.channel().id()
                    + (s.automatic() ? "" : " manual") + s.repeat().map(r -> " " + r.describe()).orElse("")
                    + (s.conditional() ? " if " + s.when() + " unless " + s.unless() : "") + "]").toList()
                    + ", events " + future.stream().map(e -> e.type() + "@" + e.at()).toList();
        }

        Step randomStep(String id) {
            Step s = switch (rnd.nextInt(3)) {
                case 0 -> Plans.day(id, 1 + rnd.nextInt(30), channel());
                case 1 -> Plans.after(id, (1 + rnd.nextInt(5)) + " business days", channel());
                default -> rnd.nextBoolean() ? Plans.after(id, (1 + rnd.nextInt(48)) + "h", channel())
                        : Plans.after(id, (1 + rnd.nextInt(7)) + " days", channel());
            };
            if (s.channel() == Channel.EMAIL && rnd.nextInt(4) == 0) s = Plans.manual(s);
            if (rnd.nextInt(5) == 0) s = Plans.repeat(s, (1 + rnd.nextInt(20)) + " days", 1 + rnd.nextInt(3));
            if (rnd.nextInt(3) == 0) {
                Condition c = switch (rnd.nextInt(5)) {
                    case 0 -> new Condition.Has(List.of("phone"));
                    case 1 -> new Condition.FieldIs("industry", "saas");
                    case 2 -> new Condition.Sent(Optional.of(Channel.EMAIL), 1 + rnd.nextInt(2));
                    case 3 -> new Condition.Outcome(Channel.CALL, "no-answer", 1);
                    default -> new Condition.Event(EventType.OPENED, 1);
                };
                s = rnd.nextBoolean() ? Plans.when(s, c) : Plans.unless(s, c);
            }
            if (rnd.nextInt(6) == 0) s = Plans.variants(s, "a", "b", "c");
            return s;
        }

        Channel channel() {
            Channel[] cs = {Channel.EMAIL, Channel.EMAIL, Channel.SMS, Channel.CALL, Channel.LINKEDIN, Channel.TASK};
            return cs[rnd.nextInt(cs.length)];
        }

        NextAction next(Instant now) {
            Schedule s = new Schedule(calendar, window, caps, ZoneOffset.UTC, Clock.fixed(now, ZoneOffset.UTC));
            return s.next(seq, enr, new ContactHistory(contact, touches, known, false));
        }

        /** The first cron tick (minute {@code cronMinute} of every hour) at or after {@code t}. */
        Instant tickAtOrAfter(Instant t) {
            Instant hour = t.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofMinutes(cronMinute));
            return hour.isBefore(t) ? hour.plus(Duration.ofHours(1)) : hour;
        }

        void run() {
            SendWindow sw = new SendWindow(seq.window().orElse(window), calendar, zone);
            Instant now = tickAtOrAfter(enr.createdAt());
            Instant end = enr.createdAt().plus(HORIZON);
            Instant stoppedBy = null;
            NextAction last = null;
            int guard = 0;
            while (now.isBefore(end)) {
                assertThat(++guard).as(label).isLessThan(20_000);
                while (!future.isEmpty() && !future.get(0).at().isAfter(now)) known.add(future.remove(0));
                if (stoppedBy == null) {
                    stoppedBy = known.stream().filter(e -> seq.stopOn().contains(e.type()) && !e.at().isBefore(
                            Schedule.enrollmentStart(enr, zone))).map(Event::at).min(Comparator.naturalOrder()).orElse(null);
                }
                NextAction a = next(now);
                last = a;
                if (stoppedBy != null) {
                    assertThat(a.kind()).as(label + " at " + now + ": nothing is due after a stop event").isEqualTo(Kind.STOPPED);
                    break;
                }
                for (Skip s : a.skips()) {
                    assertThat(s.reason()).as(label).isNotBlank();
                    record(s.step(), s.occurrence(), TouchStatus.SKIPPED, now, s.dueAt(), s.reason());
                }
                if (!a.skips().isEmpty()) {
                    NextAction again = next(now);
                    assertThat(again.skips()).as(label + ": recorded skips are not skipped again").isEmpty();
                    assertThat(again.step()).as(label).isEqualTo(a.step());
                    assertThat(again.dueAt()).as(label).isEqualTo(a.dueAt());
                }
                if (a.kind() == Kind.FINISHED) break;
                Instant wake = null;
                if (a.kind() == Kind.AUTO || a.kind() == Kind.MANUAL) {
                    Instant due = a.dueAt().orElseThrow();
                    assertThat(sw.contains(due)).as(label + ": due " + due + " of " + a.step().get().id()
                            + " is inside the window on a business day").isTrue();
                }
                Step step = a.step().orElse(null);
                String key = step == null ? null : step.id() + "#" + a.occurrence();
                switch (a.kind()) {
                    case AUTO -> {
                        if (a.isDue(now)) {
                            if (SendWindow.isSendableNow(zone, sw.window(), calendar, now)) {
                                send(step, a.occurrence(), now, a.dueAt().get());
                            } else {
                                wake = sw.nextOpeningAfter(now);
                            }
                        } else {
                            wake = a.dueAt().get();
                        }
                    }
                    case MANUAL -> {
                        if (a.isDue(now)) {
                            Instant tick = now;
                            Instant plan = repPlans.computeIfAbsent(key, k -> tick.plus(Duration.ofMinutes(rnd.nextInt(72 * 60))));
                            if (!now.isBefore(plan)) {
                                if (rnd.nextInt(7) == 0) {
                                    record(step, a.occurrence(), TouchStatus.SKIPPED, now, a.dueAt().get(), "rep: not reachable");
                                } else {
                                    Touch t = record(step, a.occurrence(), TouchStatus.DONE, now, a.dueAt().get(), null);
                                    if (step.channel() == Channel.CALL && rnd.nextBoolean()) {
                                        touches.set(touches.indexOf(t), Plans.outcome(t, "no-answer"));
                                    }
                                    deliveries.merge(key, 1, Integer::sum);
                                }
                            } else {
                                wake = plan;
                            }
                        } else {
                            wake = a.dueAt().get();
                        }
                    }
                    case HELD -> {
                        if (humanResolvesAt == null) humanResolvesAt = now.plus(Duration.ofMinutes(60 + rnd.nextInt(48 * 60)));
                        if (!now.isBefore(humanResolvesAt)) {
                            resolve(step, a.occurrence());
                            humanResolvesAt = null;
                        } else {
                            wake = humanResolvesAt;
                        }
                    }
                    default -> throw new AssertionError(label + ": unexpected " + a);
                }
                // no wake time means something just happened (sent, logged, skipped, resolved): look
                // again at the next tick; an event arriving before the wake time wakes it earlier
                Instant after = now.plus(Duration.ofMinutes(1));
                if (wake == null || wake.isBefore(after)) wake = after;
                if (!future.isEmpty() && future.get(0).at().isBefore(wake)) wake = future.get(0).at();
                now = tickAtOrAfter(wake.isBefore(after) ? after : wake);
            }
            check(sw, stoppedBy, last);
        }

        void send(Step step, int occ, Instant now, Instant due) {
            String key = step.id() + "#" + occ;
            int roll = rnd.nextInt(100);
            Optional<Touch> failed = find(step.id(), occ);
            if (roll < 6) { // a 4xx: retried later
                if (failed.isPresent()) {
                    Touch f = failed.get();
                    touches.set(touches.indexOf(f), Plans.attempts(new Touch(f.id(), f.enrollmentId(), f.contactId(),
                            f.sequence(), f.stepId(), f.occurrence(), f.channel(), f.kind(), TouchStatus.FAILED, null, null,
                            null, null, null, f.variant(), null, f.attempts(), due, now, f.createdAt()), f.attempts() + 1, "451 later"));
                } else {
                    Touch t = record(step, occ, TouchStatus.FAILED, now, due, null);
                    touches.set(touches.indexOf(t), Plans.attempts(t, 1, "451 later"));
                }
                return;
            }
            TouchStatus status = roll < 9 ? TouchStatus.IN_DOUBT : TouchStatus.SENT;
            if (failed.isPresent()) {
                Touch f = failed.get();
                touches.set(touches.indexOf(f), new Touch(f.id(), f.enrollmentId(), f.contactId(), f.sequence(), f.stepId(),
                        f.occurrence(), f.channel(), f.kind(), status, null, null, null, null, null, f.variant(), null,
                        f.attempts() + 1, due, now, f.createdAt()));
            } else {
                record(step, occ, status, now, due, null);
            }
            deliveries.merge(key, 1, Integer::sum); // in doubt: it did go out (the worst case for duplicates)
        }

        /** A person looks at a held touch: an in-doubt one had gone out; a failed one is given up. */
        void resolve(Step step, int occ) {
            Touch t = find(step.id(), occ).orElseThrow();
            TouchStatus to = t.status() == TouchStatus.IN_DOUBT ? TouchStatus.SENT : TouchStatus.SKIPPED;
            touches.set(touches.indexOf(t), new Touch(t.id(), t.enrollmentId(), t.contactId(), t.sequence(), t.stepId(),
                    t.occurrence(), t.channel(), t.kind(), to, null, to == TouchStatus.SKIPPED ? "gave up after failures" : null,
                    null, null, null, t.variant(), t.error(), t.attempts(), t.dueAt(), t.at(), t.createdAt()));
        }

        Optional<Touch> find(String stepId, int occ) {
            return touches.stream().filter(t -> stepId.equals(t.stepId()) && t.occurrence() == occ).findFirst();
        }

        Touch record(Step step, int occ, TouchStatus status, Instant at, Instant due, String note) {
            assertThat(find(step.id(), occ)).as(label + ": " + step.id() + "#" + occ + " recorded once (unique key)").isEmpty();
            Touch t = new Touch(ids++, enr.id(), 1, seq.name(), step.id(), occ, step.channel(),
                    step.automatic() ? TouchKind.AUTO : TouchKind.MANUAL, status, null, note, null, null, null, null, null,
                    1, due, at, at);
            touches.add(t);
            return t;
        }

        void check(SendWindow sw, Instant stoppedBy, NextAction last) {
            // the linear plan: (step, occurrence) in order
            List<String> plan = new ArrayList<>();
            for (Step s : seq.steps()) {
                int times = s.repeat().map(r -> r.times().orElse(1)).orElse(1);
                for (int o = 1; o <= times; o++) plan.add(s.id() + "#" + o);
            }
            Map<String, Touch> byKey = new HashMap<>();
            for (Touch t : touches) byKey.put(t.stepId() + "#" + t.occurrence(), t);
            assertThat(byKey).as(label + ": one row per step occurrence").hasSameSizeAs(touches);
            deliveries.forEach((k, n) -> assertThat(n).as(label + ": " + k + " delivered once").isEqualTo(1));
            // resolved step occurrences form a prefix of the plan, resolved in order (manual steps block)
            Instant prev = Instant.MIN;
            boolean gap = false;
            for (String k : plan) {
                Touch t = byKey.get(k);
                boolean resolved = t != null && (t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE
                        || t.status() == TouchStatus.SKIPPED);
                if (t != null) {
                    assertThat(gap).as(label + ": " + k + " comes after an unresolved step").isFalse();
                    assertThat(t.at()).as(label + ": " + k + " not before the previous step was resolved").isAfterOrEqualTo(prev);
                    prev = t.at();
                }
                if (!resolved) gap = true;
                if (t != null && t.status() == TouchStatus.SKIPPED) assertThat(t.note()).as(label).isNotBlank();
            }
            if (last.kind() == Kind.FINISHED) {
                assertThat(plan).as(label + ": finished means every step occurrence was done or skipped")
                        .allSatisfy(k -> assertThat(byKey).containsKey(k));
            }
            List<Touch> reached = touches.stream().filter(Schedule::countsForCaps).sorted(Comparator.comparing(Touch::at)).toList();
            for (Touch t : reached) {
                if (t.kind() == TouchKind.AUTO) {
                    assertThat(sw.contains(t.at())).as(label + ": auto touch " + t.stepId() + " at " + t.at()
                            + " inside the window on a business day").isTrue();
                }
                if (stoppedBy != null) {
                    assertThat(t.at()).as(label + ": nothing after the stop event").isBeforeOrEqualTo(stoppedBy);
                }
            }
            for (int i = 1; i < reached.size(); i++) {
                Duration gapBetween = Duration.between(reached.get(i - 1).at(), reached.get(i).at());
                caps.minGap().ifPresent(g -> assertThat(gapBetween).as(label + ": min_gap").isGreaterThanOrEqualTo(g));
            }
            caps.perWeek().ifPresent(n -> {
                for (int i = n; i < reached.size(); i++) {
                    assertThat(Duration.between(reached.get(i - n).at(), reached.get(i).at()))
                            .as(label + ": at most " + n + " touches in any 7 days").isGreaterThanOrEqualTo(Duration.ofDays(7));
                }
            });
            if (stoppedBy == null && last.kind() != Kind.FINISHED && plan.size() <= 6 && caps.perWeek().orElse(7) >= 3
                    && calendar.businessDays().size() >= 4 && seq.steps().stream().allMatch(s -> s.repeat().isEmpty())) {
                // short plans on a normal calendar always finish within 120 days
                assertThat(last.kind()).as(label + ": a short plan finishes within 120 days, found " + last.explanation())
                        .isIn(Kind.FINISHED, Kind.HELD);
            }
        }
    }
}
