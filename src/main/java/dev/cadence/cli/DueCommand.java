package dev.cadence.cli;

import dev.cadence.agenda.DueItem;
import dev.cadence.agenda.DueList;
import dev.cadence.channel.DueIcs;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.model.Channel;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cadence due}: what is due today (or over the next days), hottest first. */
@Command(name = "due", mixinStandardHelpOptions = true,
        header = "What is due today, hottest first, each item ready to do.",
        description = {
                "Everything due up to the end of today in the workspace time zone:",
                "auto touches (sent by run) and manual ones (calls, LinkedIn, tasks",
                "for the whole day). Each item is rendered: subject and body of an",
                "email, the script of a manual step; an item that cannot be rendered",
                "is listed with its error. Order: manual steps that block their",
                "sequence, then most overdue, then the contacts who engaged lately.",
                "Nothing due: no output, \"nothing due\" on stderr, exit 0.",
        },
        footer = {
                "",
                "Formats: table (grouped by owner and channel; subject of emails, the",
                "script of manual steps), json (one array; subject and body of each),",
                "csv (header row, formula-safe), ics (one VTODO per manual item;",
                "re-importing the file updates the same tasks).",
                "",
                "Examples:",
                "  cadence due                          this morning's list",
                "  cadence due --owner ana --kind manual",
                "  cadence due --days 5                 agenda through Friday",
                "  cadence due --format ics > today.ics",
                "  cadence --as-of 2026-03-09 due       as it will be on Monday",
        })
final class DueCommand implements Callable<Integer> {
    enum Format { table, json, csv, ics }

    @Spec
    CommandSpec spec;

    @Option(names = "--days", paramLabel = "N", defaultValue = "0",
            description = "Agenda: also what comes due over the next N days (each"
                    + " enrollment's next step; default: today only).")
    int days;

    @Option(names = "--channel", paramLabel = "C", split = ",",
            description = "Only these channels (email, call, linkedin, ...; repeat or comma-separate).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--owner", paramLabel = "O", description = "Only contacts of this owner.")
    String owner;

    @Option(names = "--sequence", paramLabel = "S", description = "Only this sequence.")
    String sequence;

    @Option(names = "--kind", paramLabel = "K", description = "auto or manual.")
    DueItem.Kind kind;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "table, json, csv or ics (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        if (days < 0) throw CadenceException.invalid("--days must be 0 or more, not " + days);
        Set<Channel> wanted = EnumSet.noneOf(Channel.class);
        for (String c : channels) {
            if (c.isBlank()) continue;
            try {
                wanted.add(Channel.parse(c));
            } catch (IllegalArgumentException e) {
                throw CadenceException.invalid("--channel: " + e.getMessage());
            }
        }
        try (Session session = Session.of(spec)) {
            SequenceLibrary library = ControlSupport.library(session);
            if (sequence != null && library.find(sequence).isEmpty()) {
                ControlSupport.usable(library, sequence);
                throw CadenceException.invalid("--sequence: unknown sequence '" + sequence + "'"
                        + SequenceLoader.hint(sequence, new TreeSet<>(library.names())));
            }
            Clock clock = session.clock();
            Ledger ledger = session.existingLedger();
            ZoneId zone = session.workspace().config().timezone();
            DueList list = new DueList(session.workspace(), ledger, library, clock);
            // the table shows the subject of an auto item, not its body: only rendered where it could fail
            DueList.Result r = list.list(DueList.endOfDay(clock, zone, days),
                    new DueList.Filter(wanted, owner, sequence, kind), format != Format.table);

            PrintWriter err = spec.commandLine().getErr();
            if (!session.quiet()) {
                r.refresh().chained().forEach(err::println);
                r.problems().forEach(p -> err.println("warning: " + p));
            }
            // buffered, no flush per line: the command line's writer flushes at every println, which
            // for a table of 10k items is ~150k writes to stdout (system calls when it is a file or pipe)
            PrintWriter out = new PrintWriter(new java.io.BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
            try {
                switch (format) {
                    case table -> DueTable.print(out, r.items());
                    case json -> json(spec.commandLine().getOut(), r.items());
                    case csv -> Csv.print(out, CSV_HEADER, r.items().stream().map(DueCommand::csv).toList());
                    case ics -> DueIcs.write(r.items(), clock.instant(), out);
                }
            } finally {
                // what was written reaches the output on every path (an error mid-listing too)
                out.flush();
                spec.commandLine().getOut().flush();
            }
            if (r.items().isEmpty()) {
                err.println("nothing due" + (days > 0 ? " in the next " + days + " days" : " today")
                        + (wanted.isEmpty() && owner == null && sequence == null && kind == null ? "" : " (with these filters)"));
            } else if (!session.quiet()) {
                long manual = r.items().stream().filter(i -> i.kind() == DueItem.Kind.MANUAL).count();
                err.println(r.items().size() + " due: " + manual + " manual, " + (r.items().size() - manual) + " auto"
                        + (r.failed() > 0 ? "; " + r.failed() + " could not be rendered (see error)" : ""));
            }
            return 0;
        }
    }

    static final List<String> CSV_HEADER = List.of("priority", "contact_id", "email", "name", "owner", "sequence", "step",
            "occurrence", "channel", "kind", "due_at", "overdue_days", "silence_days", "blocking", "purpose", "subject",
            "body", "error", "variant", "enrollment_id", "last_touch_channel", "last_touch_at", "last_touch_subject",
            "last_touch_outcome", "last_touch_note", "last_note");

    /** From this many items on, {@code json} encodes them on several threads. */
    private static final int PARALLEL_FROM = 200;
    /** UTF-8 with a character beyond U+FFFF as its four bytes, as the text (Writer) generator writes it, not as two escapes. */
    private static final com.fasterxml.jackson.core.JsonFactory JSON = com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /**
     * One JSON array, as Jackson's default pretty printer writes it ({@code [ {…}, {…} ]}), encoded
     * as UTF-8 in slices on several threads (10k items with their bodies are ~16 MB), then written
     * in order: straight to the byte stream when {@code out} has one ({@link Utf8Out}), else as text.
     */
    static void json(PrintWriter out, List<DueItem> items) {
        int n = items.size();
        int slices = n < PARALLEL_FROM ? 1 : 4 * Runtime.getRuntime().availableProcessors();
        java.io.ByteArrayOutputStream[] encoded = new java.io.ByteArrayOutputStream[slices];
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, slices);
        if (slices > 1) indexes = indexes.parallel();
        indexes.forEach(s -> encoded[s] = json(items, (int) ((long) n * s / slices), (int) ((long) n * (s + 1) / slices)));
        out.flush();
        java.io.ByteArrayOutputStream asText = out instanceof Utf8Out ? null : new java.io.ByteArrayOutputStream();
        try {
            java.io.OutputStream bytes = asText == null ? ((Utf8Out) out).bytes() : asText;
            bytes.write('[');
            for (java.io.ByteArrayOutputStream slice : encoded) slice.writeTo(bytes); // no copy of megabytes
            bytes.write(END);
            bytes.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (asText != null) out.write(asText.toString(java.nio.charset.StandardCharsets.UTF_8));
        out.println();
    }

    private static final byte[] END = {' ', ']'};

    /**
     * Items {@code from} to {@code to} (exclusive) of the array in UTF-8, each preceded by its
     * separator ({@code " "} before the first item of the array, {@code ", "} before the others).
     */
    private static java.io.ByteArrayOutputStream json(List<DueItem> items, int from, int to) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(Math.max(64, (to - from) * 1_700));
        // each item at the root, pretty-printed as inside the array, without a root value separator
        try (var g = JSON.createGenerator(buf, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter().withRootSeparator(""));
            for (int i = from; i < to; i++) {
                g.writeRaw(i == 0 ? " " : ", ");
                write(g, items.get(i));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buf;
    }

    /** One item as a JSON object, written straight to the generator (no map per item). */
    private static void write(com.fasterxml.jackson.core.JsonGenerator g, DueItem i) throws java.io.IOException {
        g.writeStartObject();
        g.writeNumberField("priority", i.rank());
        g.writeNumberField("contact_id", i.contact().id());
        string(g, "email", i.contact().email());
        string(g, "name", i.name());
        string(g, "owner", i.contact().owner());
        string(g, "sequence", i.sequence());
        string(g, "step", i.step());
        g.writeNumberField("occurrence", i.occurrence());
        string(g, "channel", i.channel().id());
        string(g, "kind", i.kind().id());
        string(g, "due_at", i.dueAtLocal().toString());
        string(g, "timezone", i.zone().getId());
        g.writeNumberField("overdue_days", i.overdueDays());
        g.writeNumberField("silence_days", i.silenceDays());
        g.writeBooleanField("blocking", i.blocking());
        g.writeNumberField("heat", Math.round(i.score().heat() * 1000) / 1000.0);
        string(g, "purpose", i.purpose());
        string(g, "subject", i.subject().orElse(null));
        string(g, "body", i.body().orElse(null));
        string(g, "error", i.error().orElse(null));
        string(g, "variant", i.variant().orElse(null));
        string(g, "template", i.template().orElse(null));
        g.writeNumberField("enrollment_id", i.enrollmentId());
        g.writeFieldName("last_touch");
        if (i.lastTouch().isEmpty()) {
            g.writeNull();
        } else {
            Touch t = i.lastTouch().get();
            g.writeStartObject();
            string(g, "channel", t.channel().id());
            string(g, "at", t.at() == null ? null : t.at().atZone(i.zone()).toOffsetDateTime().toString());
            string(g, "sequence", t.sequence());
            string(g, "step", t.stepId());
            string(g, "subject", t.subject());
            string(g, "outcome", t.outcome());
            string(g, "note", t.note());
            g.writeEndObject();
        }
        string(g, "last_note", i.lastNote().orElse(null));
        g.writeEndObject();
    }

    private static void string(com.fasterxml.jackson.core.JsonGenerator g, String name, String value) throws java.io.IOException {
        g.writeFieldName(name);
        if (value == null) g.writeNull();
        else g.writeString(value);
    }

    static List<Object> csv(DueItem i) {
        Touch t = i.lastTouch().orElse(null);
        List<Object> row = new ArrayList<>(CSV_HEADER.size());
        row.add(i.rank());
        row.add(i.contact().id());
        row.add(i.contact().email());
        row.add(i.name());
        row.add(i.contact().owner());
        row.add(i.sequence());
        row.add(i.step());
        row.add(i.occurrence());
        row.add(i.channel().id());
        row.add(i.kind().id());
        row.add(i.dueAtLocal().toString());
        row.add(i.overdueDays());
        row.add(i.silenceDays());
        row.add(i.blocking());
        row.add(i.purpose());
        row.add(i.subject().orElse(null));
        row.add(i.body().orElse(null));
        row.add(i.error().orElse(null));
        row.add(i.variant().orElse(null));
        row.add(i.enrollmentId());
        row.add(t == null ? null : t.channel().id());
        row.add(t == null || t.at() == null ? null : t.at().atZone(i.zone()).toOffsetDateTime().toString());
        row.add(t == null ? null : t.subject());
        row.add(t == null ? null : t.outcome());
        row.add(t == null ? null : t.note());
        row.add(i.lastNote().orElse(null));
        return row;
    }

    /**
     * The table: grouped by owner (unowned last), then channel (manual channels first, then the
     * group with the most urgent item), items in priority order; at most 80 columns.
     */
    static final class DueTable {
        private static final int WIDTH = 80;
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
        private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
        private static final java.util.regex.Pattern SPACE_RUN = java.util.regex.Pattern.compile(" +");

        private DueTable() {}

        static void print(PrintWriter out, List<DueItem> items) {
            Memo memo = new Memo();
            Map<String, Map<Channel, List<DueItem>>> groups = new LinkedHashMap<>();
            List<DueItem> byOwner = new ArrayList<>(items);
            byOwner.sort(Comparator.comparing((DueItem i) -> i.contact().owner() == null ? 1 : 0)
                    .thenComparing(i -> i.contact().owner() == null ? "" : i.contact().owner())
                    .thenComparingInt(DueItem::rank));
            for (DueItem i : byOwner) {
                groups.computeIfAbsent(i.contact().owner() == null ? "(no owner)" : i.contact().owner(),
                        k -> new LinkedHashMap<>()).computeIfAbsent(i.channel(), k -> new ArrayList<>()).add(i);
            }
            boolean first = true;
            for (var owner : groups.entrySet()) {
                // what the rep does by hand first (calls, LinkedIn...), then what run sends
                List<Map.Entry<Channel, List<DueItem>>> channels = new ArrayList<>(owner.getValue().entrySet());
                channels.sort(Comparator.comparing((Map.Entry<Channel, List<DueItem>> e) ->
                        e.getValue().get(0).kind() == DueItem.Kind.MANUAL ? 0 : 1)
                        .thenComparingInt(e -> e.getValue().get(0).rank()));
                for (var channel : channels) {
                    if (!first) out.println();
                    first = false;
                    List<DueItem> g = channel.getValue();
                    boolean manual = g.get(0).kind() == DueItem.Kind.MANUAL;
                    out.println("== " + owner.getKey() + " / " + channel.getKey().id() + " (" + g.size()
                            + (manual ? " to do" : " to send") + ")");
                    for (DueItem i : g) item(out, i, memo);
                }
            }
        }

        /**
         * What many items share, formatted once per table: due times (10k items fall on a few
         * instants), last-touch days, and the purpose lines of each step.
         */
        private static final class Memo {
            private record At(java.time.Instant at, ZoneId zone) {}

            final Map<At, String> when = new java.util.HashMap<>();
            final Map<At, String> day = new java.util.HashMap<>();
            final Map<String, String> autoPurpose = new java.util.HashMap<>();
            final Map<String, java.io.StringWriter> manualPurpose = new java.util.HashMap<>();

            String when(java.time.Instant at, ZoneId zone) {
                return when.computeIfAbsent(new At(at, zone), k -> at.atZone(zone).format(WHEN));
            }

            String day(java.time.Instant at, ZoneId zone) {
                return day.computeIfAbsent(new At(at, zone), k -> at.atZone(zone).format(DAY));
            }
        }

        private static void item(PrintWriter out, DueItem i, Memo memo) {
            String rank = Integer.toString(i.rank());
            if (rank.length() < 3) rank = "   ".substring(rank.length()) + rank; // %3d
            String head = i.name().equals(i.contact().email()) ? rank + "  " + i.contact().email()
                    : rank + "  " + i.name() + " <" + i.contact().email() + ">";
            String where = i.sequence() + "/" + i.step() + (i.occurrence() > 1 ? " #" + i.occurrence() : "");
            out.println(fit(head, where));
            List<String> facts = new ArrayList<>();
            facts.add("due " + memo.when(i.dueAt(), i.zone()));
            if (i.overdueDays() > 0) facts.add(i.overdueDays() + (i.overdueDays() == 1 ? " day" : " days") + " overdue");
            facts.add("silent " + i.silenceDays() + (i.silenceDays() == 1 ? " day" : " days"));
            if (i.blocking()) facts.add("blocks the sequence");
            wrap(out, "     ", String.join(" · ", facts));
            if (i.kind() == DueItem.Kind.MANUAL) {
                out.write(memo.manualPurpose.computeIfAbsent(i.purpose(), p -> {
                    java.io.StringWriter lines = new java.io.StringWriter();
                    PrintWriter w = new PrintWriter(lines);
                    wrap(w, "     ", "Purpose: " + p);
                    w.flush();
                    return lines;
                }).toString());
            } else {
                out.println(memo.autoPurpose.computeIfAbsent(i.purpose(),
                        p -> cut("     Purpose: " + SPACES.matcher(p).replaceAll(" ").strip())));
            }
            if (i.error().isPresent()) {
                wrap(out, "     ", "CANNOT RENDER: " + i.error().get());
            } else {
                i.subject().ifPresent(s -> wrap(out, "     ", "Subject: " + s));
                if (i.kind() == DueItem.Kind.MANUAL && i.body().isPresent()) {
                    out.println("     Script:");
                    script(out, i.body().get().strip());
                }
            }
            i.lastTouch().ifPresent(t -> wrap(out, "     ", "Last touch: " + t.channel().id()
                    + (t.at() != null ? " " + memo.day(t.at(), i.zone()) : "")
                    + (t.subject() != null ? " \"" + t.subject() + "\"" : "")
                    + (t.outcome() != null ? ", " + t.outcome() : "") + (t.note() != null ? ": " + t.note() : "")));
            i.lastNote().ifPresent(n -> wrap(out, "     ", "Note: " + n));
        }

        /**
         * Each line of a script wrapped with its indent: the lines of {@code text.split("\\r?\\n")}
         * (split at {@code \n} or {@code \r\n}; {@code text} is stripped, so it has no trailing
         * empty line to drop), found without a regex (2,000 scripts of ~40 lines in a 10k table).
         */
        static void script(PrintWriter out, String text) {
            int n = text.length();
            int start = 0;
            while (true) {
                int nl = text.indexOf('\n', start);
                if (nl < 0) {
                    wrap(out, "       ", start == 0 ? text : text.substring(start));
                    return;
                }
                int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
                wrap(out, "       ", text.substring(start, end));
                start = nl + 1;
                if (start >= n) return; // not reached for a stripped text; as split, no trailing empty line
            }
        }

        /** One line of at most 80 columns, cut with an ellipsis. */
        private static String cut(String line) {
            return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
        }

        /** {@code left} and {@code right} on one line of at most 80 columns (left cut when needed). */
        private static String fit(String left, String right) {
            int room = WIDTH - right.length() - 2;
            if (left.length() > room) left = left.substring(0, Math.max(10, room - 1)) + "…";
            return left + " ".repeat(Math.max(2, WIDTH - left.length() - right.length())) + right;
        }

        /** Word-wraps {@code text} at 80 columns with {@code indent} on every line (words are split at spaces). */
        static void wrap(PrintWriter out, String indent, String text) {
            String t = text.replace('\t', ' ').stripTrailing();
            if (t.isBlank()) {
                out.println();
                return;
            }
            int width = WIDTH - indent.length();
            if (t.length() <= width && t.charAt(0) != ' ' && t.indexOf("  ") < 0) {
                // one line as it is: no leading space, no run of spaces to squeeze, nothing to break
                out.write(indent);
                out.write(t);
                out.println();
                return;
            }
            StringBuilder line = new StringBuilder(WIDTH);
            int n = t.length();
            int i = 0;
            while (i < n) {
                if (t.charAt(i) == ' ') {
                    i++;
                    continue;
                }
                int end = t.indexOf(' ', i);
                if (end < 0) end = n;
                int start = i;
                while (end - start > width) { // a word longer than a line: cut into lines of its own
                    if (line.length() > 0) {
                        println(out, indent, line);
                        line.setLength(0);
                    }
                    out.write(indent);
                    out.write(t, start, width);
                    out.println();
                    start += width;
                }
                if (line.length() > 0 && line.length() + 1 + (end - start) > width) {
                    println(out, indent, line);
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(t, start, end);
                i = end;
            }
            if (line.length() > 0) println(out, indent, line);
        }

        private static void println(PrintWriter out, String indent, CharSequence line) {
            out.write(indent);
            out.append(line);
            out.println();
        }
    }
}
