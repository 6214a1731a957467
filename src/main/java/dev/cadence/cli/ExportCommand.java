package dev.cadence.cli;

import dev.cadence.channel.AtomicFile;
import dev.cadence.channel.ContactExport;
import dev.cadence.channel.TouchExport;
import dev.cadence.ledger.ContactFilter;
import dev.cadence.ledger.Ledger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cadence export contacts|touches}: the ledger as CSV or JSON for scripts. Each kind of
 * record is a subcommand: {@code contacts}, and {@code touches} (every attempt with what was
 * said and its outcome).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Export contacts or touches as CSV or JSON, for scripts.",
        subcommands = {
                ExportCommand.ContactsExport.class,
                ExportCommand.TouchesExport.class,
        },
        footer = {
                "",
                "Examples:",
                "  cadence export contacts --format csv -o contacts.csv",
                "  cadence export contacts --owner ana --format json | jq '.[].email'",
                "  cadence export touches --since 2026-03-01 -o march.csv",
        })
final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: contacts or touches");
    }

    @Command(name = "contacts", mixinStandardHelpOptions = true,
            header = "Export contacts as CSV or JSON.",
            description = {
                    "Every field of the contacts matching the filters, one column per",
                    "custom field. CSV cells that a spreadsheet would run as a formula",
                    "(starting with = + - @, tab or CR) are prefixed with '. JSON is one",
                    "array with snake_case keys. -o writes the file all at once or not at all.",
            },
            footer = {
                    "",
                    "Examples:",
                    "  cadence export contacts -o all.csv",
                    "  cadence export contacts --stage qualified --format json -o q.json",
                    "  cadence export contacts --sequence cold-outbound --search acme",
            })
    static final class ContactsExport implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
                description = "csv or json (default: ${DEFAULT-VALUE}).")
        ContactExport.Format format;
        @Option(names = "--stage", paramLabel = "STAGE", description = "Only contacts in this stage.")
        String stage;
        @Option(names = "--owner", paramLabel = "NAME", description = "Only contacts of this owner.")
        String owner;
        @Option(names = "--sequence", paramLabel = "S", description = "Only contacts active or paused in this sequence.")
        String sequence;
        @Option(names = "--search", paramLabel = "TEXT", description = "Text in email, names or company.")
        String search;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: stdout).")
        Path output;

        @Override
        public Integer call() {
            try (Session session = Session.of(spec)) {
                ContactFilter filter = ControlSupport.filter(session, stage, owner, sequence, search);
                Ledger ledger = session.existingLedger();
                long n;
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    n = ContactExport.write(ledger, filter, format, out);
                    out.flush();
                } else {
                    Path file = session.resolve(output);
                    n = AtomicFile.write(file, w -> ContactExport.write(ledger, filter, format, w));
                }
                if (!session.quiet()) {
                    spec.commandLine().getErr().println("exported " + n + (n == 1 ? " contact" : " contacts")
                            + (output == null ? "" : " to " + output));
                }
            }
            return 0;
        }
    }

    @Command(name = "touches", mixinStandardHelpOptions = true,
            header = "Export every attempt as CSV or JSON.",
            description = {
                    "Every touch, oldest first: when, contact email, channel, sequence,",
                    "step, kind (auto or manual), status, outcome, subject, note (what",
                    "was said), body, error. CSV cells are formula-safe (a cell starting",
                    "with = + - @, tab or CR gets a leading '). JSON is one array with",
                    "snake_case keys. -o writes the file all at once or not at all.",
            },
            footer = {
                    "",
                    "Examples:",
                    "  cadence export touches -o touches.csv",
                    "  cadence export touches --since 2026-03-01 --format json",
                    "  cadence export touches --contact zoe@example.com",
            })
    static final class TouchesExport implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
                description = "csv or json (default: ${DEFAULT-VALUE}).")
        TouchExport.Format format;
        @Option(names = "--since", paramLabel = "DATE", converter = DateConverter.class,
                description = "Only touches on or after this date (workspace time zone).")
        LocalDate since;
        @Option(names = "--contact", paramLabel = "REF", description = "Only this contact's touches (id or email).")
        String contact;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: stdout).")
        Path output;

        @Override
        public Integer call() {
            try (Session session = Session.of(spec)) {
                Ledger ledger = session.existingLedger();
                Long contactId = contact == null ? null : ledger.contacts().getByRef(contact).id();
                Instant from = since == null ? null : since.atStartOfDay(session.workspace().config().timezone()).toInstant();
                long n;
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    n = TouchExport.write(ledger, from, contactId, format, out);
                    out.flush();
                } else {
                    Path file = session.resolve(output);
                    n = AtomicFile.write(file, w -> TouchExport.write(ledger, from, contactId, format, w));
                }
                if (!session.quiet()) {
                    spec.commandLine().getErr().println("exported " + n + (n == 1 ? " touch" : " touches")
                            + (output == null ? "" : " to " + output));
                }
            }
            return 0;
        }
    }
}
