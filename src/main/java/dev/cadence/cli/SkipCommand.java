package dev.cadence.cli;

import dev.cadence.enrollment.Outcomes;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence skip REF --reason TEXT [--sequence S] [--step ID]}. */
@Command(name = "skip", mixinStandardHelpOptions = true,
        header = "Skip the current manual step, with a reason.",
        description = {
                "A manual step (call, LinkedIn, letter, task) blocks its sequence until",
                "it is logged or skipped. skip records the step as skipped with the",
                "reason, which stays in the contact's timeline, and the sequence moves",
                "on. Exit 2 when no manual step is next; the message says what is.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence skip zoe@example.com --reason \"No phone number on file\"",
                "  cadence skip 42 --sequence cold-outbound --step call \\",
                "      --reason \"Asked to be contacted by email only\"",
        })
final class SkipCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is skipped (required).")
    String reason;

    @Option(names = "--sequence", paramLabel = "S", description = "The enrollment, when several have a manual step.")
    String sequence;

    @Option(names = "--step", paramLabel = "ID", description = "Only skip if this is the current manual step.")
    String step;

    @Override
    public Integer call() {
        String text = ControlSupport.text("--reason", reason, true, true);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact contact = ledger.contacts().getByRef(ref);
            Outcomes.Skipped s = OutcomeSupport.outcomes(session, ledger).skip(contact,
                    new Outcomes.SkipRequest(text, sequence, step));
            Touch t = s.touch();
            PrintWriter out = spec.commandLine().getOut();
            out.println("skipped " + t.sequence() + "/" + t.stepId() + " (" + t.channel().id() + ") for "
                    + ControlSupport.who(contact));
            Enrollment e = s.update().enrollment();
            out.println("next: " + s.update().action().explanation());
            if (!e.state().isOpen()) out.println(e.sequence() + " " + e.state().dbValue());
        }
        return 0;
    }
}
