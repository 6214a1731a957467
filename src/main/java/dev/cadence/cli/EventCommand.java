package dev.cadence.cli;

import dev.cadence.enrollment.Outcomes;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.EventType;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence event REF TYPE [--at T] [--note TEXT]}. */
@Command(name = "event", mixinStandardHelpOptions = true,
        header = "Record what a contact did: reply, optout, bounce, meeting, ...",
        description = {
                "TYPE is reply, optout, bounce, meeting, opened, clicked or purchased.",
                "Every active or paused enrollment whose sequence lists TYPE in its",
                "stop_on is stopped at once. optout and bounce suppress the address for",
                "good and stop every enrollment. An on_event rule of cadence.yaml",
                "(on_event: { purchased: { enroll: post-purchase } }) enrolls the",
                "contact in a sequence.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence event zoe@example.com reply --note \"Interested, asks for pricing\"",
                "  cadence event 42 optout",
                "  cadence event 42 purchased --at 2026-03-05",
        })
final class EventCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Parameters(index = "1", paramLabel = "TYPE",
            description = "reply, optout, bounce, meeting, opened, clicked or purchased.")
    String type;

    @Option(names = "--at", paramLabel = "TIME",
            description = "When (default: now): 2026-03-05, 2026-03-05T15:30; not after today.")
    String at;

    @Option(names = "--note", paramLabel = "TEXT", description = "What was said or what happened.")
    String note;

    @Override
    public Integer call() {
        EventType t;
        try {
            t = EventType.parse(type);
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid(e.getMessage());
        }
        String text = ControlSupport.text("--note", note, true, false);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact contact = ledger.contacts().getByRef(ref);
            Outcomes.Recorded r = OutcomeSupport.outcomes(session, ledger)
                    .event(contact, t, OutcomeSupport.at(session, at), text, "cli");
            PrintWriter out = spec.commandLine().getOut();
            out.println("recorded " + t.id() + " for " + ControlSupport.who(contact));
            OutcomeSupport.print(out, contact.email(), r.effects());
        }
        return 0;
    }
}
