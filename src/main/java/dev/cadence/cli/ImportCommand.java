package dev.cadence.cli;

import dev.cadence.enrollment.Enroller;
import dev.cadence.enrollment.Outcomes;
import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.importer.ColumnMapping;
import dev.cadence.importer.ContactReader;
import dev.cadence.importer.CsvInput;
import dev.cadence.importer.DuplicatePolicy;
import dev.cadence.importer.EventsFile;
import dev.cadence.importer.ImportJob;
import dev.cadence.importer.MappingSpec;
import dev.cadence.importer.PhoneRegions;
import dev.cadence.importer.RejectFile;
import dev.cadence.importer.SuppressionImport;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Problems;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

/** {@code cadence import FILE|-}: contacts (or a do-not-contact list) from CSV into the ledger. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Import contacts from a CSV file (or - for stdin) into the ledger.",
                "Columns are recognised by name (Email, First Name, Company, ...);",
                "every other column becomes a custom field. Contacts are matched",
                "on the lower-cased email. The whole file is one transaction:",
                "nothing is written unless the import completes.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence import leads.csv --enroll cold-outbound --owner ana",
                "  cadence import export.csv --map hubspot --dry-run",
                "  cadence import people.csv --map email='Work Email' \\",
                "      --reject-file rejected.csv",
                "  cadence import --suppressions unsubscribed.txt",
                "  cadence import --events mailchimp-activity.csv",
                "",
                "Summary: read, created, updated, unchanged, rejected, enrolled,",
                "refused. Exit 0 ok (refused enrollments are reported, not a",
                "failure), 3 some rows rejected, 2 bad usage, unreadable file,",
                "no email column, or --strict with bad rows (nothing written).",
        })
final class ImportCommand implements Callable<Integer> {
    /** Refused enrollments and rejected rows listed on stderr in text mode. */
    static final int LIST_ON_STDERR = 20;

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file, or - for standard input.")
    String file;

    @Option(names = "--delimiter", paramLabel = "C",
            description = "Cell separator: , ; tab or one character (default: detected from the header).")
    String delimiter;

    @Option(names = "--map", paramLabel = "MAP",
            description = "field=Column (repeatable), or a preset: hubspot, salesforce, pipedrive.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--map-file", paramLabel = "F", description = "field = Column lines (see --map); --map wins.")
    Path mapFile;

    @Option(names = "--on-duplicate", paramLabel = "P", defaultValue = "update",
            description = "update (default: non-empty values win, empty never erase), skip, or error"
                    + " (reject the row).")
    String onDuplicate;

    @Option(names = "--reject-file", paramLabel = "F",
            description = "Write rejected rows here (in an existing folder): original columns"
                    + " plus line and error; fix them and import the file again.")
    Path rejectFile;

    @Option(names = "--strict", description = "Any bad row aborts the import: nothing written, exit 2.")
    boolean strict;

    @Option(names = "--dry-run", description = "Do everything but commit; show the column mapping.")
    boolean dryRun;

    @Option(names = "--allow-partial",
            description = "Commit every 5,000 rows: a crash keeps what was committed (re-run to finish).")
    boolean allowPartial;

    @Option(names = "--enroll", paramLabel = "SEQ", description = "Enroll every imported contact in SEQ.")
    String enroll;

    @Option(names = "--start", paramLabel = "DATE",
            description = "Day 1 of the enrollment, YYYY-MM-DD (default: today, contact's time zone).")
    String start;

    @Option(names = "--owner", paramLabel = "NAME", description = "Owner of contacts whose row names none.")
    String owner;

    @Option(names = "--stage", paramLabel = "STAGE", description = "Stage of contacts whose row names none.")
    String stage;

    @Option(names = "--suppressions",
            description = "FILE is a do-not-contact list (one email a line, or a CSV with an email column).")
    boolean suppressions;

    @Option(names = "--events",
            description = "FILE holds events (email/contact, type, at, note), e.g. opens, clicks, bounces,"
                    + " unsubscribes from an email service; each applies its stop rules at once.")
    boolean events;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text",
            description = "Summary as text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        try (Session session = Session.of(spec)) {
            Workspace ws = session.workspace();
            WorkspaceConfig config = ws.config();
            MappingSpec mapping = MappingSpec.NONE;
            if (mapFile != null) mapping = MappingSpec.fromFile(session.resolve(mapFile));
            mapping = mapping.overriddenBy(MappingSpec.fromArgs(maps));
            Optional<Character> delim = delimiter == null ? Optional.empty()
                    : Optional.of(CsvInput.parseDelimiter(delimiter));
            List<String> stages = config.stages().stream().map(WorkspaceConfig.StageDef::name).toList();
            String region = PhoneRegions.forZone(config.timezone()).orElse(config.holidays().country().orElse(null));
            ContactReader.Options read = new ContactReader.Options(delim, mapping, stages, region);
            Path rejects = rejectFile == null ? null : session.resolve(rejectFile);
            // before anything is read or written: a bad target must not cost a half-done import
            if (rejects != null) RejectFile.checkTarget(rejects);
            boolean stdin = file.equals("-");
            Path path = stdin ? null : session.resolve(Path.of(file));

            if (events) {
                refuseWith("--events", "--enroll", enroll, "--start", start, "--owner", owner, "--stage", stage);
                if (suppressions || dryRun || allowPartial || rejects != null) {
                    throw CadenceException.invalid("--events cannot be used with --suppressions, --dry-run,"
                            + " --allow-partial or --reject-file");
                }
                if (!stdin && !Files.exists(path)) throw CadenceException.invalid(path + ": no such file");
                return importEvents(session, stdin ? null : path, delim);
            }
            if (suppressions) {
                refuseWith("--suppressions", "--enroll", enroll, "--start", start, "--owner", owner, "--stage", stage);
                if (allowPartial) throw CadenceException.invalid("--allow-partial cannot be used with --suppressions");
                Ledger ledger = session.ledger();
                SuppressionImport.Outcome o = stdin
                        ? SuppressionImport.run(ledger, System.in, CsvInput.STDIN_NAME, read, rejects, dryRun, strict)
                        : SuppressionImport.run(ledger, path, read, rejects, dryRun, strict);
                return reportSuppressions(o, stdin ? CsvInput.STDIN_NAME : path.toString(), session.quiet());
            }

            DuplicatePolicy policy = DuplicatePolicy.parse(onDuplicate);
            if (stage != null && config.stage(stage).isEmpty()) {
                throw CadenceException.invalid("--stage " + stage + ": not a stage of this workspace (stages: "
                        + String.join(", ", stages) + ")");
            }
            if (start != null && enroll == null) throw CadenceException.invalid("--start needs --enroll SEQ");
            LocalDate day1 = null;
            if (start != null) {
                try {
                    day1 = LocalDate.parse(start);
                } catch (DateTimeParseException e) {
                    throw CadenceException.invalid("--start " + start + ": not a date; use YYYY-MM-DD");
                }
            }
            if (!stdin && !Files.exists(path)) throw CadenceException.invalid(path + ": no such file");

            Ledger ledger = session.ledger();
            ImportJob.Options options = new ImportJob.Options(read, policy, rejects, strict, dryRun, allowPartial,
                    ImportJob.DEFAULT_BATCH, owner, stage, null, null);
            if (enroll != null) {
                Problems problems = new Problems();
                SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
                if (library.find(enroll).isEmpty() && library.declaredNames().contains(enroll)) {
                    throw CadenceException.invalid("sequence '" + enroll + "' has problems; run cadence validate");
                }
                Enroller enroller = new Enroller(ledger, library, session.clock(), config.timezone());
                Sequence sequence = enroller.sequence(enroll);
                options = options.withEnrollment(enroller, ImportJob.EnrollPlan.of(sequence, day1));
            }
            long size = stdin ? -1 : sizeOf(path);
            ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), session.quiet(), size);
            ImportJob job = new ImportJob(ledger, options, bar);
            // Ctrl-C: the JVM exits without committing; say what that left (nothing, or whole batches)
            PrintWriter err = spec.commandLine().getErr();
            Thread onInterrupt = new Thread(() -> {
                if (!job.running()) return;
                bar.finish();
                err.println("cadence: import interrupted" + job.interruptedAftermath());
                err.flush();
            }, "cadence-import-interrupt");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            ImportJob.Outcome o;
            try {
                o = stdin ? job.run(System.in, CsvInput.STDIN_NAME) : job.run(path);
            } finally {
                bar.finish();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
            return report(o, stdin ? CsvInput.STDIN_NAME : path.toString(), session.quiet());
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void refuseWith(String mode, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) throw CadenceException.invalid(pairs[i] + " cannot be used with " + mode);
        }
    }

    private int report(ImportJob.Outcome o, String source, boolean quiet) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var s = o.summary();
        if (format == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", source);
            json.put("read", s.read());
            json.put("created", s.created());
            json.put("updated", s.updated());
            json.put("unchanged", s.unchanged());
            json.put("rejected", s.rejected());
            json.put("enrolled", s.enrolled());
            json.put("refused", s.refused());
            json.put("committed", o.committed());
            json.put("dry_run", dryRun);
            if (dryRun) json.put("mapping", mappingJson(o.mapping()));
            json.put("reject_file", o.rejectFile() == null ? null : o.rejectFile().toString());
            json.put("rejections", o.rejections().stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", r.line());
                m.put("email", r.email());
                m.put("error", r.error());
                return m;
            }).toList());
            json.put("warned", o.warned());
            json.put("warnings", o.warnings().stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", r.line());
                m.put("email", r.email());
                m.put("warning", r.error());
                return m;
            }).toList());
            json.put("refusals", o.refusals().stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", r.line());
                m.put("email", r.email());
                m.put("sequence", r.sequence());
                m.put("reason", r.reason());
                return m;
            }).toList());
            Json.print(out, json);
        } else {
            if (dryRun) out.print(o.mapping().describe());
            out.println((dryRun ? "dry run, nothing written: " : o.committed() ? "" : "nothing written: ") + s.toText());
            if (!quiet) listDetails(o, source, err);
        }
        out.flush();
        err.flush();
        if (o.strictAborted()) {
            throw CadenceException.invalid(s.rejected() + (s.rejected() == 1 ? " row" : " rows") + " of " + source
                    + " rejected and --strict: nothing was imported");
        }
        if (s.partial()) {
            // exit 3 always comes with this line, even with -q (which keeps only errors: a
            // partial import is one) and with --format json (stdout stays pure JSON)
            err.println("cadence: " + s.rejected() + " of " + s.read() + " rows rejected"
                    + (o.rejectFile() != null ? " (written to " + o.rejectFile() + ")" : "; keep them with --reject-file F"));
            err.flush();
            return ExitStatus.PARTIAL.code();
        }
        return 0;
    }

    private void listDetails(ImportJob.Outcome o, String source, PrintWriter err) {
        int n = 0;
        for (ImportJob.Rejection r : o.rejections()) {
            if (n++ == LIST_ON_STDERR) {
                err.println("  ... and " + (o.summary().rejected() - LIST_ON_STDERR) + " more rejected rows");
                break;
            }
            err.println(source + ":" + r.line() + ": " + r.error());
        }
        n = 0;
        for (ImportJob.Rejection w : o.warnings()) {
            if (n++ == LIST_ON_STDERR) {
                err.println("  ... and " + (o.warned() - LIST_ON_STDERR) + " more warnings (all with --format json)");
                break;
            }
            err.println(source + ":" + w.line() + ": warning: " + w.error());
        }
        if (o.warned() > 0) {
            err.println(o.warned() + (o.warned() == 1 ? " row was" : " rows were") + " imported with a warning");
        }
        if (o.refusals().isEmpty()) return;
        Map<String, Integer> byReason = new LinkedHashMap<>();
        for (ImportJob.Refusal r : o.refusals()) byReason.merge(r.reason(), 1, Integer::sum);
        err.println(o.refusals().size() + (o.refusals().size() == 1 ? " contact was" : " contacts were")
                + " not enrolled:");
        byReason.forEach((reason, count) -> err.println("  " + count + " " + reason));
        n = 0;
        for (ImportJob.Refusal r : o.refusals()) {
            if (n++ == LIST_ON_STDERR) {
                err.println("  ... and " + (o.refusals().size() - LIST_ON_STDERR) + " more (all with --format json)");
                break;
            }
            err.println("  line " + r.line() + ": " + r.email() + ": " + r.reason());
        }
    }

    private static List<Map<String, Object>> mappingJson(ColumnMapping mapping) {
        return mapping.columns().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", c.header());
            m.put("use", c.use().name().toLowerCase(java.util.Locale.ROOT));
            m.put("target", c.target());
            return m;
        }).toList();
    }

    /** {@code --events}: one transaction; rows that cannot be recorded are listed with their line (exit 3). */
    private int importEvents(Session session, Path path, Optional<Character> delim) {
        WorkspaceConfig config = session.workspace().config();
        Ledger ledger = session.ledger();
        Outcomes outcomes = new Outcomes(ledger, ControlSupport.library(session), config, session.clock());
        String source = path == null ? CsvInput.STDIN_NAME : path.toString();
        List<String> problems = new ArrayList<>();
        long[] line = {0};
        long unreadable = 0;
        Outcomes.Summary summary;
        try (CsvInput csv = path == null ? CsvInput.open(System.in, CsvInput.STDIN_NAME, delim) : CsvInput.open(path, delim)) {
            EventsFile file = new EventsFile(csv, config.timezone(), session.clock().instant());
            List<EventsFile.Row> bad = new ArrayList<>();
            Iterable<Outcomes.NewEvent> readable = () -> new java.util.Iterator<>() {
                final java.util.Iterator<EventsFile.Row> rows = file.iterator();
                EventsFile.Row next = advance();

                private EventsFile.Row advance() {
                    while (rows.hasNext()) {
                        EventsFile.Row r = rows.next();
                        if (r.problem() == null) return r;
                        bad.add(r);
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Outcomes.NewEvent next() {
                    EventsFile.Row r = next;
                    line[0] = r.line();
                    next = advance();
                    return r.event();
                }
            };
            summary = outcomes.recordEvents(readable, "import " + (path == null ? "stdin" : path.getFileName()), result -> {
                if (result instanceof Outcomes.Rejected rej) problems.add(source + ":" + line[0] + ": " + rej.reason());
            });
            for (EventsFile.Row r : bad) problems.add(source + ":" + r.line() + ": " + r.problem());
            unreadable = bad.size();
        }
        long rejected = summary.rejected() + unreadable;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", source);
            json.put("recorded", summary.recorded());
            json.put("rejected", rejected);
            json.put("rejections", problems);
            Json.print(out, json);
        } else {
            out.println("events: " + summary.recorded() + " recorded, " + rejected + " rejected");
        }
        out.flush();
        problems.stream().limit(20).forEach(err::println);
        if (problems.size() > 20) err.println("... and " + (problems.size() - 20) + " more");
        err.flush();
        return rejected > 0 ? ExitStatus.PARTIAL.code() : 0;
    }

    private int reportSuppressions(SuppressionImport.Outcome o, String source, boolean quiet) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var s = o.summary();
        if (format == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("read", s.read());
            json.put("suppressed", s.suppressed());
            json.put("already_suppressed", s.alreadySuppressed());
            json.put("stopped_enrollments", s.stoppedEnrollments());
            json.put("rejected", s.rejected());
            json.put("committed", o.committed());
            json.put("dry_run", dryRun);
            json.put("rejections", o.rejections());
            Json.print(out, json);
        } else {
            out.println((dryRun ? "dry run, nothing written: " : o.committed() ? "" : "nothing written: ") + s.toText());
            if (!quiet) {
                int n = 0;
                for (ImportJob.Rejection r : o.rejections()) {
                    if (n++ == LIST_ON_STDERR) {
                        err.println("  ... and " + (s.rejected() - LIST_ON_STDERR) + " more rejected lines");
                        break;
                    }
                    err.println(source + ":" + r.line() + ": " + r.error());
                }
            }
        }
        out.flush();
        err.flush();
        if (strict && s.rejected() > 0) {
            throw CadenceException.invalid(s.rejected() + " lines rejected and --strict: nothing was imported");
        }
        if (s.rejected() > 0) {
            err.println("cadence: " + s.rejected() + " of " + s.read() + (s.read() == 1 ? " line" : " lines")
                    + " rejected" + (o.rejectFile() != null ? " (written to " + o.rejectFile() + ")"
                    : "; keep them with --reject-file F"));
            err.flush();
            return ExitStatus.PARTIAL.code();
        }
        return 0;
    }
}
