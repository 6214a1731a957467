package dev.cadence.cli;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Note;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cadence note REF TEXT}: context for the next touch. */
@Command(name = "note", mixinStandardHelpOptions = true,
        header = "Add a note to a contact: context for the next touch.",
        description = {
                "The note shows in 'contacts show'; templates see the newest one as",
                "{{last_note}}.",
                "Prints the new note's id. Newlines and tabs are kept; other control",
                "characters are refused (exit 2).",
        },
        footer = {
                "",
                "Examples:",
                "  cadence note zoe@example.com \"Prefers calls after 3pm\"",
                "  cadence note 42 Back from parental leave in May --author ana",
        })
final class NoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF", description = "Contact id or email.")
    String ref;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT",
            description = "The note; several words are joined with spaces.")
    List<String> words;

    @Option(names = "--author", paramLabel = "NAME", description = "Who wrote it (shown in the timeline).")
    String author;

    @Override
    public Integer call() {
        String body = ControlSupport.text("note", String.join(" ", words), true, true);
        String by = ControlSupport.text("--author", author, false, false);
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            Contact c = ledger.contacts().getByRef(ref);
            Note note = ledger.notes().add(c.id(), body, by);
            spec.commandLine().getOut().println(note.id());
            if (!session.quiet()) spec.commandLine().getErr().println("note added to " + ControlSupport.who(c));
        }
        return 0;
    }
}
