package dev.cadence.render;

import com.github.mustachejava.Code;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problems;
import dev.cadence.yaml.Suggest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template of {@code templates/} (design §5), read and compiled with Mustache.java, with the
 * variables it uses. A file may start with a front matter block: {@code subject: ...} (and
 * optionally {@code html: other/file.mustache}) then a line {@code ---}; the rest is the body.
 * Syntax errors become {@link dev.cadence.yaml.Problem}s at the template's own line.
 *
 * @param name        path relative to {@code templates/}, e.g. {@code cold/intro.mustache}
 * @param file        the file
 * @param subject     the subject line's source, when the front matter has one
 * @param html        the {@code html:} template named by the front matter (relative to templates/)
 * @param body        the body's source
 * @param bodyLine    the file line where the body starts (1 without front matter)
 * @param subjectCode the compiled subject
 * @param bodyCode    the compiled body
 * @param variables   every variable tag of subject, body and partials, in order
 */
public record TemplateFile(
        String name,
        Path file,
        Optional<String> subject,
        Optional<String> html,
        String body,
        int bodyLine,
        Optional<Mustache> subjectCode,
        Mustache bodyCode,
        List<VariableUse> variables) {

    private static final Pattern FRONT_KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*:(.*)");
    private static final Pattern AT = Pattern.compile("\\s*@\\[(.*):(\\d+)]\\s*$");
    private static final List<String> FRONT_KEYS = List.of("subject", "html");

    public TemplateFile {
        variables = List.copyOf(variables);
    }

    /** Same as {@link #read(Path, String, Problems, Location)}, a missing file reported at the template's path. */
    public static TemplateFile read(Path templatesDir, String relativePath, Problems problems) {
        return read(templatesDir, relativePath, problems, null);
    }

    /**
     * Reads and compiles {@code templates/relativePath}. Returns null when the file is missing,
     * unreadable, outside templates/ or has a syntax error; the reason is in {@code problems}
     * (a missing file at {@code referencedAt} when given: the {@code template:} that names it).
     */
    public static TemplateFile read(Path templatesDir, String relativePath, Problems problems, Location referencedAt) {
        return read(templatesDir, relativePath, problems, referencedAt, true);
    }

    /** Reads a template that has no front matter (an {@code html:} body): every line is body. */
    public static TemplateFile readWithoutFrontMatter(Path templatesDir, String relativePath, Problems problems,
                                                      Location referencedAt) {
        return read(templatesDir, relativePath, problems, referencedAt, false);
    }

    static TemplateFile read(Path templatesDir, String relativePath, Problems problems, Location referencedAt,
                             boolean frontMatterAllowed) {
        Path root = templatesDir.toAbsolutePath().normalize();
        Path file = root.resolve(relativePath).normalize();
        Location refAt = referencedAt != null ? referencedAt : Location.ofFile(file);
        if (!file.startsWith(root) || Path.of(relativePath).isAbsolute()) {
            problems.add(refAt, "template '" + relativePath + "' must be a path inside templates/ (no '..', no absolute path)");
            return null;
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            problems.add(refAt, "template '" + relativePath + "' not found: no file " + root.getFileName() + "/" + relativePath
                    + similar(root, relativePath));
            return null;
        } catch (CharacterCodingException e) {
            problems.add(Location.ofFile(file), "template is not valid UTF-8 text");
            return null;
        } catch (IOException e) {
            problems.add(Location.ofFile(file), (Files.isDirectory(file) ? "template is a folder, not a file" : "cannot read template: "
                    + e.getMessage()));
            return null;
        }
        return parse(root, relativePath, file, text, problems, frontMatterAllowed);
    }

    /** Parses template text said to come from {@code templates/relativePath}. */
    static TemplateFile parse(Path root, String relativePath, Path file, String text, Problems problems, boolean frontMatterAllowed) {
        int before = problems.size();
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\r?\n", -1);

        // front matter
        Optional<String> subject = Optional.empty();
        Optional<String> html = Optional.empty();
        int subjectLine = 0;
        int bodyStart = 0; // index of the body's first line
        int fmStart = lines.length > 0 && lines[0].strip().equals("---") ? 1 : 0;
        int end = -1;
        for (int i = fmStart; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                end = i;
                break;
            }
            if (!lines[i].isBlank() && !FRONT_KEY.matcher(lines[i].strip()).matches()) break;
        }
        boolean hasFront = frontMatterAllowed && end > fmStart && FRONT_KEY.matcher(lines[fmStart].strip()).matches();
        if (frontMatterAllowed && fmStart == 1 && end < 0) {
            problems.add(new Location(file, 1, 1), "front matter opened with '---' is never closed; end it with a line '---'");
        }
        if (hasFront) {
            Set<String> seen = new HashSet<>();
            for (int i = fmStart; i < end; i++) {
                if (lines[i].isBlank()) continue;
                Matcher m = FRONT_KEY.matcher(lines[i].strip());
                if (!m.matches()) continue;
                String key = m.group(1);
                String value = unquote(m.group(2).strip());
                Location at = new Location(file, i + 1, 1 + lines[i].indexOf(key));
                if (!FRONT_KEYS.contains(key)) {
                    String close = Suggest.closest(key, FRONT_KEYS);
                    problems.add(at, "unknown front matter key '" + key + "'"
                            + (close != null ? "; did you mean '" + close + "'?" : "; known keys: subject, html"));
                } else if (!seen.add(key)) {
                    problems.add(at, "front matter key '" + key + "' is given twice");
                } else if (value.isBlank()) {
                    problems.add(at, "'" + key + "' must not be empty");
                } else if (key.equals("subject")) {
                    subject = Optional.of(value);
                    subjectLine = i + 1;
                } else {
                    html = Optional.of(value);
                }
            }
            bodyStart = end + 1;
        }
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(bodyStart, lines.length));
        int bodyLine = bodyStart + 1;

        AnalysisMustacheFactory factory = new AnalysisMustacheFactory(root);
        String subjectName = relativePath + "#subject";
        Map<String, Integer> offsets = new HashMap<>();
        offsets.put(relativePath, bodyStart);
        offsets.put(subjectName, subjectLine - 1);
        Map<String, String[]> sources = new HashMap<>();
        sources.put(relativePath, lines);
        sources.put(subjectName, lines);

        Mustache subjectCode = null;
        if (subject.isPresent()) {
            try {
                subjectCode = factory.compile(new StringReader(subject.get()), subjectName);
            } catch (MustacheException e) {
                problems.add(errorLocation(e, root, file, offsets, sources, subjectName), cleanMessage(e));
            }
        }
        Mustache bodyCode = null;
        try {
            bodyCode = factory.compile(new StringReader(body), relativePath);
        } catch (MustacheException e) {
            problems.add(errorLocation(e, root, file, offsets, sources, relativePath), cleanMessage(e));
        }
        if (problems.size() != before) return null;

        List<VariableUse> uses = new ArrayList<>();
        Walker w = new Walker(root, file, offsets, sources);
        if (subjectCode != null) w.walk(subjectCode.getCodes(), new ArrayDeque<>(), new ArrayDeque<>(), uses, new HashSet<>());
        w.walk(bodyCode.getCodes(), new ArrayDeque<>(), new ArrayDeque<>(), uses, new HashSet<>());
        // a {{^x}} anywhere in the template is a fallback for every {{x}}
        Set<String> inverted = new HashSet<>();
        for (VariableUse u : uses) if (u.kind() == VariableUse.Kind.INVERTED) inverted.add(u.name());
        List<VariableUse> out = new ArrayList<>();
        for (VariableUse u : uses) {
            out.add(u.fallback() || !inverted.contains(u.name()) ? u
                    : new VariableUse(u.name(), u.kind(), u.location(), u.sections(), true));
        }
        return new TemplateFile(relativePath, file, subject, html, body, bodyLine, Optional.ofNullable(subjectCode), bodyCode, out);
    }

    /** Distinct variable names used, in order of first use. */
    public List<String> variableNames() {
        return variables.stream().map(VariableUse::name).distinct().toList();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String similar(Path root, String relativePath) {
        Path parent = root.resolve(relativePath).getParent();
        if (parent == null || !Files.isDirectory(parent)) return "";
        try (var s = Files.list(parent)) {
            List<String> names = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
            String close = Suggest.closest(relativePath, names);
            return close == null ? "" : "; did you mean '" + close + "'?";
        } catch (IOException e) {
            return "";
        }
    }

    private static Location errorLocation(MustacheException e, Path root, Path file, Map<String, Integer> offsets,
                                          Map<String, String[]> sources, String compiled) {
        String msg = String.valueOf(e.getMessage());
        Matcher m = AT.matcher(msg);
        String source = compiled;
        int line = 1;
        if (m.find()) {
            source = m.group(1);
            line = Integer.parseInt(m.group(2));
        }
        String tag = tagOf(msg);
        if (offsets.containsKey(source)) {
            int fileLine = line + offsets.get(source);
            return new Location(file, fileLine, column(sources.get(source), fileLine, tag));
        }
        Path partial = root.resolve(source);
        return new Location(partial, line, column(readLines(partial), line, tag));
    }

    /** The tag an error is about, to find its column: {{#a or {{/b. */
    private static String tagOf(String msg) {
        Matcher close = Pattern.compile("Failed to close '([^']*)'").matcher(msg);
        if (close.find()) return "\\{\\{[#^]\\s*" + Pattern.quote(close.group(1));
        Matcher mismatch = Pattern.compile("Mismatched start/end tags: (\\S+) != (\\S+)").matcher(msg);
        if (mismatch.find()) return "\\{\\{/\\s*" + Pattern.quote(mismatch.group(2));
        Matcher partial = Pattern.compile("partial '([^']*)'").matcher(msg);
        if (partial.find()) return "\\{\\{>\\s*" + Pattern.quote(partial.group(1));
        return "\\{\\{(?!.*\\}\\})";
    }

    static int column(String[] lines, int line, String tagRegex) {
        if (lines == null || line < 1 || line > lines.length) return 1;
        Matcher m = Pattern.compile(tagRegex).matcher(lines[line - 1]);
        return m.find() ? m.start() + 1 : 1;
    }

    private static String[] readLines(Path p) {
        try {
            return Files.readString(p).split("\r?\n", -1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Mustache.java's message in the user's terms, without its own position suffix. */
    static String cleanMessage(MustacheException e) {
        String msg = AT.matcher(String.valueOf(e.getMessage())).replaceAll("");
        msg = msg.replaceAll(" in [^ ]+:\\d+$", "");
        Matcher close = Pattern.compile("Failed to close '([^']*)' tag").matcher(msg);
        if (close.find()) {
            String n = close.group(1);
            return "section {{#" + n + "}} (or {{^" + n + "}}) is never closed; add {{/" + n + "}}";
        }
        Matcher mismatch = Pattern.compile("Mismatched start/end tags: (\\S+) != (\\S+)").matcher(msg);
        if (mismatch.find()) {
            String open = mismatch.group(1);
            String closeTag = mismatch.group(2);
            return open.equals("null") ? "{{/" + closeTag + "}} closes a section that was never opened"
                    : "{{/" + closeTag + "}} does not match the open section {{#" + open + "}}; close it with {{/" + open + "}} first";
        }
        if (msg.startsWith("Improperly closed variable")) return "tag opened with {{ is not closed with }} on the same line";
        return "template syntax error: " + msg;
    }

    /** Walks the compiled code tree collecting variable uses with their file lines. */
    private record Walker(Path root, Path file, Map<String, Integer> offsets, Map<String, String[]> sources) {

        void walk(Code[] codes, Deque<String> sections, Deque<String> inverted, List<VariableUse> out, Set<String> partials) {
            if (codes == null) return;
            for (Code c : codes) {
                if (c instanceof AnalysisMustacheFactory.LPartial p) {
                    // once per including file, partial and enclosing sections: the same partial
                    // included again under other sections is walked again (a use guarded by
                    // {{#x}} in one place is not guarded in the other); the sets keep recursion finite
                    String key = p.context().file() + ">" + p.getName() + "|" + new java.util.TreeSet<>(sections)
                            + "|" + new java.util.TreeSet<>(inverted);
                    if (partials.add(key)) walk(p.getCodes(), sections, inverted, out, partials);
                    continue;
                }
                if (!(c instanceof AnalysisMustacheFactory.Located l)) {
                    walk(c.getCodes(), sections, inverted, out, partials);
                    continue;
                }
                String name = c.getName().strip();
                Location at = location(l.context(), name);
                List<String> enclosing = new ArrayList<>(sections);
                java.util.Collections.reverse(enclosing);
                boolean guarded = sections.contains(name) || inverted.contains(name);
                if (c instanceof AnalysisMustacheFactory.LInverted) {
                    out.add(new VariableUse(name, VariableUse.Kind.INVERTED, at, enclosing, true));
                    inverted.push(name);
                    walk(c.getCodes(), sections, inverted, out, partials);
                    inverted.pop();
                } else if (c instanceof AnalysisMustacheFactory.LSection) {
                    out.add(new VariableUse(name, VariableUse.Kind.SECTION, at, enclosing, guarded));
                    sections.push(name);
                    walk(c.getCodes(), sections, inverted, out, partials);
                    sections.pop();
                } else {
                    if (c instanceof AnalysisMustacheFactory.LValue v) v.location(at);
                    out.add(new VariableUse(name, VariableUse.Kind.VALUE, at, enclosing, guarded));
                }
            }
        }

        private Location location(TemplateContext tc, String name) {
            String source = tc.file();
            String tag = "\\{\\{[{&#^]?\\s*" + Pattern.quote(name);
            if (offsets.containsKey(source)) {
                int line = tc.line() + offsets.get(source);
                return new Location(file, line, column(sources.get(source), line, tag));
            }
            Path partial = root.resolve(source).normalize();
            return new Location(partial, tc.line(), column(readLines(partial), tc.line(), tag));
        }
    }
}
