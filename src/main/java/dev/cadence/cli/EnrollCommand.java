package dev.cadence.cli;

import dev.cadence.enrollment.Enroller;
import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence enroll REF... --sequence S [--start DATE]}. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        header = "Start contacts on a sequence, honouring its rules.",
        description = {
                "Suppressed addresses, an open enrollment in the sequence, its reenroll",
                "rule and exclusive sequences refuse a contact, with the reason. One",
                "line per contact; exit 0 if all were enrolled, 3 if some were, 4 if",
                "none was. --start is day 1 in each contact's own time zone.",
                "Every REF is checked before anything is written.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence enroll zoe@example.com --sequence cold-outbound",
                "  cadence enroll 12 13 14 --sequence quarterly-nurture --start 2026-03-09",
        })
final class EnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REF", arity = "1..*", description = "Contact ids or emails.")
    List<String> refs;

    @Option(names = "--sequence", required = true, paramLabel = "S", description = "The sequence to start.")
    String sequence;

    @Option(names = "--start", paramLabel = "DATE", converter = DateConverter.class,
            description = "Day 1, in each contact's own time zone (default: today there).")
    LocalDate start;

    @Override
    public Integer call() {
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            List<Contact> contacts = resolve(ledger, refs);
            SequenceLibrary library = ControlSupport.library(session);
            ControlSupport.usable(library, sequence);
            Enroller enroller = new Enroller(ledger, library, session.clock(), session.workspace().config().timezone());
            Sequence seq = enroller.sequence(sequence);

            PrintWriter out = spec.commandLine().getOut();
            int enrolled = 0;
            for (Contact c : contacts) {
                Enroller.Result r = enroller.enroll(c, seq, start);
                if (r instanceof Enroller.Enrolled e) {
                    enrolled++;
                    out.println("enrolled " + c.email() + " in " + seq.name() + ", day 1 = " + e.enrollment().startDate());
                } else if (r instanceof Enroller.Refused x) {
                    out.println("refused  " + c.email() + ": " + x.reason());
                }
            }
            int refused = contacts.size() - enrolled;
            if (contacts.size() > 1 && !session.quiet()) {
                spec.commandLine().getErr().println(enrolled + " enrolled, " + refused + " refused");
            }
            if (refused == 0) return ExitStatus.OK.code();
            return enrolled == 0 ? ExitStatus.REFUSED.code() : ExitStatus.PARTIAL.code();
        }
    }

    /** Every REF as a contact, each once, in the order given; any unknown REF is exit 2 naming all of them. */
    static List<Contact> resolve(Ledger ledger, List<String> refs) {
        Map<Long, Contact> found = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String ref : refs) {
            Optional<Contact> c = ledger.contacts().findByRef(ref);
            if (c.isPresent()) found.putIfAbsent(c.get().id(), c.get());
            else unknown.add("'" + ref + "'");
        }
        if (!unknown.isEmpty()) {
            throw CadenceException.invalid("no contact " + String.join(", ", unknown) + " in the ledger"
                    + " (give contact ids or emails); nothing was enrolled");
        }
        return new ArrayList<>(found.values());
    }
}
