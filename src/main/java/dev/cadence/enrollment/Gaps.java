package dev.cadence.enrollment;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.ContactRepository;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.schedule.ContactHistory;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Schedule;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The continuity report ({@code cadence gaps}, issue 6): every place where follow-up has
 * stopped without anyone deciding so. Read-only: it computes, it never writes.
 *
 * <ul>
 *   <li>{@link Kind#FINISHED_NO_OUTCOME}, {@link Kind#ALL_SKIPPED}, {@link Kind#NO_SEQUENCE}:
 *       active contacts (not suppressed, not in the closed stage, see {@link Stages}) with no
 *       active or paused enrollment, whose last enrollment completed with no reply, meeting or
 *       purchase since it began (all its steps skipped: the second kind), or that never were in
 *       a sequence while in an early stage (or no stage);</li>
 *   <li>{@link Kind#MANUAL_OVERDUE}: a manual step blocking its enrollment, due before today
 *       in the contact's time zone; {@link Kind#LATE}: an automatic touch due more than a day
 *       ago and not sent (is {@code cadence run} running?);</li>
 *   <li>{@link Kind#IN_DOUBT}, {@link Kind#FAILED}: touches of open enrollments (or off-sequence)
 *       in those states;</li>
 *   <li>{@link Kind#SILENT}: active contacts silent past the {@code silence} rule
 *       ({@link SilenceRule}, applied as a dry run), unless already listed above.</li>
 * </ul>
 *
 * <p>Cost: the overdue kinds read only the enrollments the indexed due query returns (active,
 * due by now) plus the active ones with no stored due time, then recompute each with the
 * schedule (the cached due time is an index, not the truth); in-doubt and failed touches come
 * from the status index. The no-next-action and silence kinds are absences, so they take one
 * pass over contacts in SQL with indexed probes per contact, and load details only for the
 * contacts they list.
 */
public final class Gaps {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    /** The kinds of gap, in the order the report lists them. */
    public enum Kind {
        MANUAL_OVERDUE, IN_DOUBT, FAILED, LATE, FINISHED_NO_OUTCOME, ALL_SKIPPED, NO_SEQUENCE, SILENT;

        /** {@code manual_overdue}, ...: as printed and in JSON/CSV. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One line of the report. {@code sequence}/{@code step} may be null; {@code days} is how long
     * the gap has lasted (overdue, silent, since completed, since the touch), in whole days;
     * {@code detail} says what happened and what to do.
     */
    public record Gap(Kind kind, long contactId, String email, String name, String owner, String sequence, String step,
                      long days, String detail) {}

    private final Ledger ledger;
    private final SequenceLibrary library;
    private final WorkspaceConfig config;
    private final Clock clock;
    private final Schedule schedule;
    private final SilenceRule silence;

    public Gaps(Ledger ledger, SequenceLibrary library, WorkspaceConfig config, Clock clock) {
        this.ledger = ledger;
        this.library = library;
        this.config = config;
        this.clock = clock;
        this.schedule = Schedule.of(config, clock);
        this.silence = new SilenceRule(ledger, library, config, clock);
    }

    /** Every gap, by kind, then the longest first; {@code owner} non-null keeps that owner's contacts. */
    public List<Gap> find(String owner) {
        Instant now = clock.instant();
        Map<Long, Contact> contacts = new HashMap<>();
        List<Gap> out = new ArrayList<>();
        overdue(now, contacts, out);
        unresolved(now, contacts, out);
        Set<Long> idle = new HashSet<>();
        idle(now, out, idle);
        silent(out, idle);
        List<Gap> kept = owner == null ? out : out.stream().filter(g -> owner.equals(g.owner())).toList();
        return kept.stream().sorted(Comparator.comparing(Gap::kind).thenComparing(Comparator.comparingLong(Gap::days)
                .reversed()).thenComparingLong(Gap::contactId)).toList();
    }

    // ------------------------------------------------------------ overdue and late

    private void overdue(Instant now, Map<Long, Contact> contacts, List<Gap> out) {
        Map<Long, Enrollment> candidates = new LinkedHashMap<>();
        for (Enrollment e : ledger.enrollments().findDue(now, Integer.MAX_VALUE)) candidates.put(e.id(), e);
        for (Enrollment e : ledger.enrollments().findActiveWithoutDueTime()) candidates.put(e.id(), e);
        Map<Long, ContactHistory> histories = new HashMap<>();
        for (Enrollment e : candidates.values()) {
            Optional<Sequence> seq = library.find(e.sequence());
            if (seq.isEmpty()) continue;
            Contact c = contact(e.contactId(), contacts);
            ContactHistory h = histories.computeIfAbsent(c.id(), id -> new ContactHistory(c,
                    ledger.touches().listByContact(id), ledger.events().listByContact(id),
                    ledger.suppressions().isSuppressed(c.emailNorm())));
            NextAction a = schedule.next(seq.get(), e, h);
            if (a.dueAt().isEmpty() || a.step().isEmpty()) continue;
            Instant due = a.dueAt().get();
            Step step = a.step().get();
            ZoneId zone = schedule.zoneOf(c);
            if (a.kind() == NextAction.Kind.MANUAL) {
                long days = ChronoUnit.DAYS.between(due.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
                if (days < 1) continue;
                out.add(gap(Kind.MANUAL_OVERDUE, c, e.sequence(), step.id(), days, step.channel().id() + " step "
                        + step.id() + " was due " + day(due, zone) + ", " + days + (days == 1 ? " day" : " days")
                        + " overdue; it blocks " + e.sequence() + ": do it and 'cadence log', or 'cadence skip'"
                        + " with a reason"));
            } else if (a.kind() == NextAction.Kind.AUTO && Duration.between(due, now).compareTo(Duration.ofDays(1)) > 0) {
                long days = Duration.between(due, now).toDays();
                out.add(gap(Kind.LATE, c, e.sequence(), step.id(), days, step.channel().id() + " step " + step.id()
                        + " was due " + day(due, zone) + " and is not sent yet; check that 'cadence run' runs"
                        + " (cron) and its log"));
            }
        }
    }

    // ------------------------------------------------------------ in doubt and failed

    private void unresolved(Instant now, Map<Long, Contact> contacts, List<Gap> out) {
        for (Touch t : ledger.touches().findUnresolved()) {
            Contact c = contact(t.contactId(), contacts);
            Instant when = t.at() != null ? t.at() : t.createdAt();
            long days = when == null ? 0 : Duration.between(when, now).toDays();
            String what = t.channel().id() + (t.stepId() == null ? " touch" : " step " + t.stepId());
            if (t.status() == TouchStatus.IN_DOUBT) {
                out.add(gap(Kind.IN_DOUBT, c, t.sequence(), t.stepId(), days, what + " is in doubt: a run died while"
                        + " sending it, so it may have reached them; check the mailbox or gateway, then"
                        + " 'cadence run --resend-in-doubt' or log it"));
            } else {
                boolean givenUp = t.attempts() >= Schedule.MAX_FAILED_ATTEMPTS;
                out.add(gap(Kind.FAILED, c, t.sequence(), t.stepId(), days, what + " failed"
                        + (t.attempts() > 1 ? " " + t.attempts() + " times" : "")
                        + (t.error() == null ? "" : " (" + t.error() + ")")
                        + (givenUp ? "; no longer retried: fix the cause, then resend or skip it"
                                : "; retried automatically, fix the cause if it persists")));
            }
        }
    }

    // ------------------------------------------------------------ no next action

    private void idle(Instant now, List<Gap> out, Set<Long> listed) {
        String closed = Stages.closed(config);
        for (ContactRepository.Idle i : ledger.contacts().findIdle(closed, Stages.early(config))) {
            Contact c = i.contact();
            ZoneId zone = schedule.zoneOf(c);
            listed.add(c.id());
            String close = closed == null ? "" : ", or move them to stage " + closed;
            if (i.lastEnrollmentId() == null) {
                long days = c.createdAt() == null ? 0 : Duration.between(c.createdAt(), now).toDays();
                out.add(gap(Kind.NO_SEQUENCE, c, null, null, days, "in stage "
                        + (c.stage() == null || c.stage().isBlank() ? "(none)" : c.stage())
                        + " and never in a sequence: nobody follows up; 'cadence enroll' them" + close));
                continue;
            }
            Enrollment e = ledger.enrollments().findById(i.lastEnrollmentId()).orElseThrow();
            long days = e.updatedAt() == null ? 0 : Duration.between(e.updatedAt(), now).toDays();
            List<Touch> touches = ledger.touches().listByEnrollment(e.id());
            boolean anyDone = touches.stream().anyMatch(t -> t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE);
            String when = e.updatedAt() == null ? "" : " on " + day(e.updatedAt(), zone);
            if (!anyDone) {
                out.add(gap(Kind.ALL_SKIPPED, c, e.sequence(), null, days, e.sequence() + " completed" + when
                        + " with every step skipped: they were never reached; enroll them in another sequence" + close));
            } else {
                out.add(gap(Kind.FINISHED_NO_OUTCOME, c, e.sequence(), null, days, e.sequence() + " completed" + when
                        + " with no reply, meeting or purchase and nothing follows; enroll them in the next sequence"
                        + close));
            }
        }
    }

    // ------------------------------------------------------------ silence

    private void silent(List<Gap> out, Set<Long> listed) {
        SilenceRule.Applied applied = silence.apply(true);
        if (applied.rule().isEmpty()) return;
        String after = applied.rule().get().after().toString();
        for (Reactivation.Candidate c : applied.flagged()) {
            if (listed.contains(c.contact().id())) continue;
            out.add(gap(Kind.SILENT, c.contact(), null, null, c.silentDays(), "no touch or event for " + c.silentDays()
                    + " days (silence rule: " + after + "); " + applied.problem().map(p -> p + "; meanwhile ")
                    .orElse("") + "decide the next touch: 'cadence enroll' or 'cadence reactivate'"));
        }
        for (Reactivation.Answer a : applied.answers()) {
            Reactivation.Candidate c = a.candidate();
            if (listed.contains(c.contact().id())) continue;
            String seq = applied.rule().get().enroll().orElseThrow();
            String then = a.status() == Reactivation.Status.REFUSED
                    ? "the silence rule cannot enroll them in " + seq + ": " + a.reason().orElse("refused")
                    + "; decide by hand"
                    : "the silence rule enrolls them in " + seq + " when 'cadence run' applies it (now: 'cadence"
                    + " reactivate --silent-for \"" + after + "\" --sequence " + seq + "')";
            out.add(gap(Kind.SILENT, c.contact(), null, null, c.silentDays(), "no touch or event for " + c.silentDays()
                    + " days (silence rule: " + after + "); " + then));
        }
    }

    // ------------------------------------------------------------ helpers

    private Contact contact(long id, Map<Long, Contact> cache) {
        return cache.computeIfAbsent(id, k -> ledger.contacts().findById(k).orElseThrow());
    }

    private static Gap gap(Kind kind, Contact c, String sequence, String step, long days, String detail) {
        String name = c.displayName();
        return new Gap(kind, c.id(), c.email(), name.equals(c.email()) ? null : name, c.owner(), sequence, step,
                Math.max(0, days), detail);
    }

    private static String day(Instant t, ZoneId zone) {
        LocalDate d = t.atZone(zone).toLocalDate();
        return d.format(DAY);
    }
}
