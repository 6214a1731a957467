package dev.cadence.sequence;

import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.model.Window;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.MapReader;
import dev.cadence.yaml.Problems;
import dev.cadence.yaml.YNode;
import dev.cadence.yaml.YamlReader;
import dev.cadence.yaml.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the sequence files of {@code sequences/} (design §4) into {@link Sequence} records,
 * recording every problem with its file, line and column instead of stopping at the first.
 * A file with any problem yields no {@link Sequence}; the others still load.
 */
public final class SequenceLoader {
    /** Step ids, variant ids and sequence names: lower-case letters, digits, - and _. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SequenceLoader() {}

    /** A reference from one sequence to another (on_complete.enroll), checked once all are loaded. */
    private record Ref(String owner, String target, Location location, String what) {}

    /** A file read as far as possible; {@code clean} when it had no problem. */
    private record Loaded(Sequence sequence, boolean clean) {}

    /** Every {@code *.yaml} / {@code *.yml} of the workspace's {@code sequences/}, sorted by name, cross references checked. */
    public static SequenceLibrary loadAll(Workspace workspace, Problems problems) {
        Path dir = workspace.sequencesDir();
        if (!Files.isDirectory(dir)) return SequenceLibrary.empty();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(Location.ofFile(dir), "cannot list sequences: " + e.getMessage());
            return SequenceLibrary.empty();
        }
        Map<String, Path> declared = new TreeMap<>();
        List<Sequence> loaded = new ArrayList<>();
        List<Sequence> broken = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        for (Path file : files) {
            String name = nameOf(file);
            Path first = declared.putIfAbsent(name, file);
            if (first != null) {
                problems.add(Location.ofFile(file), "sequence '" + name + "' is defined twice: here and in "
                        + first.getFileName() + "; keep one file per sequence");
                continue;
            }
            Loaded l = read(file, problems, refs);
            if (l != null && l.clean()) loaded.add(l.sequence());
            else if (l != null) broken.add(l.sequence());
        }
        for (Ref ref : refs) {
            if (!declared.containsKey(ref.target())) {
                // a sequence that points nowhere is not runnable: it moves to the broken ones
                loaded.stream().filter(s -> s.name().equals(ref.owner())).findFirst().ifPresent(s -> {
                    loaded.remove(s);
                    broken.add(s);
                });
                problems.add(ref.location(), ref.what() + " '" + ref.target() + "' is not a sequence of this workspace"
                        + hint(ref.target(), declared.keySet()));
            }
        }
        return new SequenceLibrary(loaded, broken, declared.keySet());
    }

    /** "; did you mean 'x'?" or "; known sequences: a, b" (empty when there are none). */
    public static String hint(String name, Set<String> known) {
        String close = Suggest.closest(name, known);
        if (close != null) return "; did you mean '" + close + "'?";
        return known.isEmpty() ? "" : "; known sequences: " + String.join(", ", new java.util.TreeSet<>(known));
    }

    /** The sequence name a file declares by its name: {@code cold-outbound.yaml} → {@code cold-outbound}. */
    public static String nameOf(Path file) {
        String f = file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /**
     * Reads one sequence file without checking references to other sequences. Returns null when the
     * file has any problem (all recorded in {@code problems}).
     */
    public static Sequence load(Path file, Problems problems) {
        Loaded l = read(file, problems, new ArrayList<>());
        return l != null && l.clean() ? l.sequence() : null;
    }

    private static Loaded read(Path file, Problems problems, List<Ref> refs) {
        int before = problems.size();
        YNode root = YamlReader.read(file, problems);
        if (root == null) return null;
        String expected = nameOf(file);
        MapReader r = MapReader.of(root, problems, "sequence " + file.getFileName());
        if (r == null) return null;

        String name = r.requiredString("name");
        if (name != null && !name.strip().equals(expected)) {
            problems.add(r.locationOf("name"), "sequence name '" + name.strip() + "' must match its file name: write name: "
                    + expected + " (or rename the file to " + name.strip() + file.getFileName().toString().substring(expected.length()) + ")");
        } else if (name != null && !ID.matcher(expected).matches()) {
            problems.add(r.locationOf("name"), "sequence name '" + expected + "' must be lower-case letters, digits, - or _");
        }
        String description = r.string("description").map(String::strip).orElse("");
        Optional<Window> window = r.parsed("window", Window::parse);
        boolean exclusive = r.bool("exclusive").orElse(true);
        Reenroll reenroll = r.parsed("reenroll", Reenroll::parse).orElse(Reenroll.NEVER);
        Set<EventType> stopOn = Sequence.DEFAULT_STOP_ON;
        if (r.has("stop_on") || r.node().entries().containsKey("stop_on")) {
            stopOn = EnumSet.noneOf(EventType.class);
            for (YNode n : r.list("stop_on", true)) {
                if (n instanceof YNode.YScalar s && !s.isNull()) {
                    try {
                        stopOn.add(EventType.parse(s.text()));
                    } catch (IllegalArgumentException e) {
                        problems.add(n.location(), "'stop_on': " + e.getMessage());
                    }
                } else {
                    problems.add(n.location(), "'stop_on' must list event names, found " + n.describe());
                }
            }
        }
        Optional<String> onComplete = Optional.empty();
        MapReader oc = r.map("on_complete");
        if (oc != null) {
            onComplete = oc.string("enroll").map(String::strip);
            if (!oc.has("enroll")) problems.add(oc.location(), "'on_complete' needs 'enroll: SEQUENCE'");
            onComplete.ifPresent(t -> refs.add(new Ref(expected, t, oc.locationOf("enroll"), "on_complete.enroll:")));
            oc.rejectUnknown();
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        MapReader d = r.map("defaults");
        if (d != null) {
            for (YNode.Entry e : d.node().entries().values()) {
                d.allow(e.key());
                if (!VARIABLE.matcher(e.key()).matches()) {
                    problems.add(e.keyLocation(), "default '" + e.key() + "' must be a variable name (letters, digits, _)");
                } else if (e.value() instanceof YNode.YScalar s && !s.isNull()) {
                    defaults.put(e.key(), s.text());
                } else {
                    problems.add(e.value().location(), "default '" + e.key() + "' must be a text value, found " + e.value().describe());
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        if (!r.node().entries().containsKey("steps")) {
            problems.add(r.location(), "sequence " + file.getFileName() + " is missing required key 'steps'");
        } else {
            YNode stepsNode = r.node("steps");
            if (stepsNode == null || stepsNode instanceof YNode.YList l && l.items().isEmpty()) {
                problems.add(r.locationOf("steps"), "'steps' must list at least one step");
            }
            List<YNode> items = r.list("steps", false);
            steps = steps(items, problems);
        }
        r.rejectUnknown();
        Sequence seq = new Sequence(expected, description, window, exclusive, reenroll, stopOn, onComplete, defaults, steps,
                file, r.location());
        return new Loaded(seq, problems.size() == before);
    }

    private static List<Step> steps(List<YNode> items, Problems problems) {
        List<Step> out = new ArrayList<>();
        Map<String, Location> ids = new HashMap<>();
        boolean emailSeen = false;
        int maxDay = 0;
        String maxDayStep = null;
        for (YNode item : items) {
            String peekId = item instanceof YNode.YMap m && m.get("id") instanceof YNode.YScalar s ? s.text() : null;
            String what = peekId == null ? "step" : "step '" + peekId + "'";
            MapReader m = MapReader.of(item, problems, what);
            if (m == null) continue;
            int before = problems.size();

            String id = m.requiredString("id");
            if (id != null) {
                id = id.strip();
                if (!ID.matcher(id).matches()) {
                    problems.add(m.locationOf("id"), "step id '" + id + "' must start with a lower-case letter or digit"
                            + " and use only a-z, 0-9, - and _");
                } else if (ids.containsKey(id)) {
                    problems.add(m.locationOf("id"), "duplicate step id '" + id + "' (first at line " + ids.get(id).line() + ")");
                } else {
                    ids.put(id, m.locationOf("id"));
                }
            }

            // timing
            Timing timing = null;
            boolean hasDay = m.has("day");
            boolean hasAfter = m.has("after");
            Optional<Integer> day = m.integer("day", Integer.MIN_VALUE, Integer.MAX_VALUE);
            Optional<Span> after = m.parsed("after", Span::parse);
            if (hasDay && hasAfter) {
                problems.add(m.locationOf("after"), what + " has both 'day' and 'after'; use one: 'day: N' (day N of the enrollment)"
                        + " or 'after: SPAN' (after the previous touch)");
            } else if (!hasDay && !hasAfter) {
                problems.add(m.location(), what + " needs a timing: 'day: N' (day N of the enrollment) or 'after: SPAN'"
                        + " such as after: 2 business days");
            } else if (day.isPresent()) {
                int n = day.get();
                if (n < 1) {
                    problems.add(m.locationOf("day"), "'day' must be 1 or more (day 1 is the start date), found " + n);
                } else {
                    timing = new Timing.Day(n);
                    if (n < maxDay) {
                        problems.add(m.locationOf("day"), what + " is on day " + n + " but comes after step '" + maxDayStep
                                + "' on day " + maxDay + "; list the steps in the order they happen");
                    } else {
                        maxDay = n;
                        maxDayStep = id;
                    }
                }
            } else if (after.isPresent()) {
                timing = new Timing.After(after.get());
            }

            Repeat repeat = null;
            MapReader rp = m.map("repeat");
            if (rp != null) {
                Optional<Span> every = rp.parsed("every", Span::parse);
                Optional<Integer> times = rp.integer("times", 1, 10_000);
                if (!rp.node().entries().containsKey("every")) {
                    problems.add(rp.location(), "'repeat' needs 'every', e.g. repeat: { every: 90 days, times: 4 }");
                } else if (every.isEmpty() && rp.node("every") == null) {
                    problems.add(rp.locationOf("every"), "'every' must not be empty");
                }
                every.filter(e -> e.amount() == 0)
                        .ifPresent(e -> problems.add(rp.locationOf("every"), "'every' must be longer than 0"));
                rp.rejectUnknown();
                if (every.isPresent()) repeat = new Repeat(every.get(), times);
            }

            Channel channel = null;
            String ch = m.requiredString("channel");
            if (ch != null) {
                try {
                    channel = Channel.parse(ch);
                } catch (IllegalArgumentException e) {
                    String close = Suggest.closest(ch.strip().toLowerCase(java.util.Locale.ROOT),
                            new LinkedHashSet<>(List.of(Channel.ids().split(", "))));
                    problems.add(m.locationOf("channel"), "unknown channel '" + ch + "'"
                            + (close != null ? "; did you mean '" + close + "'?" : "; valid channels: " + Channel.ids()));
                }
            }
            Optional<Boolean> manualFlag = m.bool("manual");
            boolean manual = channel != null && !channel.canBeAutomatic() || manualFlag.orElse(false);
            if (channel != null && !channel.canBeAutomatic() && manualFlag.isPresent() && !manualFlag.get()) {
                problems.add(m.locationOf("manual"), "channel '" + channel.id() + "' is always done by a person;"
                        + " only email, sms and webhook can be automatic (remove 'manual: false')");
            }

            String purpose = null;
            if (!m.node().entries().containsKey("purpose")) {
                problems.add(m.location(), what + " needs a 'purpose': why this touch matters to the contact, in one sentence"
                        + " (follow-ups are reason-based, never \"just checking in\")");
            } else {
                Optional<String> p = m.string("purpose");
                if (p.isEmpty() || p.get().isBlank()) {
                    if (m.node("purpose") == null || p.isPresent()) {
                        problems.add(m.locationOf("purpose"), "'purpose' must not be empty: say why this touch matters to the contact");
                    }
                } else {
                    purpose = p.get().strip();
                }
            }

            Optional<String> template = m.string("template").map(String::strip);
            template.ifPresent(t -> checkTemplatePath(t, m.locationOf("template"), problems));

            boolean thread = m.bool("thread").orElse(false);
            if (thread && channel != null && channel != Channel.EMAIL) {
                problems.add(m.locationOf("thread"), "'thread: true' only applies to email steps; this step's channel is " + channel.id());
            } else if (thread && channel == Channel.EMAIL && !emailSeen) {
                problems.add(m.locationOf("thread"), "'thread: true' on the first email step: there is no earlier email"
                        + " to reply to; remove it");
            }
            if (channel == Channel.EMAIL) emailSeen = true;

            List<Condition> when = conditions(m.node("if"), "if", problems);
            List<Condition> unless = conditions(m.node("unless"), "unless", problems);

            List<Variant> variants = new ArrayList<>();
            boolean hasVariants = m.node().entries().containsKey("variants");
            if (hasVariants) {
                Map<String, Location> variantIds = new HashMap<>();
                for (YNode v : m.list("variants", false)) {
                    MapReader vr = MapReader.of(v, problems, "variant");
                    if (vr == null) continue;
                    String vid = vr.requiredString("id");
                    String vt = vr.requiredString("template");
                    vr.rejectUnknown();
                    if (vid != null) {
                        vid = vid.strip();
                        if (!ID.matcher(vid).matches()) {
                            problems.add(vr.locationOf("id"), "variant id '" + vid + "' must use only a-z, 0-9, - and _");
                        } else if (variantIds.containsKey(vid)) {
                            problems.add(vr.locationOf("id"), "duplicate variant id '" + vid + "' (first at line "
                                    + variantIds.get(vid).line() + ")");
                        } else {
                            variantIds.put(vid, vr.locationOf("id"));
                        }
                    }
                    if (vt != null) checkTemplatePath(vt.strip(), vr.locationOf("template"), problems);
                    if (vid != null && vt != null) variants.add(new Variant(vid, vt.strip(), vr.locationOf("template")));
                }
                if (template.isPresent()) {
                    problems.add(m.locationOf("variants"), what + " has both 'template' and 'variants'; a step with"
                            + " variants names a template in each variant");
                } else if (m.node("variants") instanceof YNode.YList l && l.items().size() < 2
                        || m.node("variants") == null) {
                    problems.add(m.locationOf("variants"), "'variants' needs at least 2 variants to compare"
                            + " (use 'template' for a single one)");
                }
            }
            if (channel != null && channel.canBeAutomatic() && !manual && template.isEmpty() && !hasVariants) {
                problems.add(m.location(), what + " sends " + channel.id() + " automatically and needs a 'template'"
                        + " (or 'variants'); write one, or mark the step manual: true");
            }
            m.rejectUnknown();

            if (problems.size() == before && id != null && timing != null && channel != null && purpose != null) {
                out.add(new Step(id, timing, Optional.ofNullable(repeat), channel, manual, purpose, template, thread,
                        when, unless, variants, m.location(), template.isPresent() ? m.locationOf("template") : m.location()));
            }
        }
        return out;
    }

    /** Template names are relative to templates/ and stay inside it. */
    static void checkTemplatePath(String t, Location at, Problems problems) {
        if (t.isEmpty()) {
            problems.add(at, "'template' must not be empty");
            return;
        }
        String norm = t.replace('\\', '/');
        if (norm.startsWith("/") || norm.matches("[A-Za-z]:.*") || List.of(norm.split("/")).contains("..")) {
            problems.add(at, "template '" + t + "' must be a path inside templates/, like cold/intro.mustache"
                    + " (no absolute paths, no '..')");
        }
    }

    private static List<Condition> conditions(YNode node, String key, Problems problems) {
        List<Condition> out = new ArrayList<>();
        if (node == null) return out;
        if (node instanceof YNode.YList l) {
            for (YNode item : l.items()) conditionMap(item, key, problems, out);
        } else {
            conditionMap(node, key, problems, out);
        }
        return out;
    }

    private static void conditionMap(YNode node, String key, Problems problems, List<Condition> out) {
        MapReader c = MapReader.of(node, problems, "'" + key + "'");
        if (c == null) return;
        if (c.node().entries().containsKey("has")) {
            List<String> fields = c.strings("has").stream().map(String::strip).toList();
            if (fields.isEmpty()) problems.add(c.locationOf("has"), "'has' must name at least one field, e.g. has: [phone]");
            else out.add(new Condition.Has(fields));
        } else {
            c.allow("has");
        }
        MapReader f = c.map("field");
        if (f != null) {
            if (f.node().entries().isEmpty()) problems.add(f.location(), "'field' must name a field and a value, e.g. field: { industry: saas }");
            for (YNode.Entry e : f.node().entries().values()) {
                f.allow(e.key());
                if (e.value() instanceof YNode.YScalar s && !s.isNull()) out.add(new Condition.FieldIs(e.key(), s.text()));
                else problems.add(e.value().location(), "field '" + e.key() + "' must be compared with a single value, found "
                        + e.value().describe());
            }
        }
        MapReader s = c.map("sent");
        if (s != null) {
            Optional<Channel> ch = s.parsed("channel", Channel::parse);
            Optional<Integer> min = s.integer("min", 0, 1000);
            s.rejectUnknown();
            if (!s.node().entries().containsKey("channel") || ch.isPresent()) out.add(new Condition.Sent(ch, min.orElse(1)));
        }
        MapReader o = c.map("outcome");
        if (o != null) {
            Optional<Channel> ch = o.parsed("channel", Channel::parse);
            String is = o.requiredString("is");
            Optional<Integer> min = o.integer("min", 0, 1000);
            if (!o.node().entries().containsKey("channel")) {
                problems.add(o.location(), "'outcome' is missing required key 'channel'");
            }
            o.rejectUnknown();
            if (ch.isPresent() && is != null) out.add(new Condition.Outcome(ch.get(), is.strip(), min.orElse(1)));
        }
        MapReader e = c.map("event");
        if (e != null) {
            Optional<EventType> type = e.parsed("type", EventType::parse);
            Optional<Integer> min = e.integer("min", 0, 1000);
            if (!e.node().entries().containsKey("type")) problems.add(e.location(), "'event' is missing required key 'type'");
            e.rejectUnknown();
            type.ifPresent(t -> out.add(new Condition.Event(t, min.orElse(1))));
        }
        c.rejectUnknown();
    }
}
