package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.schedule.ContactHistory;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Schedule;
import dev.cadence.schedule.Skip;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@code enrollments.next_due_at} (design §6) in step with the ledger: reads an
 * enrollment, its contact's touches, events and suppression, asks the pure {@link Schedule}
 * for the next action, and stores what follows, in one transaction:
 * <ul>
 *   <li>each step that came due and whose condition failed becomes a {@code skipped} touch
 *       with the reason as its note (and its due time);</li>
 *   <li>a stop rule (reply, optout, bounce, meeting, suppression) stops the enrollment with
 *       the reason; all steps done completes it (chaining {@code on_complete} is the caller's:
 *       {@link Update#chainTo()});</li>
 *   <li>otherwise the next step, its occurrence and its due time are stored; a paused
 *       enrollment whose pause date has passed is made active again; a held step (in doubt,
 *       being sent, failed too often) stores no due time.</li>
 * </ul>
 * Call it after every change that can move the due time: a touch recorded, an event, a
 * contact edited, a pause or resume, an enrollment created.
 */
public final class DueUpdater {
    private final Ledger ledger;
    private final SequenceLibrary library;
    private final Schedule schedule;

    public DueUpdater(Ledger ledger, SequenceLibrary library, Schedule schedule) {
        this.ledger = ledger;
        this.library = library;
        this.schedule = schedule;
    }

    /** What one update found and stored. */
    public record Update(Enrollment enrollment, NextAction action, List<Touch> skipped) {
        /** The sequence to enroll in next when the enrollment just completed with {@code on_complete}. */
        public java.util.Optional<String> chainTo() {
            return action.kind() == NextAction.Kind.FINISHED ? action.onComplete() : java.util.Optional.empty();
        }
    }

    /** Recomputes and stores one enrollment's next action. An unknown enrollment or sequence is invalid input. */
    public Update update(long enrollmentId) {
        return ledger.inTransaction(() -> {
            Enrollment e = ledger.enrollments().findById(enrollmentId)
                    .orElseThrow(() -> CadenceException.invalid("no enrollment " + enrollmentId));
            Sequence seq = sequenceOf(e);
            Contact contact = ledger.contacts().findById(e.contactId())
                    .orElseThrow(() -> CadenceException.invalid("enrollment " + enrollmentId + " has no contact " + e.contactId()));
            ContactHistory history = new ContactHistory(contact, ledger.touches().listByContact(contact.id()),
                    ledger.events().listByContact(contact.id()), ledger.suppressions().isSuppressed(contact.emailNorm()));
            Computed c = compute(e, seq, history);
            return new Update(ledger.enrollments().findById(enrollmentId).orElseThrow(), c.action(), c.skipped());
        });
    }

    /** What the update of one enrollment of {@link #updateAll} computed and stored; {@code before}: as it was read. */
    public record Computed(Enrollment before, NextAction action, List<Touch> skipped) {}

    /**
     * {@link #update(long)} for each of {@code ids}, in the caller's transaction, their rows read in a
     * few set queries ({@link dev.cadence.ledger.DueQuery#byIds}) instead of six queries each. A
     * contact's second enrollment among them, or one missing from the rows, is updated the one-by-one
     * way: the first one's update may have written to the contact's history. Each result goes to
     * {@code each}; a {@link CadenceException} for one enrollment (its sequence gone) goes to
     * {@code failed}, which may rethrow it to roll the caller's transaction back.
     */
    public void updateAll(List<Long> ids, java.util.function.Consumer<Computed> each,
                          java.util.function.BiConsumer<Long, CadenceException> failed) {
        if (!ledger.jdbc().isInTransaction()) throw new IllegalStateException("updateAll needs the caller's transaction");
        dev.cadence.ledger.DueQuery.Rows rows = ledger.due().byIds(ids, false);
        java.util.Map<Long, Enrollment> byId = rows.enrollmentsById();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long id : ids) {
            try {
                Enrollment e = byId.get(id);
                Contact c = e == null ? null : rows.contacts().get(e.contactId());
                if (c == null || !seen.add(c.id())) {
                    Enrollment before = ledger.enrollments().findById(id)
                            .orElseThrow(() -> CadenceException.invalid("no enrollment " + id));
                    Update u = update(id);
                    each.accept(new Computed(before, u.action(), u.skipped()));
                } else {
                    each.accept(compute(e, sequenceOf(e), ContactHistory.of(c, rows)));
                }
            } catch (CadenceException ex) {
                failed.accept(id, ex);
            }
        }
    }

    private Sequence sequenceOf(Enrollment e) {
        return library.find(e.sequence()).orElseThrow(() -> CadenceException.invalid("enrollment "
                + e.id() + " is in sequence '" + e.sequence() + "', which is not defined in sequences/"));
    }

    private Computed compute(Enrollment e, Sequence seq, ContactHistory history) {
        Contact contact = history.contact();
        NextAction action = schedule.next(seq, e, history);
        List<Touch> skipped = new ArrayList<>();
        Instant now = schedule.clock().instant();
        for (Skip s : action.skips()) {
            skipped.add(ledger.touches().insert(new Touch(0, e.id(), contact.id(), seq.name(), s.step().id(),
                    s.occurrence(), s.step().channel(), s.step().automatic() ? TouchKind.AUTO : TouchKind.MANUAL,
                    TouchStatus.SKIPPED, null, s.reason(), null, null, null, null, null, 0, s.dueAt(), now, null)));
        }
        store(e, action);
        return new Computed(e, action, skipped);
    }

    /** Recomputes every open enrollment of a contact (caps count touches across sequences). */
    public List<Update> updateContact(long contactId) {
        return ledger.inTransaction(() -> {
            List<Update> out = new ArrayList<>();
            for (Enrollment e : ledger.enrollments().findActiveByContact(contactId)) out.add(update(e.id()));
            return out;
        });
    }

    private void store(Enrollment e, NextAction action) {
        var repo = ledger.enrollments();
        switch (action.kind()) {
            case STOPPED -> {
                if (e.state().isOpen()) repo.updateState(e.id(), EnrollmentState.STOPPED, action.stopReason().orElse("stopped"));
            }
            case FINISHED -> {
                if (e.state().isOpen()) {
                    repo.advance(e.id(), null, e.occurrence(), null);
                    repo.updateState(e.id(), EnrollmentState.COMPLETED, null);
                }
            }
            case AUTO, MANUAL, HELD, PAUSED -> {
                if (e.state() == EnrollmentState.PAUSED && action.kind() != NextAction.Kind.PAUSED) {
                    repo.updateState(e.id(), EnrollmentState.ACTIVE, null);
                }
                repo.advance(e.id(), action.step().orElseThrow().id(), action.occurrence(), action.nextDueAt());
            }
        }
    }
}
