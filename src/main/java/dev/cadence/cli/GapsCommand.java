package dev.cadence.cli;

import dev.cadence.enrollment.Gaps;
import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.ledger.Ledger;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cadence gaps [--format table|json|csv] [--owner O] [--fail]}. */
@Command(name = "gaps", mixinStandardHelpOptions = true,
        header = "Where follow-up stopped without anyone deciding so.",
        description = {
                "Lists, most urgent kind first:",
                "  manual_overdue       a manual step blocking its sequence, past due",
                "  in_doubt, failed     touches a run could not confirm or send",
                "  late                 an automatic touch more than a day past due",
                "  finished_no_outcome  sequence completed, no reply/meeting/purchase,",
                "                       nothing follows",
                "  all_skipped          sequence completed with every step skipped",
                "  no_sequence          early stage (first two stages), never enrolled",
                "  silent               silent past the silence rule of cadence.yaml",
                "Suppressed contacts and those in the last stage (e.g. lost) are",
                "closed and never listed. Writes nothing.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence gaps",
                "  cadence gaps --owner ana --format csv > gaps.csv",
                "  cadence gaps --fail -q || mail -s 'cadence gaps' ops@example.com",
        })
final class GapsCommand implements Callable<Integer> {
    static final List<String> HEADER = List.of("kind", "contact_id", "email", "name", "owner", "sequence", "step",
            "days", "detail");

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table", description = "table, json or csv.")
    String format;

    @Option(names = "--owner", paramLabel = "O", description = "Only this owner's contacts.")
    String owner;

    @Option(names = "--fail", description = "Exit 3 when anything is listed (for a cron alert).")
    boolean fail;

    @Override
    public Integer call() {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw CadenceException.invalid("--format: '" + format + "' is not table, json or csv");
        }
        List<Gaps.Gap> gaps;
        try (Session session = Session.of(spec)) {
            Ledger ledger = session.existingLedger();
            gaps = new Gaps(ledger, ControlSupport.library(session), session.workspace().config(), session.clock())
                    .find(owner);
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case "json" -> Json.print(out, gaps.stream().map(GapsCommand::json).toList());
                case "csv" -> Csv.print(out, HEADER, gaps.stream().map(GapsCommand::cells).toList());
                default -> table(out, gaps);
            }
            if (!session.quiet() && !format.equals("table")) {
                spec.commandLine().getErr().println(gaps.isEmpty() ? "no gaps" : gaps.size() + " gaps");
            }
        }
        return fail && !gaps.isEmpty() ? ExitStatus.PARTIAL.code() : ExitStatus.OK.code();
    }

    private static List<Object> cells(Gaps.Gap g) {
        return Arrays.asList(g.kind().id(), g.contactId(), g.email(), g.name(), g.owner(), g.sequence(), g.step(),
                g.days(), g.detail());
    }

    private static Map<String, Object> json(Gaps.Gap g) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> v = cells(g);
        for (int i = 0; i < HEADER.size(); i++) m.put(HEADER.get(i), v.get(i));
        return m;
    }

    /** Aligned columns, then the detail (never cut: it says what to do) on its own indented line. */
    private static void table(PrintWriter out, List<Gaps.Gap> gaps) {
        if (gaps.isEmpty()) {
            out.println("no gaps: every active contact has a next action");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "CONTACT", "OWNER", "SEQUENCE/STEP", "DAYS"});
        for (Gaps.Gap g : gaps) {
            String where = g.sequence() == null ? "" : g.sequence() + (g.step() == null ? "" : "/" + g.step());
            rows.add(new String[] {g.kind().id(), "#" + g.contactId() + " " + g.email(), g.owner() == null ? "" : g.owner(),
                    where, Long.toString(g.days())});
        }
        int[] w = new int[5];
        for (String[] r : rows) for (int i = 0; i < 5; i++) w[i] = Math.max(w[i], Table.width(r[i]));
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                b.append(r[i]);
                if (i < 4) b.append(" ".repeat(w[i] - Table.width(r[i]) + 2));
            }
            out.println(b.toString().stripTrailing());
            if (n > 0) out.println("    " + gaps.get(n - 1).detail().replaceAll("\\s+", " "));
        }
    }
}
