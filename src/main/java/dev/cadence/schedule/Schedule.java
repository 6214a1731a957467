package dev.cadence.schedule;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.model.Window;
import dev.cadence.schedule.NextAction.Kind;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Timing;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.workspace.WorkspaceConfig.Caps;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is due (design §6): a pure function of a sequence, one enrollment, the contact's
 * history, the workspace calendar, window and caps, and the clock.
 *
 * <p>The steps of a sequence run in order, one at a time; a step with {@code repeat} runs its
 * occurrences before the next step. The first step occurrence without a {@code sent},
 * {@code done} or {@code skipped} touch is the next action. Its due time is:
 * <ol>
 *   <li>nominal: {@code day: N} is the window opening on calendar day N (day 1 = the start
 *       date, the contact's local date); {@code after: X} is X after the enrollment's last touch
 *       actually done (the window opening of day 1 when there is none); occurrence k+1 of a
 *       repeating step is {@code every} after occurrence k was done (or came due and was
 *       skipped). Days and business days keep the local time of day; hours and minutes are
 *       exact durations. A {@code day:} step never comes due on the same local day as a
 *       previous touch that was done late (a late touch is never bunched with the next);</li>
 *   <li>pushed later by {@code min_gap} since the contact's last touch on any sequence and by
 *       {@code per_week} (at most N touches in any 7 × 24 h), counting touches {@code sent},
 *       {@code done}, {@code sending} and {@code in_doubt}; and by a pause;</li>
 *   <li>moved forward to the first instant inside the send window (the sequence's, else the
 *       workspace's) on a business day, in the contact's time zone: see {@link SendWindow}.</li>
 * </ol>
 *
 * <p>A step's {@code if:}/{@code unless:} is checked when it comes due (so a field filled in or
 * an event received meanwhile counts); one that does not apply is returned among
 * {@link NextAction#skips()} and the walk goes on. Touches in flight decide as follows:
 * {@code sending} (a run is at it) and {@code in_doubt} (a run died during the send) hold the
 * enrollment, never sent again automatically; {@code failed} (a temporary failure: permanent
 * ones are bounces, which stop the enrollment) is retried after a back-off of 30 minutes
 * doubling per attempt up to 24 hours, and holds the enrollment after
 * {@value #MAX_FAILED_ATTEMPTS} attempts.
 *
 * <p>Stops come before everything: the enrollment's own state, suppression, then any event of
 * the sequence's {@code stop_on} at or after the enrollment started (the earlier of its
 * creation and the start of day 1).
 */
public final class Schedule {
    /** Failed attempts of one touch after which it is held for a person instead of retried. */
    public static final int MAX_FAILED_ATTEMPTS = 5;
    static final Duration RETRY_BASE = Duration.ofMinutes(30);
    static final Duration RETRY_MAX = Duration.ofHours(24);
    private static final int MAX_SKIPS = 1000;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final BusinessCalendar calendar;
    private final Window defaultWindow;
    private final Caps caps;
    private final ZoneId defaultZone;
    private final Clock clock;

    public Schedule(BusinessCalendar calendar, Window defaultWindow, Caps caps, ZoneId defaultZone, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.defaultWindow = Objects.requireNonNull(defaultWindow, "defaultWindow");
        this.caps = Objects.requireNonNull(caps, "caps");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The workspace's calendar (with its holidays), window, caps and default time zone. */
    public static Schedule of(WorkspaceConfig config, Clock clock) {
        return new Schedule(BusinessCalendar.of(config), config.window(), config.caps(), config.timezone(), clock);
    }

    /** The same schedule read at another time. */
    public Schedule withClock(Clock other) {
        return new Schedule(calendar, defaultWindow, caps, defaultZone, other);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public Clock clock() {
        return clock;
    }

    /** The contact's time zone; the workspace's when it has none or this JVM does not know it. */
    public ZoneId zoneOf(Contact c) {
        return zoneOf(c.timezone(), defaultZone);
    }

    /** {@code timezone} as a zone, or {@code fallback} when blank or unknown. */
    public static ZoneId zoneOf(String timezone, ZoneId fallback) {
        if (timezone != null && !timezone.isBlank()) {
            try {
                return ZoneId.of(timezone.strip());
            } catch (DateTimeException e) {
                // unknown to this JVM: the workspace zone rather than nothing
            }
        }
        return fallback;
    }

    /** The sequence's window, else the workspace's. */
    public Window windowOf(Sequence s) {
        return s.window().orElse(defaultWindow);
    }

    /** Where and when this sequence may reach this contact. */
    public SendWindow sendWindow(Sequence s, Contact c) {
        return new SendWindow(windowOf(s), calendar, zoneOf(c));
    }

    /** When the enrollment began: the earlier of its creation and the start of day 1 in {@code zone}. */
    public static Instant enrollmentStart(Enrollment e, ZoneId zone) {
        Instant day1 = e.startDate().atStartOfDay(zone).toInstant();
        return e.createdAt() != null && e.createdAt().isBefore(day1) ? e.createdAt() : day1;
    }

    /** The enrollment's next action at the clock's now. */
    public NextAction next(Sequence seq, Enrollment e, ContactHistory h) {
        if (!seq.name().equals(e.sequence())) {
            throw new IllegalArgumentException("enrollment " + e.id() + " is in " + e.sequence() + ", not " + seq.name());
        }
        return new Walk(seq, e, h, clock.instant()).run();
    }

    /** One computation; fields instead of long parameter lists. */
    private final class Walk {
        final Sequence seq;
        final Enrollment e;
        final ContactHistory h;
        final Instant now;
        final ZoneId zone;
        final SendWindow sw;
        final Instant start;
        final List<Skip> skips = new ArrayList<>();

        Walk(Sequence seq, Enrollment e, ContactHistory h, Instant now) {
            this.seq = seq;
            this.e = e;
            this.h = h;
            this.now = now;
            this.zone = zoneOf(h.contact());
            this.sw = new SendWindow(windowOf(seq), calendar, zone);
            this.start = enrollmentStart(e, zone);
        }

        NextAction run() {
            if (e.state() == EnrollmentState.COMPLETED) {
                return finished("the enrollment is completed");
            }
            if (e.state() == EnrollmentState.STOPPED) {
                String reason = e.stopReason() == null || e.stopReason().isBlank() ? "stopped" : e.stopReason();
                return stopped(reason, "the enrollment was stopped (" + reason + ")");
            }
            if (h.suppressed()) {
                return stopped("suppressed", h.contact().email() + " is on the suppression list: nothing more is due");
            }
            Optional<Event> stop = h.events().stream()
                    .filter(ev -> seq.stopOn().contains(ev.type()) && !ev.at().isBefore(start))
                    .min(Comparator.comparing(Event::at));
            if (stop.isPresent()) {
                EventType type = stop.get().type();
                return stopped(type.id(), "stopped by a " + type.id() + " on " + fmt(stop.get().at())
                        + " (stop_on: " + seq.stopOnOrdered().stream().map(EventType::id).collect(Collectors.joining(", "))
                        + ")");
            }
            return walk();
        }

        NextAction walk() {
            List<Touch> mine = h.touchesOf(e.id());
            Map<String, Touch> byKey = new HashMap<>();
            for (Touch t : mine) {
                if (t.stepId() != null) byKey.merge(key(t.stepId(), t.occurrence()), t, (a, b) -> b.id() > a.id() ? b : a);
            }
            Conditions.Facts facts = new Conditions.Facts(h.contact(), mine, h.events(), start);
            boolean pausedForGood = e.state() == EnrollmentState.PAUSED && e.pausedUntil() == null;
            LocalDate pauseDate = later(e.state() == EnrollmentState.PAUSED ? e.pausedUntil() : null,
                    h.contact().pausedUntil());
            Instant pauseEnds = pauseDate == null ? null : sw.startOf(pauseDate);

            Touch prevDone = null;
            Step prevDoneStep = null;
            for (Step step : seq.steps()) {
                int times = step.repeat().map(r -> r.times().orElse(Integer.MAX_VALUE)).orElse(1);
                Instant prevOccurrence = null;
                for (int occ = 1; occ <= times; occ++) {
                    Touch t = byKey.get(key(step.id(), occ));
                    if (t != null && isDone(t)) {
                        prevDone = t;
                        prevDoneStep = step;
                        prevOccurrence = timeOf(t);
                        continue;
                    }
                    if (t != null && t.status() == TouchStatus.SKIPPED) {
                        prevOccurrence = t.dueAt() != null ? t.dueAt() : timeOf(t);
                        continue;
                    }
                    Plan plan = plan(step, occ, times, prevOccurrence, prevDone, prevDoneStep, t, pauseEnds);
                    if (t != null) {
                        Optional<NextAction> held = held(step, occ, t, plan);
                        if (held.isPresent()) return held.get();
                    }
                    if (pausedForGood) {
                        return action(Kind.PAUSED, step, occ, null, plan, "the enrollment is paused with no end date;"
                                + " " + describe(step, occ) + " comes next once it is resumed");
                    }
                    if (step.conditional() && !plan.due.isAfter(now) && skips.size() < MAX_SKIPS) {
                        Optional<String> why = Conditions.whyNot(step, facts);
                        if (why.isPresent()) {
                            skips.add(new Skip(step, occ, plan.due, why.get()));
                            prevOccurrence = plan.due;
                            continue;
                        }
                    }
                    if (pauseEnds != null && now.isBefore(pauseEnds)) {
                        return action(Kind.PAUSED, step, occ, plan.due, plan, "paused until " + pauseDate.format(DAY)
                                + "; then " + describe(step, occ) + " is due " + fmt(plan.due) + "; " + String.join("; ", plan.why));
                    }
                    Kind kind = step.automatic() ? Kind.AUTO : Kind.MANUAL;
                    return action(kind, step, occ, plan.due, plan, dueText(step, occ, plan, facts));
                }
            }
            return finished("all " + seq.steps().size() + (seq.steps().size() == 1 ? " step is" : " steps are")
                    + " done or skipped");
        }

        /** The step's due time and the reasons it is what it is. */
        Plan plan(Step step, int occ, int times, Instant prevOccurrence, Touch prevDone, Step prevDoneStep, Touch self,
                  Instant pauseEnds) {
            List<String> why = new ArrayList<>();
            Instant nominal;
            if (occ > 1) {
                Span every = step.repeat().orElseThrow().every();
                nominal = plus(prevOccurrence, every);
                why.add("occurrence " + occ + (times == Integer.MAX_VALUE ? "" : " of " + times) + ", " + every
                        + " after the previous one (" + fmt(prevOccurrence) + ")");
            } else if (step.timing() instanceof Timing.Day day) {
                LocalDate date = e.startDate().plusDays(day.n() - 1L);
                nominal = sw.opening(date);
                why.add("planned for day " + day.n() + " (" + date.format(DAY) + ")");
            } else {
                Span span = ((Timing.After) step.timing()).span();
                if (prevDone != null) {
                    nominal = plus(timeOf(prevDone), span);
                    why.add("planned " + span + " after the previous touch (" + prevDoneStep.id() + ", "
                            + fmt(timeOf(prevDone)) + ")");
                } else {
                    nominal = plus(sw.opening(e.startDate()), span);
                    why.add("planned " + span + " after the start (" + e.startDate().format(DAY) + ")");
                }
            }
            Instant lower = nominal;
            if (occ == 1 && step.timing() instanceof Timing.Day day && prevDone != null && !sameDay(prevDoneStep, prevDone, day)) {
                Instant nextDay = sw.opening(calendar.onOrAfter(sw.dateOf(timeOf(prevDone)).plusDays(1)));
                if (nextDay.isAfter(lower)) {
                    lower = nextDay;
                    why.add("the previous touch was done late (" + fmt(timeOf(prevDone))
                            + "); the next one waits for the next business day rather than bunching with it");
                }
            }
            if (self != null && self.status() == TouchStatus.FAILED) {
                Instant retry = timeOf(self).plus(backoff(self.attempts()));
                if (retry.isAfter(lower)) lower = retry;
                why.add("attempt " + Math.max(1, self.attempts()) + " failed" + (self.error() == null ? "" : " (" + self.error() + ")")
                        + "; retried from " + fmt(retry));
            }
            if (pauseEnds != null && pauseEnds.isAfter(lower)) {
                lower = pauseEnds;
            }
            lower = caps(self, lower, why);
            Instant due = sw.firstOpenAtOrAfter(lower);
            if (!due.equals(lower)) why.add(moved(lower, due));
            return new Plan(nominal, due, why);
        }

        /** Pushes {@code t} later by min_gap and per_week (design §6 point 3). */
        Instant caps(Touch self, Instant t, List<String> why) {
            List<Touch> counted = h.touches().stream().filter(x -> x != self && countsForCaps(x) && timeOf(x) != null)
                    .sorted(Comparator.comparing(Schedule::timeOf).reversed()).toList();
            Instant bound = t;
            if (caps.minGap().isPresent() && !counted.isEmpty()) {
                Touch last = counted.get(0);
                Instant b = timeOf(last).plus(caps.minGap().get());
                if (b.isAfter(bound)) {
                    bound = b;
                    why.add("min_gap " + human(caps.minGap().get()) + " since the contact's last touch ("
                            + last.channel().id() + (last.sequence() == null ? "" : " in " + last.sequence()) + ", "
                            + fmt(timeOf(last)) + ")");
                }
            }
            if (caps.perWeek().isPresent() && counted.size() >= caps.perWeek().get()) {
                int n = caps.perWeek().get();
                Instant b = timeOf(counted.get(n - 1)).plus(Duration.ofDays(7));
                if (b.isAfter(bound)) {
                    bound = b;
                    why.add("per_week " + n + ": " + n + (n == 1 ? " touch" : " touches") + " since "
                            + fmt(timeOf(counted.get(n - 1))) + ", so the next waits until 7 days after the oldest of them");
                }
            }
            return bound;
        }

        Optional<NextAction> held(Step step, int occ, Touch t, Plan plan) {
            String what = describe(step, occ);
            String text = switch (t.status()) {
                case SENDING -> what + " is being sent by a run (claimed " + fmt(timeOf(t))
                        + "); if that run died it is marked in doubt, never sent twice";
                case IN_DOUBT -> what + " is in doubt: a run died while sending it (" + fmt(timeOf(t))
                        + "), so it may have reached the contact. It is never re-sent automatically: check, then"
                        + " resend it (run --resend-in-doubt) or record it";
                case FAILED -> t.attempts() >= MAX_FAILED_ATTEMPTS
                        ? what + " failed " + t.attempts() + " times (last: " + (t.error() == null ? "no reply" : t.error())
                        + "); it is not retried any more: fix the cause, then resend or skip it"
                        : null;
                default -> null;
            };
            if (text == null) return Optional.empty();
            return Optional.of(new NextAction(Kind.HELD, Optional.of(step), occ, Optional.empty(), Optional.of(plan.nominal),
                    variant(step, t), skips, Optional.empty(), Optional.empty(), withSkips(text)));
        }

        String dueText(Step step, int occ, Plan plan, Conditions.Facts facts) {
            StringBuilder b = new StringBuilder(describe(step, occ));
            if (plan.due.isAfter(now)) {
                b.append(" is due ").append(fmt(plan.due));
            } else {
                long late = java.time.temporal.ChronoUnit.DAYS.between(sw.dateOf(plan.due), sw.dateOf(now));
                b.append(" is due now (since ").append(fmt(plan.due));
                if (late > 0) b.append(", ").append(late).append(late == 1 ? " day" : " days").append(" overdue");
                b.append(')');
                if (step.automatic() && !sw.contains(now)) {
                    b.append("; outside the window now, so it goes at the next opening, ")
                            .append(fmt(sw.nextOpeningAfter(now)));
                }
            }
            b.append(": ").append(String.join("; ", plan.why));
            b.append("; window ").append(sw.window()).append(" in the contact's time (").append(zone.getId()).append(')');
            if (step.conditional() && plan.due.isAfter(now)) {
                Optional<String> miss = Conditions.whyNot(step, facts);
                b.append("; its condition is checked when due: ").append(miss.map(m -> "not met now, " + m)
                        .orElse("holds now"));
            }
            if (!step.automatic()) b.append("; manual: the sequence waits until it is logged or skipped");
            return b.toString();
        }

        NextAction action(Kind kind, Step step, int occ, Instant due, Plan plan, String text) {
            return new NextAction(kind, Optional.of(step), occ, Optional.ofNullable(due), Optional.of(plan.nominal),
                    variant(step, null), skips, Optional.empty(), Optional.empty(), withSkips(text));
        }

        NextAction finished(String text) {
            return new NextAction(Kind.FINISHED, Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                    skips, Optional.empty(), seq.onCompleteEnroll(),
                    withSkips(text + seq.onCompleteEnroll().map(s -> "; continues in sequence " + s).orElse("")));
        }

        NextAction stopped(String reason, String text) {
            return new NextAction(Kind.STOPPED, Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), Optional.of(reason), Optional.empty(), text);
        }

        String withSkips(String text) {
            if (skips.isEmpty()) return text;
            return text + "; skipped: " + skips.stream().map(s -> s.step().id() + (s.occurrence() > 1 ? " #" + s.occurrence() : "")
                    + " (" + s.reason() + ")").collect(Collectors.joining(", "));
        }

        /** The variant already recorded for this step in the enrollment, else the deterministic one. */
        Optional<String> variant(Step step, Touch self) {
            if (step.variants().isEmpty()) return Optional.empty();
            Optional<String> recorded = h.touchesOf(e.id()).stream()
                    .filter(t -> step.id().equals(t.stepId()) && t.variant() != null)
                    .map(Touch::variant).filter(v -> step.variants().stream().anyMatch(x -> x.id().equals(v))).findFirst();
            return recorded.isPresent() ? recorded : Variants.assign(h.contact().emailNorm(), seq.name(), step);
        }

        String describe(Step step, int occ) {
            return step.id() + " (" + step.channel().id() + (step.automatic() ? "" : ", manual") + ", "
                    + step.timing().describe() + (occ > 1 ? ", occurrence " + occ : "") + ")";
        }

        /** {@code t} plus a span, in the contact's zone: days keep the local time, business days too. */
        Instant plus(Instant t, Span span) {
            return switch (span.unit()) {
                case MINUTES, HOURS -> t.plus(span.toDuration());
                case DAYS, WEEKS -> t.atZone(zone).plusDays(span.calendarDays()).toInstant();
                case BUSINESS_DAYS -> {
                    ZonedDateTime local = t.atZone(zone);
                    LocalDate d = calendar.plusBusinessDays(local.toLocalDate(), span.amount());
                    yield SendWindow.instantOf(d.atTime(local.toLocalTime()), zone);
                }
            };
        }

        /** Why the window moved {@code from} to {@code to}, in words. */
        String moved(Instant from, Instant to) {
            ZonedDateTime f = from.atZone(zone);
            LocalDate fd = f.toLocalDate();
            LocalDate td = sw.dateOf(to);
            List<String> parts = new ArrayList<>();
            if (!calendar.isBusinessDay(fd)) {
                parts.add(fd.format(DAY) + ": " + calendar.whyNot(fd).orElse("not a business day"));
            } else if (f.toLocalTime().isBefore(sw.window().open())) {
                parts.add(fmt(from) + " is before the window opens");
            } else {
                parts.add(fmt(from) + " is after the window closed");
            }
            for (LocalDate d = fd.plusDays(1); d.isBefore(td); d = d.plusDays(1)) {
                Optional<String> holiday = calendar.holiday(d);
                if (holiday.isPresent() && calendar.businessDays().contains(d.getDayOfWeek())) {
                    parts.add(d.format(DAY) + ": " + holiday.get());
                }
            }
            return String.join("; ", parts) + "; moved to " + fmt(to);
        }

        String fmt(Instant t) {
            return t.atZone(zone).format(WHEN);
        }
    }

    private record Plan(Instant nominal, Instant due, List<String> why) {}

    private static boolean sameDay(Step prevStep, Touch prevDone, Timing.Day day) {
        return prevDone.occurrence() == 1 && prevStep.timing() instanceof Timing.Day d && d.n() == day.n();
    }

    static Duration backoff(int attempts) {
        int n = Math.max(1, attempts);
        if (n > 12) return RETRY_MAX;
        Duration d = RETRY_BASE.multipliedBy(1L << (n - 1));
        return d.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : d;
    }

    static boolean isDone(Touch t) {
        return t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE;
    }

    /** Touches that reached (or may have reached) the contact: they count for min_gap and per_week. */
    static boolean countsForCaps(Touch t) {
        return switch (t.status()) {
            case SENT, DONE, SENDING, IN_DOUBT -> true;
            case FAILED, SKIPPED -> false;
        };
    }

    /** When a touch happened: {@code at}, else when it was recorded. */
    static Instant timeOf(Touch t) {
        return t.at() != null ? t.at() : t.createdAt();
    }

    private static String key(String stepId, int occ) {
        return stepId + '\0' + occ;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }

    static String human(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        if (d.toMinutes() % 60 == 0) return d.toHours() + "h";
        return d.toMinutes() + "m";
    }
}
