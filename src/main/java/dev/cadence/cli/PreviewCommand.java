package dev.cadence.cli;

import dev.cadence.agenda.Preview;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.render.RenderFailure;
import dev.cadence.render.Rendered;
import dev.cadence.render.Renderer;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence preview REF [--step ID] [--sequence S]}. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        header = "Show what a step would send or say to a contact, and why it is due or not.",
        description = {
                "Renders the step as it would go out: an email with its From, To,",
                "Subject and Reply-To headers, then the body; a manual step's script.",
                "Then says why it is or is not due now (window, business days, caps,",
                "condition, a blocking step, a stop rule). Without --step: the next",
                "step of each open enrollment (or of --sequence). Nothing is recorded.",
                "Exit 1 when a template cannot be rendered for this contact.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence preview zoe@example.com",
                "  cadence preview 42 --step call",
                "  cadence preview zoe@example.com --sequence cold-outbound --step breakup",
        })
final class PreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Option(names = "--step", paramLabel = "ID", description = "The step to render (default: the next one).")
    String step;

    @Option(names = "--sequence", paramLabel = "S", description = "The sequence (default: every open enrollment).")
    String sequence;

    @Override
    public Integer call() {
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact contact = EnrollCommand.resolve(ledger, List.of(ref)).get(0);
            WorkspaceConfig config = session.workspace().config();
            List<Preview.Item> items = new Preview(config, ledger, ControlSupport.library(session), session.clock(),
                    Renderer.of(session.workspace())).preview(contact, sequence, step);
            PrintWriter out = spec.commandLine().getOut();
            boolean failed = false;
            boolean first = true;
            for (Preview.Item i : items) {
                if (!first) out.println();
                first = false;
                failed |= print(out, config, i);
            }
            out.flush();
            return failed ? 1 : 0;
        }
    }

    /** Prints one item; true when it could not be rendered. */
    private static boolean print(PrintWriter out, WorkspaceConfig config, Preview.Item i) {
        String who = ControlSupport.who(i.contact());
        if (i.step().isEmpty()) {
            out.println("== " + i.sequence().name() + " — " + who);
            DueCommand.DueTable.wrap(out, "", "Nothing next: " + i.why());
            return false;
        }
        Step s = i.step().get();
        out.println("== " + i.sequence().name() + " / " + s.id() + (i.occurrence() > 1 ? " #" + i.occurrence() : "")
                + " (" + s.channel().id() + ", " + (s.automatic() ? "auto" : "manual")
                + i.variant().map(v -> ", variant " + v).orElse("") + ") — " + who);
        DueCommand.DueTable.wrap(out, "", (i.dueNow() ? "Due now. " : "Not due now. ") + "Why: " + i.why());
        DueCommand.DueTable.wrap(out, "", "Purpose: " + s.purpose());
        out.println();
        var r = i.rendered().orElseThrow();
        if (r instanceof RenderFailure f) {
            out.println("CANNOT RENDER: " + f.message());
            return true;
        }
        Rendered ok = (Rendered) r;
        if (s.automatic() && s.channel() == dev.cadence.model.Channel.EMAIL) {
            out.println("From: " + config.sender().map(x -> x.name() + " <" + x.email() + ">")
                    .orElse("(no sender in cadence.yaml: set sender before anything is sent)"));
            out.println("To: " + who);
            out.println("Subject: " + ok.subject().orElse("(no subject: the template has no subject: line)"));
            config.sender().flatMap(x -> x.replyTo()).ifPresent(rt -> out.println("Reply-To: " + rt));
            out.println();
            out.println(ok.textBody().stripTrailing());
        } else {
            ok.subject().ifPresent(x -> out.println("Subject: " + x));
            out.println(s.automatic() ? "Message:" : "Script:");
            out.println(ok.textBody().stripTrailing());
        }
        return false;
    }
}
