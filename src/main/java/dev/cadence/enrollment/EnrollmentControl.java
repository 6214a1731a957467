package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.SequenceLoader;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pausing, resuming and stopping a contact's open enrollments by hand ({@code pause},
 * {@code resume}, {@code unenroll}). Idempotent: asking for the state an enrollment is already in
 * changes nothing and says so. Every change is recorded with its reason in the enrollment
 * history, so the contact's timeline shows it. Asking about an enrollment that is not open is
 * invalid input (exit 2) with a message saying what the contact is in.
 */
public final class EnrollmentControl {
    private final Ledger ledger;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final Set<String> knownSequences;

    /**
     * {@code knownSequences} (the workspace's sequence names) only serves "did you mean" when a
     * sequence name matches none of the contact's enrollments.
     */
    public EnrollmentControl(Ledger ledger, Clock clock, ZoneId defaultZone, Set<String> knownSequences) {
        this.ledger = ledger;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.knownSequences = knownSequences;
    }

    /** What happened to one enrollment; {@code before} is its state before, {@code after} after. */
    public record Outcome(Enrollment before, Enrollment after, boolean changed) {
        public String sequence() {
            return after.sequence();
        }
    }

    /**
     * Pauses the contact's open enrollments ({@code sequence} null: all of them) until
     * {@code until} (null: until resumed), a date in the contact's time zone that must be after
     * today there. An enrollment already paused until that same date is left alone; one paused
     * until another date gets the new one.
     */
    public List<Outcome> pause(Contact contact, String sequence, LocalDate until, String reason) {
        if (until != null) {
            ZoneId zone = zoneOf(contact);
            LocalDate today = LocalDate.now(clock.withZone(zone));
            if (!until.isAfter(today)) {
                throw CadenceException.invalid("--until " + until + " is not after today (" + today + " in "
                        + zone.getId() + " for " + contact.email() + ")");
            }
        }
        return ledger.inTransaction(() -> {
            List<Outcome> out = new ArrayList<>();
            for (Enrollment e : open(contact, sequence, "pause")) {
                boolean same = e.state() == EnrollmentState.PAUSED && Objects.equals(e.pausedUntil(), until);
                if (!same) ledger.enrollments().updateState(e.id(), EnrollmentState.PAUSED, reason, until);
                out.add(outcome(e, !same));
            }
            return out;
        });
    }

    /** Makes the contact's paused enrollments ({@code sequence} null: all of them) active again. */
    public List<Outcome> resume(Contact contact, String sequence, String reason) {
        return ledger.inTransaction(() -> {
            List<Outcome> out = new ArrayList<>();
            for (Enrollment e : open(contact, sequence, "resume")) {
                boolean paused = e.state() == EnrollmentState.PAUSED;
                if (paused) ledger.enrollments().updateState(e.id(), EnrollmentState.ACTIVE, reason);
                out.add(outcome(e, paused));
            }
            return out;
        });
    }

    /** Stops the contact's open enrollment in {@code sequence} for good, with a reason (required). */
    public Outcome unenroll(Contact contact, String sequence, String reason) {
        Objects.requireNonNull(sequence, "sequence");
        if (reason == null || reason.isBlank()) throw CadenceException.invalid("a reason is required to unenroll");
        return ledger.inTransaction(() -> {
            Enrollment e = open(contact, sequence, "unenroll").get(0);
            ledger.enrollments().updateState(e.id(), EnrollmentState.STOPPED, reason);
            return outcome(e, true);
        });
    }

    private Outcome outcome(Enrollment before, boolean changed) {
        return new Outcome(before, changed ? ledger.enrollments().findById(before.id()).orElseThrow() : before, changed);
    }

    /** The open enrollments to act on, or exit 2 saying why there is none. */
    private List<Enrollment> open(Contact contact, String sequence, String verb) {
        List<Enrollment> open = ledger.enrollments().findActiveByContact(contact.id());
        if (sequence == null) {
            if (open.isEmpty()) {
                throw CadenceException.invalid("nothing to " + verb + ": " + contact.email()
                        + " has no active or paused enrollment" + finished(contact));
            }
            return open;
        }
        List<Enrollment> in = open.stream().filter(e -> e.sequence().equals(sequence)).toList();
        if (!in.isEmpty()) return in;
        List<Enrollment> all = ledger.enrollments().findByContact(contact.id());
        Enrollment last = null;
        for (Enrollment e : all) if (e.sequence().equals(sequence)) last = e;
        String why;
        if (last != null) {
            why = "; its enrollment there is " + last.state().dbValue()
                    + (last.stopReason() == null ? "" : " (" + last.stopReason() + ")");
        } else {
            Set<String> names = new TreeSet<>(knownSequences);
            all.forEach(e -> names.add(e.sequence()));
            why = names.contains(sequence) ? "" : SequenceLoader.hint(sequence, names);
        }
        String now = open.isEmpty() ? "" : "; open: " + String.join(", ", open.stream().map(Enrollment::sequence).toList());
        throw CadenceException.invalid("cannot " + verb + ": " + contact.email() + " is not enrolled in " + sequence
                + why + now);
    }

    private String finished(Contact contact) {
        List<String> done = ledger.enrollments().findByContact(contact.id()).stream()
                .map(e -> e.sequence() + " " + e.state().dbValue()).toList();
        return done.isEmpty() ? "" : " (" + String.join(", ", done) + ")";
    }

    private ZoneId zoneOf(Contact c) {
        if (c.timezone() != null) {
            try {
                return ZoneId.of(c.timezone());
            } catch (DateTimeException e) {
                // a zone this JVM does not know: the workspace's, as the enroller does
            }
        }
        return defaultZone;
    }
}
