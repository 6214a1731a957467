package dev.cadence.cli;

import dev.cadence.enrollment.EnrollmentControl;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence pause REF [--until DATE] [--sequence S]}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        header = "Pause a contact's enrollments, until a date or until resumed.",
        description = {
                "Pause a contact's open enrollments (all, or one sequence): nothing is",
                "due or sent until they are resumed, or until --until, a date in the",
                "contact's time zone. Pausing what is already paused changes nothing.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence pause zoe@example.com --until 2026-05-04 --reason \"on leave\"",
                "  cadence pause 42 --sequence cold-outbound",
        })
final class PauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Option(names = "--until", paramLabel = "DATE", converter = DateConverter.class,
            description = "Resume on this date (contact's time zone; default: when resumed by hand).")
    LocalDate until;

    @Option(names = "--sequence", paramLabel = "S", description = "Only this sequence (default: all open ones).")
    String sequence;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (one line, kept in the timeline).")
    String reason;

    @Override
    public Integer call() {
        String why = ControlSupport.text("--reason", reason, false, false);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact c = ledger.contacts().getByRef(ref);
            PrintWriter out = spec.commandLine().getOut();
            for (EnrollmentControl.Outcome o : ControlSupport.control(session, ledger).pause(c, sequence, until, why)) {
                String span = until == null ? "until resumed" : "until " + until;
                if (!o.changed()) {
                    out.println(o.sequence() + ": already paused " + span);
                } else {
                    String was = o.before().state() != EnrollmentState.PAUSED ? ""
                            : o.before().pausedUntil() == null ? " (was until resumed)"
                            : " (was until " + o.before().pausedUntil() + ")";
                    out.println("paused " + o.sequence() + " for " + c.email() + " " + span + was);
                }
            }
        }
        return 0;
    }
}
