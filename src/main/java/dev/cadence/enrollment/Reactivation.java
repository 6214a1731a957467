package dev.cadence.enrollment;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.ContactRepository;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.Span;
import dev.cadence.schedule.BusinessCalendar;
import dev.cadence.schedule.Schedule;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picking silent contacts up again (issue 6): {@code cadence reactivate} and the {@code silence}
 * rule ({@link SilenceRule}). A contact is silent for a span when it was added to the ledger at
 * least that long ago and had no touch that reached it (sent, done, being sent, in doubt) and no
 * event since, and is not active or paused in any sequence. Enrolling goes through the
 * {@link Enroller} (suppression, reenroll and exclusive rules: refusals are answers with their
 * reason) and stores the new enrollment's due time through the {@link DueUpdater}.
 */
public final class Reactivation {
    private final Ledger ledger;
    private final WorkspaceConfig config;
    private final Clock clock;
    private final Enroller enroller;
    private final DueUpdater dueUpdater;
    private final BusinessCalendar calendar;

    public Reactivation(Ledger ledger, SequenceLibrary library, WorkspaceConfig config, Clock clock) {
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
        this.enroller = new Enroller(ledger, library, clock, config.timezone());
        Schedule schedule = Schedule.of(config, clock);
        this.dueUpdater = new DueUpdater(ledger, library, schedule);
        this.calendar = schedule.calendar();
    }

    /** A silent contact: when anything last happened to it, and how many whole days ago. */
    public record Candidate(Contact contact, Instant lastActivity, long silentDays) {}

    /** What became of a candidate. */
    public enum Status { ENROLLED, WOULD_ENROLL, REFUSED }

    /** The answer for one candidate: the new enrollment when enrolled, the reason when refused. */
    public record Answer(Candidate candidate, Status status, Optional<Enrollment> enrollment, Optional<String> reason) {}

    /** Which contacts to look at: null stage/owner mean any; {@code notStage} leaves one stage out. */
    public record Filter(String stage, String owner, String notStage, boolean withSuppressed) {
        public static final Filter ALL = new Filter(null, null, null, true);
    }

    public Enroller enroller() {
        return enroller;
    }

    /**
     * The instant {@code span} before now: calendar days and weeks in the workspace time zone
     * (DST-correct), hours and minutes exact, business days by the workspace calendar.
     */
    public Instant cutoff(Span span) {
        Instant now = clock.instant();
        ZoneId zone = config.timezone();
        ZonedDateTime local = now.atZone(zone);
        return switch (span.unit()) {
            case MINUTES, HOURS -> now.minus(span.toDuration());
            case DAYS, WEEKS -> local.minusDays(span.calendarDays()).toInstant();
            case BUSINESS_DAYS -> {
                LocalDate d = local.toLocalDate();
                for (long left = span.amount(); left > 0; ) {
                    d = d.minusDays(1);
                    if (calendar.isBusinessDay(d)) left--;
                }
                yield d.atTime(local.toLocalTime()).atZone(zone).toInstant();
            }
        };
    }

    /** Contacts silent for {@code span}, by id (one indexed pass over contacts: see the repository). */
    public List<Candidate> silent(Span span, Filter filter) {
        Instant cutoff = cutoff(span);
        Instant now = clock.instant();
        List<Candidate> out = new ArrayList<>();
        ledger.contacts().forEachSilent(cutoff, filter.stage(), filter.owner(), filter.notStage(),
                filter.withSuppressed(), (ContactRepository.Silent s) -> out.add(new Candidate(s.contact(),
                        s.lastActivity(), s.lastActivity() == null ? 0 : Duration.between(s.lastActivity(), now).toDays())));
        return out;
    }

    /**
     * Enrolls each candidate in {@code sequence} (day 1 today in its time zone), or with
     * {@code dryRun} only says whether it would be; each enrollment is its own transaction with
     * its due time stored, so a refusal or a failure later never undoes one already made.
     */
    public List<Answer> enroll(List<Candidate> candidates, Sequence sequence, boolean dryRun) {
        List<Answer> out = new ArrayList<>();
        for (Candidate c : candidates) out.add(enroll(c, sequence, dryRun));
        return out;
    }

    public Answer enroll(Candidate c, Sequence sequence, boolean dryRun) {
        if (dryRun) {
            Optional<String> why = enroller.refusal(c.contact(), sequence);
            return new Answer(c, why.isPresent() ? Status.REFUSED : Status.WOULD_ENROLL, Optional.empty(), why);
        }
        return ledger.inTransaction(() -> {
            Enroller.Result r = enroller.enroll(c.contact(), sequence, null);
            if (r instanceof Enroller.Refused no) return new Answer(c, Status.REFUSED, Optional.empty(), Optional.of(no.reason()));
            Enrollment e = ((Enroller.Enrolled) r).enrollment();
            Enrollment now = dueUpdater.update(e.id()).enrollment();
            return new Answer(c, Status.ENROLLED, Optional.of(now), Optional.empty());
        });
    }
}
