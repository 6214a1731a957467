package dev.cadence.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.model.Window;
import dev.cadence.yaml.Problems;
import dev.cadence.yaml.YNode;
import dev.cadence.yaml.YamlReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in library in the repository's {@code sequences/} folder: index.txt agrees with the
 * folder, every sequence follows design §4, and every template uses only known variables, with a
 * fallback for every field a contact may lack (rendering is strict), and reads like a good email.
 */
class BuiltinLibraryTest {
    static final Path LIBRARY = Path.of("sequences");
    static final Path TEMPLATES = LIBRARY.resolve("templates");

    /** The rendering context of design §5 that templates may use without declaring it. */
    static final Set<String> CONTEXT = Set.of("first_name", "last_name", "name", "company", "title", "phone",
            "linkedin", "owner", "sender.name", "sender.email", "sender.company", "sender.address", "sequence.name",
            "step.id", "previous.subject", "previous.date", "previous.channel", "previous.outcome", "previous.note",
            "last_note", "unsubscribe_url", "today");
    /** Variables that are never missing or blank, so they need no fallback. */
    static final Set<String> ALWAYS = Set.of("sender.name", "sender.email", "sequence.name", "step.id", "today");
    static final List<String> BANNED = List.of("just checking in", "checking in", "circling back", "circle back",
            "bumping this", "bump this", "touching base", "touch base", "just following up", "just wanted to");

    static final Set<String> SEQUENCE_KEYS = Set.of("name", "description", "window", "exclusive", "reenroll", "stop_on",
            "on_complete", "defaults", "steps");
    static final Set<String> STEP_KEYS = Set.of("id", "day", "after", "repeat", "channel", "manual", "purpose", "template",
            "thread", "if", "unless", "variants");
    static final Set<String> CONDITION_KEYS = Set.of("has", "field", "sent", "outcome", "event");

    record Step(String sequence, String id, Channel channel, boolean manual, List<String> templates) {
        boolean automaticEmail() {
            return channel == Channel.EMAIL && !manual;
        }
    }

    static final Map<String, YNode.YMap> sequences = new TreeMap<>();
    static final Map<String, Map<String, String>> defaults = new TreeMap<>();
    static final List<Step> steps = new ArrayList<>();
    static final List<String> structural = new ArrayList<>();

    @BeforeAll
    static void readLibrary() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Problems problems = new Problems();
                YNode root = YamlReader.read(f, problems);
                assertThat(problems.asList()).as("YAML problems in %s", f).isEmpty();
                assertThat(root).as(f.toString()).isInstanceOf(YNode.YMap.class);
                String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                sequences.put(name, (YNode.YMap) root);
            }
        }
        for (var e : sequences.entrySet()) read(e.getKey(), e.getValue());
    }

    @Test
    void theLibraryHasTheSixSequencesOfTheIssue() {
        assertThat(sequences.keySet()).containsExactlyInAnyOrder("cold-outbound", "quarterly-nurture", "multichannel",
                "inbound-lead", "reactivation", "post-purchase");
    }

    @Test
    void indexListsExactlyTheFilesOfTheFolder() throws IOException {
        List<String> index = Files.readAllLines(LIBRARY.resolve(WorkspaceInitializer.INDEX)).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Set<String> onDisk;
        try (Stream<Path> walk = Files.walk(LIBRARY)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> LIBRARY.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(WorkspaceInitializer.INDEX)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(index).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(index)).as("sequences/index.txt must list every file of sequences/ and nothing else")
                .isEqualTo(onDisk);
        // the jar carries the same list
        assertThat(WorkspaceInitializer.builtinIndex()).isEqualTo(index);
    }

    @Test
    void everySequenceFollowsTheModelOfDesignSection4() {
        assertThat(structural).as("problems in the built-in sequences").isEmpty();
    }

    @Test
    void everyReferencedTemplateExistsAndEveryTemplateIsUsed() throws IOException {
        Set<String> referenced = steps.stream().flatMap(s -> s.templates().stream()).collect(Collectors.toCollection(TreeSet::new));
        for (String t : referenced) {
            assertThat(TEMPLATES.resolve(t)).as("template %s", t).isRegularFile();
        }
        Set<String> present;
        try (Stream<Path> walk = Files.walk(TEMPLATES)) {
            present = walk.filter(Files::isRegularFile).map(p -> TEMPLATES.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(present).as("templates no step refers to").isEqualTo(referenced);
    }

    @Test
    void everyStepOfTheMandatedPlansIsThere() {
        assertThat(plan("cold-outbound")).containsExactly("intro:email", "value:email", "call:call", "angle:email",
                "switch-channel:linkedin", "breakup:email");
        assertThat(plan("multichannel")).hasSizeBetween(8, 12);
        assertThat(plan("multichannel")).anyMatch(s -> s.endsWith(":voicemail")).anyMatch(s -> s.endsWith(":linkedin"))
                .anyMatch(s -> s.endsWith(":call")).anyMatch(s -> s.endsWith(":email"));
        assertThat(plan("quarterly-nurture")).hasSize(1);
        assertThat(plan("reactivation")).hasSizeBetween(3, 4);
        assertThat(text(sequences.get("post-purchase"), "exclusive")).isEqualTo("false");
        assertThat(text(sequences.get("quarterly-nurture"), "reenroll")).isEqualTo("after-complete");
        assertThat(text(sequences.get("cold-outbound"), "window")).isEqualTo("09:00-11:30");
    }

    @Test
    void templatesUseOnlyKnownVariablesWithFallbacksForFieldsAContactMayLack() throws IOException {
        List<String> errors = new ArrayList<>();
        for (Step step : steps) {
            Set<String> declared = defaults.get(step.sequence()).keySet();
            for (String t : step.templates()) {
                String text = Files.readString(TEMPLATES.resolve(t), StandardCharsets.UTF_8);
                Deque<String> open = new ArrayDeque<>();
                Matcher m = TAG.matcher(text);
                while (m.find()) {
                    String sigil = m.group(1);
                    String var = m.group(2);
                    String where = t + " (" + step.sequence() + "/" + step.id() + ")";
                    if (sigil.equals("!")) continue;
                    if (sigil.equals(">")) {
                        errors.add(where + ": partials are not used in the library: {{>" + var + "}}");
                        continue;
                    }
                    if (!CONTEXT.contains(var) && !declared.contains(var)) {
                        errors.add(where + ": unknown variable {{" + var + "}}; declare it in defaults: or use a context key");
                    }
                    switch (sigil) {
                        case "#", "^" -> open.push(var);
                        case "/" -> {
                            if (open.isEmpty() || !open.pop().equals(var)) errors.add(where + ": unbalanced {{/" + var + "}}");
                        }
                        default -> {
                            boolean guarded = ALWAYS.contains(var) || declared.contains(var) || open.contains(var);
                            if (!guarded) errors.add(where + ": {{" + var + "}} may be missing; wrap it in {{#" + var + "}}...{{/" + var + "}}"
                                    + " with a {{^" + var + "}} fallback");
                        }
                    }
                }
                if (!open.isEmpty()) errors.add(t + ": unclosed sections " + open);
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void emailTemplatesHaveASubjectASignatureAndAnUnsubscribeLine() throws IOException {
        List<String> errors = new ArrayList<>();
        for (Step step : steps) {
            for (String t : step.templates()) {
                List<String> lines = Files.readAllLines(TEMPLATES.resolve(t), StandardCharsets.UTF_8);
                boolean frontMatter = lines.size() > 2 && lines.get(0).startsWith("subject: ") && lines.get(1).equals("---");
                if (step.channel() == Channel.EMAIL) {
                    if (!frontMatter) errors.add(t + ": an email starts with 'subject: ...' and a line '---'");
                    if (lines.get(0).strip().equals("subject:")) errors.add(t + ": empty subject");
                    String body = String.join("\n", lines);
                    if (!body.contains("\n{{sender.name}}\n{{#sender.company}}\n{{sender.company}}\n{{/sender.company}}")) {
                        errors.add(t + ": an email ends with the sender's name and company");
                    }
                    if (step.automaticEmail() && !body.contains("{{#unsubscribe_url}}")) {
                        errors.add(t + ": an automatic email carries an unsubscribe line");
                    }
                } else if (frontMatter) {
                    errors.add(t + ": only emails have a subject (" + step.channel().id() + ")");
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void copyAvoidsEmptyFollowUpPhrases() throws IOException {
        List<String> errors = new ArrayList<>();
        for (String t : allTemplates()) {
            String text = Files.readString(TEMPLATES.resolve(t)).toLowerCase(Locale.ROOT);
            for (String phrase : BANNED) {
                if (text.contains(phrase)) errors.add(t + ": \"" + phrase + "\"");
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void everyTemplateCompilesAndRendersWithAFullAndWithABareContact() throws IOException {
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException(e);
                }
            }
        };
        List<String> errors = new ArrayList<>();
        for (Step step : steps) {
            for (String t : step.templates()) {
                String text = Files.readString(TEMPLATES.resolve(t), StandardCharsets.UTF_8);
                Mustache mustache = factory.compile(new StringReader(text), t);
                String full = render(mustache, fullContact(step));
                String bare = render(mustache, bareContact(step));
                for (String out : List.of(full, bare)) {
                    if (out.contains("{{") || out.contains("}}")) errors.add(t + ": tag left in output");
                    if (out.matches("(?s).*\\b(Hi|Hello|Dear) ,.*")) errors.add(t + ": a greeting without a name");
                }
                if (step.channel() != Channel.TASK && !bare.contains("Alex Example")) errors.add(t + ": the sender's name is missing");
                if (step.channel() == Channel.EMAIL) {
                    int words = bodyWords(full);
                    if (words < 60 || words > 120) errors.add(t + ": body has " + words + " words, write 60-120");
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------

    static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/!>&]?)\\s*([A-Za-z0-9_.]+)\\s*}}");

    private static String render(Mustache m, Map<String, Object> ctx) {
        StringWriter w = new StringWriter();
        m.execute(w, ctx);
        return w.toString();
    }

    /** Words of an email body: after the front matter, up to the signature. */
    private static int bodyWords(String rendered) {
        String body = rendered.substring(rendered.indexOf("\n---\n") + 5);
        int sig = body.indexOf("\nAlex Example\n");
        body = body.substring(0, sig);
        return body.isBlank() ? 0 : body.strip().split("\\s+").length;
    }

    private static Map<String, Object> base(Step step) {
        Map<String, Object> ctx = new HashMap<>(defaults.get(step.sequence()));
        Map<String, Object> sender = new HashMap<>();
        sender.put("name", "Alex Example");
        sender.put("email", "alex@example.com");
        ctx.put("sender", sender);
        ctx.put("sequence", Map.of("name", step.sequence()));
        ctx.put("step", Map.of("id", step.id()));
        ctx.put("today", "2026-03-06");
        return ctx;
    }

    /** Only what is always there: what strict rendering sees for a contact with an email and nothing else. */
    private static Map<String, Object> bareContact(Step step) {
        return base(step);
    }

    private static Map<String, Object> fullContact(Step step) {
        Map<String, Object> ctx = base(step);
        ctx.putAll(Map.of("first_name", "Dana", "last_name", "Whitfield", "name", "Dana Whitfield", "company",
                "Harborline Freight", "title", "VP Sales", "phone", "+1 212 555 0143", "linkedin",
                "https://www.linkedin.com/in/dana", "owner", "maya", "unsubscribe_url", "https://example.com/u/abc"));
        ctx.put("last_note", "Saw that you are hiring three account executives in Boston.");
        @SuppressWarnings("unchecked")
        Map<String, Object> sender = (Map<String, Object>) ctx.get("sender");
        sender.put("company", "Example Co");
        sender.put("address", "1 Main Street, Springfield");
        ctx.put("previous", Map.of("subject", "A question for Harborline Freight", "date", "2026-03-02",
                "channel", "email", "outcome", "sent", "note", "Asked about follow-up"));
        return ctx;
    }

    private static List<String> plan(String sequence) {
        return steps.stream().filter(s -> s.sequence().equals(sequence)).map(s -> s.id() + ":" + s.channel().id()).toList();
    }

    private static Set<String> allTemplates() throws IOException {
        try (Stream<Path> walk = Files.walk(TEMPLATES)) {
            return walk.filter(Files::isRegularFile).map(p -> TEMPLATES.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // ---- a structural reading of design §4, kept simple; the real validator lives in sequence/ ----

    private static void read(String name, YNode.YMap seq) {
        String at = name + ".yaml";
        for (String k : seq.entries().keySet()) {
            if (!SEQUENCE_KEYS.contains(k)) structural.add(at + ": unknown key " + k);
        }
        if (!name.equals(text(seq, "name"))) structural.add(at + ": name must be the file name");
        if (blank(text(seq, "description"))) structural.add(at + ": description missing");
        if (text(seq, "window") != null) {
            try {
                Window.parse(text(seq, "window"));
            } catch (IllegalArgumentException e) {
                structural.add(at + ": " + e.getMessage());
            }
        }
        String exclusive = text(seq, "exclusive");
        if (exclusive != null && !Set.of("true", "false").contains(exclusive)) structural.add(at + ": exclusive must be true/false");
        String reenroll = text(seq, "reenroll");
        if (reenroll != null && !Set.of("never", "after-complete", "always").contains(reenroll)) {
            structural.add(at + ": reenroll " + reenroll);
        }
        if (seq.get("stop_on") instanceof YNode.YList l) {
            for (YNode n : l.items()) parse(at, () -> EventType.parse(((YNode.YScalar) n).text()));
        }
        if (seq.get("on_complete") instanceof YNode.YMap oc) {
            String target = text(oc, "enroll");
            if (oc.entries().size() != 1 || target == null) structural.add(at + ": on_complete is {enroll: SEQUENCE}");
            else if (!Files.isRegularFile(LIBRARY.resolve(target + ".yaml"))) structural.add(at + ": on_complete enrolls unknown " + target);
        }
        Map<String, String> defs = new LinkedHashMap<>();
        if (seq.get("defaults") instanceof YNode.YMap d) {
            for (var e : d.entries().values()) {
                if (e.value() instanceof YNode.YScalar s && !blank(s.text())) defs.put(e.key(), s.text());
                else structural.add(at + ": default " + e.key() + " must be a non-blank text");
                if (CONTEXT.contains(e.key())) structural.add(at + ": default " + e.key() + " shadows a context key");
            }
        }
        defaults.put(name, defs);
        if (!(seq.get("steps") instanceof YNode.YList list) || list.items().isEmpty()) {
            structural.add(at + ": steps missing");
            return;
        }
        Set<String> ids = new TreeSet<>();
        long lastDay = 0;
        boolean emailBefore = false;
        for (YNode n : list.items()) {
            YNode.YMap s = (YNode.YMap) n;
            String id = text(s, "id");
            String where = at + ":" + s.location().line() + " step " + id;
            for (String k : s.entries().keySet()) {
                if (!STEP_KEYS.contains(k)) structural.add(where + ": unknown key " + k);
            }
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]*") || !ids.add(id)) structural.add(where + ": id missing, badly formed or repeated");
            if ((text(s, "day") == null) == (text(s, "after") == null)) structural.add(where + ": exactly one of day or after");
            if (text(s, "day") != null) {
                long day = Long.parseLong(text(s, "day"));
                if (day < 1 || day < lastDay) structural.add(where + ": days must start at 1 and never go back");
                lastDay = day;
            }
            if (text(s, "after") != null) parse(where, () -> Span.parse(text(s, "after")));
            if (s.get("repeat") instanceof YNode.YMap r) {
                parse(where, () -> Span.parse(text(r, "every")));
                if (text(r, "times") == null || Integer.parseInt(text(r, "times")) < 1) structural.add(where + ": repeat.times");
            }
            String purpose = text(s, "purpose");
            if (blank(purpose) || purpose.length() < 30) structural.add(where + ": purpose must give a real reason");
            Channel channel = null;
            try {
                channel = Channel.parse(text(s, "channel"));
            } catch (RuntimeException e) {
                structural.add(where + ": channel " + text(s, "channel"));
                continue;
            }
            boolean manual = "true".equals(text(s, "manual"));
            if (manual && channel != Channel.EMAIL && channel != Channel.SMS) structural.add(where + ": manual: only on email/sms");
            if ("true".equals(text(s, "thread"))) {
                if (channel != Channel.EMAIL) structural.add(where + ": thread only on email");
                if (!emailBefore) structural.add(where + ": thread on the first email");
            }
            if (channel == Channel.EMAIL) emailBefore = true;
            List<String> templates = new ArrayList<>();
            if (text(s, "template") != null) templates.add(text(s, "template"));
            if (s.get("variants") instanceof YNode.YList vs) {
                if (text(s, "template") != null) structural.add(where + ": template or variants, not both");
                Set<String> vids = new TreeSet<>();
                for (YNode v : vs.items()) {
                    YNode.YMap vm = (YNode.YMap) v;
                    if (!vids.add(String.valueOf(text(vm, "id"))) || text(vm, "template") == null) structural.add(where + ": variant id/template");
                    else templates.add(text(vm, "template"));
                }
                if (vids.size() < 2) structural.add(where + ": variants need at least two");
            }
            if (templates.isEmpty()) structural.add(where + ": every step of the library has a template or a script");
            for (String cond : List.of("if", "unless")) {
                if (s.get(cond) == null) continue;
                if (!(s.get(cond) instanceof YNode.YMap c)) {
                    structural.add(where + ": " + cond + " must be a mapping");
                    continue;
                }
                condition(where + " " + cond, c);
            }
            steps.add(new Step(name, id, channel, manual, templates));
        }
    }

    private static void condition(String where, YNode.YMap c) {
        for (var e : c.entries().values()) {
            switch (e.key()) {
                case "has" -> {
                    if (!(e.value() instanceof YNode.YList l) || l.items().isEmpty()) structural.add(where + ": has: [fields]");
                }
                case "field" -> {
                    if (!(e.value() instanceof YNode.YMap)) structural.add(where + ": field: {name: value}");
                }
                case "sent" -> {
                    YNode.YMap m = (YNode.YMap) e.value();
                    parse(where, () -> Channel.parse(text(m, "channel")));
                    parse(where, () -> Integer.parseInt(text(m, "min")));
                }
                case "outcome" -> {
                    YNode.YMap m = (YNode.YMap) e.value();
                    parse(where, () -> Channel.parse(text(m, "channel")));
                    if (blank(text(m, "is"))) structural.add(where + ": outcome.is");
                    parse(where, () -> Integer.parseInt(text(m, "min")));
                }
                case "event" -> {
                    YNode.YMap m = (YNode.YMap) e.value();
                    parse(where, () -> EventType.parse(text(m, "type")));
                    parse(where, () -> Integer.parseInt(text(m, "min")));
                }
                default -> structural.add(where + ": unknown condition " + e.key() + "; use " + CONDITION_KEYS);
            }
        }
    }

    private static void parse(String where, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            structural.add(where + ": " + e.getMessage());
        }
    }

    private static void parse(String where, java.util.function.Supplier<?> s) {
        parse(where, (Runnable) s::get);
    }

    static String text(YNode.YMap m, String key) {
        return m.get(key) instanceof YNode.YScalar s && !s.isNull() ? s.text() : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
