package dev.cadence.cli;

import dev.cadence.enrollment.StageControl;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence stage REF STAGE [--force --reason TEXT] [--actor NAME]}. */
@Command(name = "stage", mixinStandardHelpOptions = true,
        header = "Move a contact to a stage, if its requirements are met.",
        description = {
                "A stage of cadence.yaml may require attempts (touches sent or logged),",
                "channels (distinct channels among them), a note, and days since the",
                "first attempt. When one is not met the move is refused (exit 4) with",
                "what is missing. --force --reason overrides it; the move is recorded",
                "as forced with the reason and --actor. Every move is in the timeline.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence stage zoe@example.com qualified",
                "  cadence stage 42 lost --force --reason \"Bought a competitor\" --actor ana",
        })
final class StageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Parameters(index = "1", paramLabel = "STAGE", description = "A stage of cadence.yaml.")
    String stage;

    @Option(names = "--force", description = "Move even though requirements are not met (needs --reason).")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (one line; kept with the move).")
    String reason;

    @Option(names = "--actor", paramLabel = "NAME", description = "Who moves the contact (kept with the move).")
    String actor;

    @Override
    public Integer call() {
        String why = ControlSupport.text("--reason", reason, false, false);
        String who = ControlSupport.text("--actor", actor, false, false);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            StageControl control = new StageControl(ledger, session.workspace().config(), session.clock());
            control.stage(stage);
            Contact contact = ledger.contacts().getByRef(ref);
            StageControl.Result r = control.move(contact, stage, force, why, who);
            PrintWriter out = spec.commandLine().getOut();
            if (r instanceof StageControl.Unchanged u) {
                out.println(contact.email() + " is already in stage " + u.stage() + "; nothing changed");
            } else if (r instanceof StageControl.Moved m) {
                out.println("moved " + contact.email() + " from " + (m.change().from() == null ? "(no stage)"
                        : m.change().from()) + " to " + m.change().to()
                        + (m.change().forced() ? " (forced; missing: " + String.join(", ", m.bypassed()) + ")" : ""));
            }
        }
        return 0;
    }
}
