package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Suppression;
import dev.cadence.sequence.Reenroll;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Enrolls contacts in sequences, honouring the rules every way in goes through (import, the
 * {@code enroll} command, chaining, reactivation): suppression, one open enrollment per
 * sequence, the sequence's {@code reenroll} rule, and {@code exclusive} sequences. A refusal is
 * an answer with its reason, never a silent skip.
 */
public final class Enroller {
    private final Ledger ledger;
    private final SequenceLibrary library;
    private final Clock clock;
    private final ZoneId defaultZone;

    public Enroller(Ledger ledger, SequenceLibrary library, Clock clock, ZoneId defaultZone) {
        this.ledger = ledger;
        this.library = library;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    /** The outcome for one contact. */
    public sealed interface Result permits Enrolled, Refused {
        Contact contact();
    }

    public record Enrolled(Contact contact, Enrollment enrollment) implements Result {}

    public record Refused(Contact contact, String reason) implements Result {}

    /** The sequence by name; an unknown one is invalid input (exit 2) with a suggestion. */
    public Sequence sequence(String name) {
        return library.find(name).orElseThrow(() -> CadenceException.invalid("unknown sequence '" + name + "'"
                + SequenceLoader.hint(name, new java.util.TreeSet<>(library.names()))));
    }

    /** Why {@code contact} may not start {@code sequence} now, or empty when it may. */
    public Optional<String> refusal(Contact contact, Sequence sequence) {
        Optional<Suppression> s = ledger.suppressions().find(contact.emailNorm());
        if (s.isPresent()) return Optional.of("suppressed (" + s.get().reason().dbValue() + ")");
        List<Enrollment> all = ledger.enrollments().findByContact(contact.id());
        for (Enrollment e : all) {
            if (e.sequence().equals(sequence.name()) && e.state().isOpen()) {
                return Optional.of("already " + e.state().dbValue() + " in " + sequence.name());
            }
        }
        for (Enrollment e : all) {
            if (!e.sequence().equals(sequence.name())) continue;
            if (sequence.reenroll() == Reenroll.NEVER) {
                return Optional.of("was already in " + sequence.name() + " (" + e.state().dbValue()
                        + "); its reenroll rule is never");
            }
            if (sequence.reenroll() == Reenroll.AFTER_COMPLETE && e.state() == EnrollmentState.STOPPED) {
                return Optional.of("was stopped in " + sequence.name()
                        + (e.stopReason() == null ? "" : " (" + e.stopReason() + ")") + "; its reenroll rule is after-complete");
            }
        }
        if (sequence.exclusive()) {
            for (Enrollment e : all) {
                if (!e.state().isOpen() || e.sequence().equals(sequence.name())) continue;
                boolean otherExclusive = library.find(e.sequence()).map(Sequence::exclusive).orElse(true);
                if (otherExclusive) {
                    return Optional.of("already in exclusive sequence " + e.sequence());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Enrolls {@code contact} with day 1 on {@code start}, or today in the contact's time zone
     * when {@code start} is null; or says why not.
     */
    public Result enroll(Contact contact, Sequence sequence, LocalDate start) {
        return ledger.inTransaction(() -> {
            Optional<String> why = refusal(contact, sequence);
            if (why.isPresent()) return new Refused(contact, why.get());
            LocalDate day1 = start != null ? start : LocalDate.now(clock.withZone(zoneOf(contact)));
            return new Enrolled(contact, ledger.enrollments().enroll(contact.id(), sequence.name(), day1));
        });
    }

    private ZoneId zoneOf(Contact c) {
        if (c.timezone() != null) {
            try {
                return ZoneId.of(c.timezone());
            } catch (DateTimeException e) {
                // a zone the ledger accepted once but this JVM does not know: fall back
            }
        }
        return defaultZone;
    }
}
