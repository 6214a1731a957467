package dev.cadence.cli;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.model.Channel;
import dev.cadence.schedule.BusinessCalendar;
import dev.cadence.sequence.Condition;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Timing;
import dev.cadence.sequence.Variant;
import dev.cadence.sequence.WorkspaceValidator;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cadence sequences list|show}: what is defined, step by step.
 *
 * <p>Loading policy: problems in cadence.yaml stop both commands (exit 2), since dates and
 * windows depend on it. {@code list} prints the sequences that load and reports the others'
 * problems on stderr (exit 2). {@code show NAME} is blocked only by problems of that sequence
 * (its file and the templates it uses): a broken unrelated sequence does not hide a valid plan.
 */
@Command(name = "sequences", mixinStandardHelpOptions = true,
        description = "List the sequences of the workspace or show one step by step.",
        subcommands = {SequencesCommand.ListCommand.class, SequencesCommand.ShowCommand.class},
        footer = {
                "",
                "Examples:",
                "  cadence sequences list",
                "  cadence sequences show cold-outbound",
                "  cadence sequences show cold-outbound --start 2026-03-02 --format json",
        })
final class SequencesCommand implements Callable<Integer> {
    static final int WIDTH = 80;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or show");
    }

    /** Validates the workspace; throws (exit 2 with the problems) when cadence.yaml itself has problems. */
    static WorkspaceValidator.Result load(CommandSpec spec) {
        try (Session session = Session.of(spec)) {
            Problems configProblems = new Problems();
            Workspace ws = session.loadWorkspace(configProblems);
            if (!configProblems.isEmpty()) {
                ProblemOutput.print(configProblems.sorted(), ws.root(), spec.commandLine().getErr());
                throw new Exit(ExitStatus.INVALID);
            }
            return WorkspaceValidator.validate(ws, configProblems, session.ledgerCustomFields());
        }
    }

    /** Ends a command with a status after it has printed its own diagnostics. */
    static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ExitStatus status;

        Exit(ExitStatus status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static int run(Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (Exit e) {
            return e.status.code();
        }
    }

    enum ListFormat { table, json }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The sequences of the workspace: steps, length in days, channels, automatic and manual touches.",
            footer = {
                    "",
                    "Examples:",
                    "  cadence sequences list",
                    "  cadence sequences list --format json",
            })
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table (default) or json.")
        ListFormat format;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                WorkspaceValidator.Result r = load(spec);
                PrintWriter out = spec.commandLine().getOut();
                List<Sequence> all = r.library().all();
                if (format == ListFormat.json) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (Sequence s : all) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", s.name());
                        m.put("description", s.description());
                        m.put("steps", s.steps().size());
                        m.put("span_days", s.spanDays());
                        m.put("channels", s.channels().stream().map(Channel::id).toList());
                        m.put("auto", s.automaticSteps());
                        m.put("manual", s.manualSteps());
                        rows.add(m);
                    }
                    out.println(ProblemOutput.toJson(rows));
                } else if (all.isEmpty()) {
                    if (r.problems().isEmpty()) out.println("no sequences in " + r.workspace().sequencesDir());
                } else {
                    // the description on its own line under each sequence, so that lines fit 80 columns
                    Table t = new Table("NAME", "STEPS", "DAYS", "AUTO/MAN", "CHANNELS").fit(WIDTH);
                    for (Sequence s : all) {
                        t.add(s.name(), s.steps().size(), s.spanDays(), s.automaticSteps() + "/" + s.manualSteps(),
                                s.channels().stream().map(Channel::id).collect(Collectors.joining(",")));
                        t.detail(s.description());
                    }
                    t.print(out);
                }
                out.flush();
                if (!r.problems().isEmpty()) {
                    ProblemOutput.print(r.problems().sorted(), r.workspace().root(), spec.commandLine().getErr());
                    spec.commandLine().getErr().println("cadence: sequences with problems are not listed; fix them and run"
                            + " 'cadence validate'");
                    spec.commandLine().getErr().flush();
                    return ExitStatus.INVALID.code();
                }
                return ExitStatus.OK.code();
            });
        }
    }

    static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    enum ShowFormat { text, json }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {
                    "One sequence as a readable plan: each step's day, an example date (for an",
                    "enrollment starting on --start, moved past weekends and holidays), channel,",
                    "automatic or manual, conditions and purpose.",
            },
            footer = {
                    "",
                    "Examples:",
                    "  cadence sequences show cold-outbound",
                    "  cadence sequences show cold-outbound --start 2026-03-02",
                    "  cadence sequences show cold-outbound --format json",
            })
    static final class ShowCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The sequence (its file name without .yaml).")
        String name;

        @Option(names = "--start", paramLabel = "DATE",
                description = "Day 1 of the example enrollment, e.g. 2026-03-02 (default: today, or --as-of).")
        LocalDate start;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json.")
        ShowFormat format;

        @Override
        public Integer call() throws Exception {
            return run(() -> {
                WorkspaceValidator.Result r = load(spec);
                Workspace ws = r.workspace();
                PrintWriter err = spec.commandLine().getErr();
                if (!r.library().declaredNames().contains(name)) {
                    Set<String> known = r.library().declaredNames();
                    String close = dev.cadence.yaml.Suggest.closest(name, known);
                    throw CadenceException.invalid("unknown sequence '" + name + "'"
                            + (close != null ? "; did you mean '" + close + "'?" : "")
                            + (known.isEmpty() ? "; there are no sequences in " + ws.sequencesDir()
                            : (close != null ? " Known sequences: " : "; known sequences: ") + String.join(", ", known)));
                }
                List<Problem> own = ownProblems(r, name);
                if (!own.isEmpty() || r.library().find(name).isEmpty()) {
                    ProblemOutput.print(own, ws.root(), err);
                    return ExitStatus.INVALID.code();
                }
                Sequence seq = r.library().find(name).get();
                BusinessCalendar calendar = BusinessCalendar.of(ws.config());
                LocalDate day1 = start != null ? start : LocalDate.now(Session.of(spec).clock());
                List<LocalDate> dates = exampleDates(seq, calendar, day1);
                PrintWriter out = spec.commandLine().getOut();
                if (format == ShowFormat.json) {
                    out.println(ProblemOutput.toJson(json(seq, ws, day1, dates)));
                } else {
                    text(out, seq, ws, day1, dates);
                }
                out.flush();
                return ExitStatus.OK.code();
            });
        }
    }

    /** Problems of the sequence's own file and of the templates its steps use. */
    static List<Problem> ownProblems(WorkspaceValidator.Result r, String name) {
        Workspace ws = r.workspace();
        Set<Path> files = new HashSet<>();
        for (String ext : List.of(".yaml", ".yml")) files.add(ws.sequencesDir().resolve(name + ext).toAbsolutePath().normalize());
        List<Sequence> candidates = new ArrayList<>(r.library().all());
        candidates.addAll(r.library().broken());
        for (Sequence s : candidates) {
            if (!s.name().equals(name)) continue;
            for (String t : s.templates()) files.add(ws.templatesDir().resolve(t).toAbsolutePath().normalize());
        }
        return r.problems().sorted().stream()
                .filter(p -> p.location().file() != null && files.contains(p.location().file().toAbsolutePath().normalize()))
                .toList();
    }

    /** An example date per step: day N from day 1, or the previous step's date plus the span, on business days. */
    static List<LocalDate> exampleDates(Sequence seq, BusinessCalendar calendar, LocalDate day1) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate previous = calendar.onOrAfter(day1);
        for (Step s : seq.steps()) {
            LocalDate d;
            if (s.timing() instanceof Timing.Day day) {
                d = calendar.onOrAfter(day1.plusDays(day.n() - 1L));
            } else {
                var span = ((Timing.After) s.timing()).span();
                d = span.isBusinessDays() ? calendar.plusBusinessDays(previous, span.amount())
                        : calendar.onOrAfter(previous.plusDays(span.toDuration().toDays()));
            }
            out.add(d);
            previous = d;
        }
        return out;
    }

    static String date(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + d;
    }

    static List<String> conditionLines(Step s) {
        List<String> out = new ArrayList<>();
        if (!s.when().isEmpty()) out.add("if " + s.when().stream().map(Condition::describe).collect(Collectors.joining(" and ")));
        if (!s.unless().isEmpty()) out.add("unless " + s.unless().stream().map(Condition::describe).collect(Collectors.joining(" or ")));
        return out;
    }

    static void text(PrintWriter out, Sequence seq, Workspace ws, LocalDate day1, List<LocalDate> dates) {
        for (String l : wrap(seq.name() + (seq.description().isEmpty() ? "" : ": " + seq.description()), WIDTH, "", "  ")) out.println(l);
        out.println("  file:        " + ProblemOutput.path(seq.file(), ws.root()));
        out.println("  window:      " + seq.window().map(w -> w + " (contact's local time)")
                .orElse(ws.config().window() + " (workspace default)"));
        out.println("  exclusive:   " + (seq.exclusive() ? "yes (one active exclusive sequence per contact)" : "no"));
        out.println("  reenroll:    " + seq.reenroll().id());
        out.println("  stop on:     " + (seq.stopOn().isEmpty() ? "nothing"
                : seq.stopOnOrdered().stream().map(e -> e.id()).collect(Collectors.joining(", "))));
        out.println("  on complete: " + seq.onCompleteEnroll().map(n -> "enroll in " + n).orElse("nothing"));
        if (!seq.defaults().isEmpty()) {
            for (String l : wrap(seq.defaults().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")), WIDTH, "  defaults:    ", "               ")) out.println(l);
        }
        out.println("  example:     enrolled " + date(day1) + "; dates skip non-business days");
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STEP", "WHEN", "DATE", "CHANNEL", "KIND"});
        for (int i = 0; i < seq.steps().size(); i++) {
            Step s = seq.steps().get(i);
            rows.add(new String[] {s.id(), s.timing().describe(), date(dates.get(i)), s.channel().id(), s.automatic() ? "auto" : "manual"});
        }
        int[] w = new int[5];
        for (String[] row : rows) for (int c = 0; c < 5; c++) w[c] = Math.max(w[c], row[c].length());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < 5; c++) sb.append(pad(row[c], w[c])).append("  ");
            out.println(sb.toString().stripTrailing());
            if (i == 0) continue;
            Step s = seq.steps().get(i - 1);
            String ind = "      ";
            List<String> details = new ArrayList<>(conditionLines(s));
            s.repeat().ifPresent(rp -> details.add("repeats " + rp.describe()));
            if (s.thread()) details.add("replies in the thread of the previous email");
            s.template().ifPresent(t -> details.add("template " + t));
            if (!s.variants().isEmpty()) {
                details.add("variants " + s.variants().stream().map(v -> v.id() + " (" + v.template() + ")").collect(Collectors.joining(", ")));
            }
            for (String d : details) for (String l : wrap(d, WIDTH, ind, ind + "  ")) out.println(l);
            for (String l : wrap("why: " + s.purpose(), WIDTH, ind, ind + "     ")) out.println(l);
        }
    }

    static Map<String, Object> json(Sequence seq, Workspace ws, LocalDate day1, List<LocalDate> dates) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", seq.name());
        m.put("description", seq.description());
        m.put("file", ProblemOutput.path(seq.file(), ws.root()));
        m.put("window", seq.window().map(Object::toString).orElse(null));
        m.put("effective_window", seq.window().orElse(ws.config().window()).toString());
        m.put("exclusive", seq.exclusive());
        m.put("reenroll", seq.reenroll().id());
        m.put("stop_on", seq.stopOnOrdered().stream().map(e -> e.id()).toList());
        m.put("on_complete_enroll", seq.onCompleteEnroll().orElse(null));
        m.put("defaults", seq.defaults());
        m.put("start", day1.toString());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < seq.steps().size(); i++) {
            Step s = seq.steps().get(i);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", s.id());
            j.put("day", s.timing() instanceof Timing.Day d ? d.n() : null);
            j.put("after", s.timing() instanceof Timing.After a ? a.span().toString() : null);
            j.put("date", dates.get(i).toString());
            j.put("weekday", dates.get(i).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            j.put("channel", s.channel().id());
            j.put("kind", s.automatic() ? "auto" : "manual");
            j.put("template", s.template().orElse(null));
            List<Map<String, String>> variants = new ArrayList<>();
            for (Variant v : s.variants()) variants.add(Map.of("id", v.id(), "template", v.template()));
            j.put("variants", variants);
            j.put("thread", s.thread());
            j.put("if", s.when().stream().map(Condition::describe).toList());
            j.put("unless", s.unless().stream().map(Condition::describe).toList());
            j.put("repeat", s.repeat().map(rp -> rp.describe()).orElse(null));
            j.put("purpose", s.purpose());
            steps.add(j);
        }
        m.put("steps", steps);
        return m;
    }

    /** Word-wraps {@code text} to {@code width}: first line after {@code first}, the rest after {@code rest}. */
    static List<String> wrap(String text, int width, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int base = first.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > base && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                base = rest.length();
            }
            if (line.length() > base) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
