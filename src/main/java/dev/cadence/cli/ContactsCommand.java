package dev.cadence.cli;

import dev.cadence.channel.ContactExport;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.ContactFilter;
import dev.cadence.ledger.ContactTimeline;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Note;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contacts list} and {@code contacts show REF}. */
@Command(name = "contacts", mixinStandardHelpOptions = true,
        description = "List contacts or show one contact's fields, enrollments and timeline.",
        subcommands = {ContactsCommand.ListCommand.class, ContactsCommand.ShowCommand.class},
        footer = {"", "Examples:", "  cadence contacts list --owner ana --stage new",
                "  cadence contacts show zoe@example.com"})
final class ContactsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: list or show");
    }

    enum Format { table, json, csv }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Contacts, filtered.",
            footer = {"", "Examples:", "  cadence contacts list --sequence cold-outbound",
                    "  cadence contacts list --search acme --format csv > acme.csv"})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--stage", description = "Only contacts in this stage.")
        String stage;
        @Option(names = "--owner", description = "Only contacts of this owner.")
        String owner;
        @Option(names = "--sequence", description = "Only contacts active or paused in this sequence.")
        String sequence;
        @Option(names = "--search", description = "Text in email, names or company.")
        String search;
        @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() {
            try (Session session = Session.of(spec)) {
                ContactFilter filter = ControlSupport.filter(session, stage, owner, sequence, search);
                Ledger ledger = session.existingLedger();
                PrintWriter out = spec.commandLine().getOut();
                if (format != Format.table) {
                    // the machine formats are those of `export contacts`: one definition of a contact's columns
                    ContactExport.write(ledger, filter, format == Format.json ? ContactExport.Format.json : ContactExport.Format.csv, out);
                    out.flush();
                    return 0;
                }
                List<Contact> contacts = ledger.contacts().list(filter);
                Table t = new Table("ID", "EMAIL", "NAME", "COMPANY", "OWNER", "STAGE");
                for (Contact c : contacts) {
                    t.add(c.id(), c.email(), c.displayName(), c.company(), c.owner(), c.stage());
                }
                t.print(out);
                if (!session.quiet()) {
                    spec.commandLine().getErr().println(contacts.size() + (contacts.size() == 1 ? " contact" : " contacts"));
                }
            }
            return 0;
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One contact: fields, custom fields, stage, notes, enrollments and the timeline of every touch and event.",
            footer = {"", "Examples:", "  cadence contacts show zoe@example.com", "  cadence contacts show 42 --format json"})
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "REF", description = "Contact id or email.")
        String ref;
        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() {
            try (Session session = Session.of(spec)) {
                Ledger ledger = session.existingLedger();
                Contact c = ledger.contacts().getByRef(ref);
                ContactTimeline t = ContactTimeline.load(ledger, c);
                ZoneId zone = session.workspace().config().timezone();
                PrintWriter out = spec.commandLine().getOut();
                if (format == Format.json) {
                    Json.print(out, json(t));
                } else {
                    print(out, t, zone);
                }
            }
            return 0;
        }

        private static Map<String, Object> json(ContactTimeline t) {
            Contact c = t.contact();
            Map<String, Object> m = new LinkedHashMap<>();
            ContactExport.fields(c, t.suppression().map(s -> Map.of(c.emailNorm(), s.reason().dbValue())).orElse(Map.of()))
                    .forEach((k, v) -> m.put(k, v instanceof Long || v == null ? v : v.toString()));
            m.put("custom", c.custom());
            List<Map<String, Object>> en = new ArrayList<>();
            for (Enrollment e : t.enrollments()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", e.id());
                x.put("sequence", e.sequence());
                x.put("state", e.state().dbValue());
                x.put("stop_reason", e.stopReason());
                x.put("paused_until", str(e.pausedUntil()));
                x.put("start_date", str(e.startDate()));
                x.put("current_step", e.currentStep());
                x.put("next_due_at", str(e.nextDueAt()));
                en.add(x);
            }
            m.put("enrollments", en);
            List<Map<String, Object>> notes = new ArrayList<>();
            for (Note n : t.notes()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", n.id());
                x.put("at", str(n.createdAt()));
                x.put("author", n.author());
                x.put("body", n.body());
                notes.add(x);
            }
            m.put("notes", notes);
            List<Map<String, Object>> tl = new ArrayList<>();
            for (ContactTimeline.Entry e : t.timeline()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("at", str(e.at()));
                x.put("kind", e.kind());
                x.put("summary", e.summary());
                x.put("detail", e.detail());
                tl.add(x);
            }
            m.put("timeline", tl);
            return m;
        }

        private static void print(PrintWriter out, ContactTimeline t, ZoneId zone) {
            Contact c = t.contact();
            out.println(c.displayName() + " <" + c.email() + ">   #" + c.id());
            field(out, "company", c.company());
            field(out, "title", c.title());
            field(out, "phone", c.phone() == null ? null : c.phone() + (c.phoneE164() == null || c.phoneE164().equals(c.phone()) ? "" : "  (" + c.phoneE164() + ")"));
            field(out, "linkedin", c.linkedin());
            field(out, "timezone", c.timezone());
            field(out, "owner", c.owner());
            field(out, "stage", c.stage());
            field(out, "paused until", c.pausedUntil() == null ? null : c.pausedUntil().toString());
            t.suppression().ifPresent(s -> field(out, "SUPPRESSED", s.reason().dbValue() + " since " + when(s.createdAt(), zone)));
            c.custom().forEach((k, v) -> field(out, k, v));
            out.println();
            out.println("Enrollments");
            if (t.enrollments().isEmpty()) out.println("  (none)");
            for (Enrollment e : t.enrollments()) {
                out.println("  " + e.sequence() + "  " + e.state().dbValue()
                        + (e.pausedUntil() == null ? "" : " until " + e.pausedUntil())
                        + (e.stopReason() == null ? "" : " (" + e.stopReason() + ")")
                        + "  day 1 = " + e.startDate()
                        + (e.nextDueAt() == null ? "" : "  next due " + when(e.nextDueAt(), zone)));
            }
            out.println();
            out.println("Timeline (" + zone.getId() + ")");
            for (ContactTimeline.Entry e : t.timeline()) {
                out.println("  " + when(e.at(), zone) + "  " + e.summary());
                if (e.detail() != null && !e.detail().isBlank()) {
                    for (String line : e.detail().strip().split("\\R")) out.println("      " + line);
                }
            }
        }

        private static void field(PrintWriter out, String name, String value) {
            if (value != null && !value.isBlank()) out.printf("  %-13s %s%n", name, value);
        }

        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        private static String when(Instant at, ZoneId zone) {
            return at == null ? "                " : WHEN.format(at.atZone(zone));
        }
    }
}
