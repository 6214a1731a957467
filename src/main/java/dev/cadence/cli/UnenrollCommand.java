package dev.cadence.cli;

import dev.cadence.enrollment.EnrollmentControl;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence unenroll REF --sequence S --reason TEXT}. */
@Command(name = "unenroll", mixinStandardHelpOptions = true,
        header = "Stop a contact's enrollment in a sequence, with a reason.",
        description = {
                "Stop a contact's active or paused enrollment in a sequence for good,",
                "with a reason (kept in the timeline). Exit 2 if the contact is not",
                "enrolled in it. To stop for a while, use 'cadence pause'.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence unenroll zoe@example.com --sequence cold-outbound \\",
                "      --reason \"asked to talk again next year\"",
        })
final class UnenrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Option(names = "--sequence", required = true, paramLabel = "S", description = "The sequence to stop.")
    String sequence;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (one line).")
    String reason;

    @Override
    public Integer call() {
        String why = ControlSupport.text("--reason", reason, false, true);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact c = ledger.contacts().getByRef(ref);
            EnrollmentControl.Outcome o = ControlSupport.control(session, ledger).unenroll(c, sequence, why);
            spec.commandLine().getOut().println("stopped " + o.sequence() + " for " + c.email() + ": " + why);
        }
        return 0;
    }
}
