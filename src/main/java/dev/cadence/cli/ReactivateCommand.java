package dev.cadence.cli;

import dev.cadence.enrollment.Reactivation;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.Span;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cadence reactivate --silent-for SPAN --sequence S [--stage STAGE] [--owner O] [--dry-run]}. */
@Command(name = "reactivate", mixinStandardHelpOptions = true,
        header = "Enroll contacts silent for a while in a sequence.",
        description = {
                "Finds contacts with no touch and no event (reply, open, ...) for",
                "--silent-for and no active or paused enrollment, and enrolls them,",
                "day 1 today. Suppressed addresses, reenroll and exclusive rules refuse",
                "a contact with the reason; refusals are listed and counted, not errors.",
                "One line per contact, a summary on stderr.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence reactivate --silent-for 90d --sequence reactivation",
                "  cadence reactivate --silent-for \"6 weeks\" --sequence reactivation \\",
                "      --stage lost --owner ana --dry-run",
        })
final class ReactivateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--silent-for", required = true, paramLabel = "SPAN",
            description = "How long silent: 90d, \"6 weeks\", \"20 business days\".")
    String silentFor;

    @Option(names = "--sequence", required = true, paramLabel = "S", description = "The sequence to enroll them in.")
    String sequence;

    @Option(names = "--stage", paramLabel = "STAGE", description = "Only contacts in this stage.")
    String stage;

    @Option(names = "--owner", paramLabel = "O", description = "Only this owner's contacts.")
    String owner;

    @Option(names = "--dry-run", description = "Say who would be enrolled; write nothing.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table", description = "table or json.")
    String format;

    @Override
    public Integer call() {
        Span span;
        try {
            span = Span.parse(silentFor);
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid("--silent-for: " + e.getMessage());
        }
        if (!format.equals("table") && !format.equals("json")) {
            throw CadenceException.invalid("--format: '" + format + "' is not table or json");
        }
        try (Session session = Session.of(spec)) {
            var config = session.workspace().config();
            Ledger ledger = session.existingLedger();
            if (stage != null) new dev.cadence.enrollment.StageControl(ledger, config, session.clock()).stage(stage);
            SequenceLibrary library = ControlSupport.library(session);
            ControlSupport.usable(library, sequence);
            Reactivation r = new Reactivation(ledger, library, config, session.clock());
            Sequence seq = r.enroller().sequence(sequence);
            List<Reactivation.Answer> answers = r.enroll(
                    r.silent(span, new Reactivation.Filter(stage, owner, null, true)), seq, dryRun);

            PrintWriter out = spec.commandLine().getOut();
            ZoneId zone = config.timezone();
            long yes = answers.stream().filter(a -> a.status() != Reactivation.Status.REFUSED).count();
            if (format.equals("json")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Reactivation.Answer a : answers) rows.add(json(a, seq, zone));
                Json.print(out, rows);
            } else {
                for (Reactivation.Answer a : answers) out.println(line(a, seq));
            }
            if (!session.quiet()) {
                spec.commandLine().getErr().println(answers.size() + " silent for " + span + ": " + yes
                        + (dryRun ? " would be enrolled, " : " enrolled, ") + (answers.size() - yes) + " refused"
                        + (dryRun ? " (dry run: nothing written)" : ""));
            }
        }
        return 0;
    }

    private String line(Reactivation.Answer a, Sequence seq) {
        Contact c = a.candidate().contact();
        String silent = " (silent " + a.candidate().silentDays() + " days)";
        return switch (a.status()) {
            case ENROLLED -> "enrolled " + c.email() + " in " + seq.name() + ", day 1 = "
                    + a.enrollment().orElseThrow().startDate() + silent;
            case WOULD_ENROLL -> "would enroll " + c.email() + " in " + seq.name() + silent;
            case REFUSED -> "refused  " + c.email() + ": " + a.reason().orElse("refused") + silent;
        };
    }

    private static Map<String, Object> json(Reactivation.Answer a, Sequence seq, ZoneId zone) {
        Contact c = a.candidate().contact();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contact_id", c.id());
        m.put("email", c.email());
        m.put("name", c.displayName().equals(c.email()) ? null : c.displayName());
        m.put("owner", c.owner());
        m.put("stage", c.stage());
        m.put("silent_days", a.candidate().silentDays());
        m.put("last_activity", a.candidate().lastActivity() == null ? null
                : a.candidate().lastActivity().atZone(zone).toOffsetDateTime().toString());
        m.put("result", a.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("sequence", seq.name());
        m.put("start_date", a.enrollment().map(e -> e.startDate().toString()).orElse(null));
        m.put("reason", a.reason().orElse(null));
        return m;
    }
}
