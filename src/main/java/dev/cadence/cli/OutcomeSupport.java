package dev.cadence.cli;

import dev.cadence.enrollment.Enroller;
import dev.cadence.enrollment.Outcomes;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.AsOf;
import java.io.PrintWriter;
import java.time.Instant;

/** What log and event share: {@code --at}, the core, and the lines that say what an event changed. */
final class OutcomeSupport {
    private OutcomeSupport() {}

    /** {@code --at} read like {@code --as-of} (a date or local time in the workspace time zone); null stays null. */
    static Instant at(Session session, String text) {
        if (text == null) return null;
        try {
            return AsOf.parse(text, session.workspace().config().timezone());
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid("--at: " + e.getMessage());
        }
    }

    static Outcomes outcomes(Session session, Ledger ledger) {
        return new Outcomes(ledger, ControlSupport.library(session), session.workspace().config(), session.clock());
    }

    /** One line per consequence: "stopped outbound: reply on 2026-03-05", "suppressed ...", "enrolled in ...". */
    static void print(PrintWriter out, String email, Outcomes.Effects effects) {
        for (Enrollment e : effects.stopped()) out.println("stopped " + e.sequence() + ": " + e.stopReason());
        effects.suppressed().ifPresent(r -> out.println("suppressed " + email + " for good (" + r.dbValue() + ")"));
        effects.enrolled().ifPresent(r -> {
            if (r instanceof Enroller.Enrolled en) {
                out.println("enrolled in " + en.enrollment().sequence() + ", day 1 = " + en.enrollment().startDate());
            } else if (r instanceof Enroller.Refused no) {
                out.println("not enrolled: " + no.reason());
            }
        });
    }
}
