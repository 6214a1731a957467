package dev.cadence.cli;

import dev.cadence.enrollment.EnrollmentControl;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence resume REF [--sequence S]}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        header = "Resume a contact's paused enrollments.",
        description = {
                "Make a contact's paused enrollments (all, or one sequence) active again.",
                "Resuming what is already active changes nothing.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence resume zoe@example.com",
                "  cadence resume 42 --sequence cold-outbound --reason \"back early\"",
        })
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Option(names = "--sequence", paramLabel = "S", description = "Only this sequence (default: all paused ones).")
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
            for (EnrollmentControl.Outcome o : ControlSupport.control(session, ledger).resume(c, sequence, why)) {
                out.println(o.changed() ? "resumed " + o.sequence() + " for " + c.email()
                        : o.sequence() + ": already active");
            }
        }
        return 0;
    }
}
