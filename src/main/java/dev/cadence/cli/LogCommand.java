package dev.cadence.cli;

import dev.cadence.enrollment.Outcomes;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.model.Channel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence log REF --channel C --outcome O [--note TEXT] [--at T] [--step ID]}. */
@Command(name = "log", mixinStandardHelpOptions = true,
        header = "Record a manual touch, its outcome and what was said.",
        description = {
                "Records a call, voicemail, LinkedIn message, hand-sent email or sms,",
                "letter or task. It counts for stage gates and caps. A manual step of",
                "that channel due today or overdue in an open enrollment is completed",
                "and the sequence moves on; --step names the step instead.",
                "",
                "Outcomes by channel:",
                "  call       connected, no-answer, voicemail, wrong-number,",
                "             meeting-booked, not-interested, call-back",
                "  voicemail  left, mailbox-full",
                "  linkedin   connection-sent, connected, message-sent, replied",
                "  email      sent, replied, bounced",
                "  sms        sent, replied",
                "  mail       sent, returned",
                "  task       done",
                "meeting-booked also records a meeting event, replied a reply, an",
                "email bounced a bounce: their stop rules apply at once.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence log zoe@example.com --channel call --outcome no-answer",
                "  cadence log 42 --channel call --outcome connected \\",
                "      --note \"Budget frozen until Q3; call back in June\"",
                "  cadence log 42 --channel linkedin --outcome message-sent --step linkedin",
                "  cadence log 42 --channel call --outcome meeting-booked --at 2026-03-05",
        })
final class LogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Option(names = "--channel", required = true, paramLabel = "C",
            description = "call, voicemail, linkedin, email, sms, mail or task.")
    String channel;

    @Option(names = "--outcome", required = true, paramLabel = "O", description = "What came of it (see above).")
    String outcome;

    @Option(names = "--note", paramLabel = "TEXT", description = "What was said (newlines and tabs kept).")
    String note;

    @Option(names = "--at", paramLabel = "TIME",
            description = "When (default: now): 2026-03-05, 2026-03-05T15:30; not after today.")
    String at;

    @Option(names = "--step", paramLabel = "ID",
            description = "The step it completes: ID or SEQUENCE/ID of an open enrollment.")
    String step;

    @Override
    public Integer call() {
        Channel c;
        try {
            c = Channel.parse(channel);
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid("--channel: " + e.getMessage());
        }
        String text = ControlSupport.text("--note", note, true, false);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact contact = ledger.contacts().getByRef(ref);
            Outcomes.Logged logged = OutcomeSupport.outcomes(session, ledger).log(contact,
                    new Outcomes.LogRequest(c, outcome, text, OutcomeSupport.at(session, at), step));
            Touch t = logged.touch();
            PrintWriter out = spec.commandLine().getOut();
            out.println("logged " + t.channel().id() + " " + t.outcome() + " for " + ControlSupport.who(contact)
                    + (t.sequence() == null ? " (off-sequence)" : " (" + t.sequence() + "/" + t.stepId() + ")"));
            logged.event().ifPresent(e -> out.println("recorded " + e.type().id() + " event"));
            OutcomeSupport.print(out, contact.email(), logged.effects());
        }
        return 0;
    }
}
