package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Schedule;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings {@code enrollments.next_due_at} up to date before anything reads it ({@code due},
 * {@code preview}, {@code run}). The ledger flags ({@code needs_schedule}, migration V4) every
 * enrollment whose due time a write may have moved; this recomputes exactly those with
 * {@link DueUpdater} (recording skips, stopping, completing), plus the paused enrollments whose
 * pause has come to its end, chains a completed enrollment into its sequence's
 * {@code on_complete} through the {@link Enroller} (whose new enrollment is computed in the next
 * pass), and leaves the rest of the ledger alone: its cost is the number of changes.
 *
 * <p>An enrollment that cannot be computed (its sequence file was removed or has problems) keeps
 * its flag, so it is computed once fixed, and is reported in {@link Result#problems()}.
 */
public final class DueRefresher {
    private static final int PAGE = 500;
    private static final int MAX_PASSES = 5;

    private final Ledger ledger;
    private final SequenceLibrary library;
    private final Schedule schedule;
    private final DueUpdater updater;
    private final Enroller enroller;

    public DueRefresher(Ledger ledger, SequenceLibrary library, Schedule schedule, Enroller enroller) {
        this.ledger = ledger;
        this.library = library;
        this.schedule = schedule;
        this.updater = new DueUpdater(ledger, library, schedule);
        this.enroller = enroller;
    }

    public DueUpdater updater() {
        return updater;
    }

    /**
     * What a refresh did: how many enrollments it recomputed, the completions chained into
     * another sequence ("ana@example.com: cold-outbound completed, enrolled in nurture" or why
     * not), and the enrollments it could not compute.
     */
    public record Result(int recomputed, List<String> chained, List<String> problems) {}

    /** Recomputes every flagged enrollment, and the paused ones whose pause is over. */
    public Result refresh() {
        Instant now = schedule.clock().instant();
        int recomputed = 0;
        List<String> chained = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<Long> failed = new HashSet<>();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int inPass = 0;
            long after = 0;
            while (true) {
                List<Long> ids = ledger.enrollments().needsSchedule(after, now, PAGE);
                if (ids.isEmpty()) break;
                after = ids.get(ids.size() - 1);
                List<Long> todo = ids.stream().filter(id -> !failed.contains(id)).toList();
                inPass += todo.size();
                List<String> pageChained = new ArrayList<>();
                if (inOneTransaction(todo, pageChained)) {
                    chained.addAll(pageChained);
                    recomputed += todo.size();
                    continue;
                }
                for (long id : todo) {
                    try {
                        recompute(id).ifPresent(chained::add);
                        recomputed++;
                    } catch (CadenceException e) {
                        failed.add(id);
                        problems.add(e.getMessage());
                    }
                }
            }
            if (inPass == 0) break;
        }
        return new Result(recomputed, chained, problems);
    }

    /**
     * Recomputes a page of enrollments in one transaction (one commit instead of one per
     * enrollment; {@link DueUpdater#updateAll}); false, with everything rolled back, when one of
     * them cannot be computed (the caller then goes one by one and reports it), or when a caller's
     * transaction is open (a failure could not be rolled back alone).
     */
    private boolean inOneTransaction(List<Long> ids, List<String> chained) {
        if (ledger.jdbc().isInTransaction()) return false;
        try {
            ledger.inTransaction(() -> updater.updateAll(ids, c -> {
                if (c.action().kind() == NextAction.Kind.FINISHED) {
                    chain(c.before(), new DueUpdater.Update(ledger.enrollments().findById(c.before().id()).orElseThrow(),
                            c.action(), c.skipped())).ifPresent(chained::add);
                }
            }, (id, e) -> {
                throw e;
            }));
            return true;
        } catch (CadenceException e) {
            chained.clear();
            return false;
        }
    }

    /**
     * Recomputes one enrollment and, when it just completed and its sequence chains, enrolls the
     * contact in the next sequence; returns what the chaining did.
     */
    public Optional<String> recompute(long enrollmentId) {
        return ledger.inTransaction(() -> {
            Enrollment before = ledger.enrollments().findById(enrollmentId)
                    .orElseThrow(() -> CadenceException.invalid("no enrollment " + enrollmentId));
            return chain(before, updater.update(enrollmentId));
        });
    }

    /**
     * After {@code u} recomputed the enrollment that was {@code before}: when it just completed and
     * its sequence chains ({@code on_complete}), enrolls the contact in the next sequence (in the
     * caller's transaction); returns what the chaining did. Used by {@code log} and {@code skip}
     * too, whose last manual step can complete a sequence.
     */
    public Optional<String> chain(Enrollment before, DueUpdater.Update u) {
        return ledger.inTransaction(() -> {
            boolean justCompleted = before.state().isOpen() && u.enrollment().state() == EnrollmentState.COMPLETED;
            if (!justCompleted || u.chainTo().isEmpty()) return Optional.<String>empty();
            Contact contact = ledger.contacts().findById(before.contactId()).orElseThrow();
            String next = u.chainTo().get();
            Optional<Sequence> seq = library.find(next);
            if (seq.isEmpty()) {
                return Optional.of(contact.email() + ": " + before.sequence() + " completed; on_complete names sequence '"
                        + next + "', which is not defined in sequences/");
            }
            Enroller.Result r = enroller.enroll(contact, seq.get(), null);
            if (r instanceof Enroller.Enrolled) {
                return Optional.of(contact.email() + ": " + before.sequence() + " completed, enrolled in " + next);
            }
            return Optional.of(contact.email() + ": " + before.sequence() + " completed, not enrolled in " + next + ": "
                    + ((Enroller.Refused) r).reason());
        });
    }
}
