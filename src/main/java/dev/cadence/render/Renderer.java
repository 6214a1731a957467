package dev.cadence.render;

import com.github.mustachejava.Mustache;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Renders the templates of one workspace (design §5), strictly. Each template is read and compiled
 * once ({@link TemplateFile}) and kept, including a template that failed to load, so a thousand
 * items of a broken template cost one read. Safe to use from several threads.
 *
 * <p><b>Strict.</b> A value tag ({@code {{x}}}) whose variable is missing or blank (empty or only
 * white space) fails the item, unless the template provides for it: a {@code {{^x}}...{{/x}}}
 * section anywhere in the template (the usual {@code Hi {{first_name}}{{^first_name}}there{{/first_name}}}),
 * or the tag only runs inside {@code {{#x}}...{{/x}}}, or the sequence's {@code defaults:} give a
 * value (see {@link RenderContext}). This is enforced during Mustache.java's own execution:
 * {@link ContextObjectHandler} resolves every name and reports each value tag that finds nothing,
 * with the tag's location; so only tags that are actually rendered count (a tag inside a section
 * that is not shown cannot fail the item), and sections over a blank value are false. One failure
 * is an item's {@link RenderFailure}; it never throws, so a batch renders every other item.
 *
 * <p><b>Escaping.</b> Subjects and text bodies are plain text: {@code O'Brien & Co} stays as it
 * is. An {@code html:} part is HTML, and there {@code {{x}}} is escaped ({@code {{{x}}}} is not).
 *
 * <p><b>Threads.</b> A {@code thread: true} step is sent as a reply: its subject is
 * {@code Re: <subject of the first email of the enrollment>}, never {@code Re: Re:}.
 */
public final class Renderer {
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?:\\s*re(?:\\s*\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);

    private final Path templatesDir;
    private final ConcurrentMap<String, Loaded> texts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Loaded> htmls = new ConcurrentHashMap<>();

    /**
     * A template as loaded: the file and the names it has a {@code {{^x}}} for, or why it failed;
     * for {@link #bodyCannotFail}: the names of its value tags without a fallback and of its
     * sections, and whether its code holds nothing but those tags, partials and text.
     */
    private record Loaded(TemplateFile file, Set<String> fallbacks, Problem problem, Set<String> values, Set<String> sections,
                          boolean plain) {
        static Loaded of(TemplateFile file) {
            Set<String> fallbacks = new HashSet<>();
            for (VariableUse u : file.variables()) if (u.kind() == VariableUse.Kind.INVERTED) fallbacks.add(u.name());
            Set<String> values = new HashSet<>();
            Set<String> sections = new HashSet<>();
            for (VariableUse u : file.variables()) {
                if (u.kind() != VariableUse.Kind.VALUE) sections.add(u.name());
                else if (!u.fallback() && !fallbacks.contains(u.name())) values.add(u.name());
            }
            Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            boolean plain = plain(file.bodyCode().getCodes(), seen)
                    && (file.subjectCode().isEmpty() || plain(file.subjectCode().get().getCodes(), seen));
            return new Loaded(file, Set.copyOf(fallbacks), null, Set.copyOf(values), Set.copyOf(sections), plain);
        }

        static Loaded failed(Problem problem) {
            return new Loaded(null, Set.of(), problem, Set.of(), Set.of(), false);
        }

        /** The visitor's end-of-template marker (an anonymous code of {@code DefaultMustacheVisitor} that writes nothing). */
        private static boolean endOfFile(com.github.mustachejava.Code c) {
            return c.getClass().isAnonymousClass() && c.getClass().getEnclosingClass() == com.github.mustachejava.DefaultMustacheVisitor.class;
        }

        /** Only value tags, sections, inverted sections, partials, text and comments, all as the analysis saw them. */
        private static boolean plain(com.github.mustachejava.Code[] codes, Set<Object> seen) {
            if (codes == null) return true;
            for (com.github.mustachejava.Code c : codes) {
                if (c instanceof AnalysisMustacheFactory.LPartial) {
                    // a partial met twice (included again, or including itself) is not plain: a
                    // cycle fails at render time, and a second include may sit under other sections
                    if (!seen.add(c) || !plain(c.getCodes(), seen)) return false;
                } else if (c instanceof AnalysisMustacheFactory.LSection || c instanceof AnalysisMustacheFactory.LInverted) {
                    if (!plain(c.getCodes(), seen)) return false;
                } else if (!(c instanceof AnalysisMustacheFactory.LValue) && c.getClass() != com.github.mustachejava.codes.WriteCode.class
                        && c.getClass() != com.github.mustachejava.codes.CommentCode.class && !endOfFile(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    public Renderer(Path templatesDir) {
        this.templatesDir = templatesDir.toAbsolutePath().normalize();
    }

    /**
     * A renderer that starts with templates already compiled (such as
     * {@code WorkspaceValidator.Result.templates()}); the {@code html:} parts they name are taken
     * as HTML parts.
     */
    public Renderer(Path templatesDir, Map<String, TemplateFile> compiled) {
        this(templatesDir);
        Set<String> htmlParts = new HashSet<>();
        compiled.values().forEach(t -> t.html().ifPresent(htmlParts::add));
        compiled.forEach((name, tf) -> {
            if (tf == null) return;
            (htmlParts.contains(name) ? htmls : texts).put(name, Loaded.of(tf));
        });
    }

    public static Renderer of(Workspace workspace) {
        return new Renderer(workspace.templatesDir());
    }

    public Path templatesDir() {
        return templatesDir;
    }

    /**
     * Reads and compiles these templates (and their html parts) now, as {@link #render} would on
     * first use, so that another thread can do it while this one reads the ledger. A template
     * that fails to load is kept as such, exactly as when {@link #render} loads it.
     */
    public void preload(java.util.Collection<String> templates) {
        for (String template : templates) {
            Loaded main = texts.computeIfAbsent(template, t -> load(t, true));
            if (main.problem() == null && main.file().html().isPresent()) htmls.computeIfAbsent(main.file().html().get(), t -> load(t, false));
        }
    }

    /** Renders {@code template} (relative to {@code templates/}) with its own subject. */
    public RenderResult render(String template, RenderContext context) {
        return render(template, context, Optional.empty());
    }

    /**
     * Renders a touch of {@code step}: when the step has {@code thread: true} and the enrollment
     * already sent an email ({@code firstEmailSubject}, the subject of its first email), the
     * subject is {@code Re: <that subject>}; otherwise the template's own.
     */
    public RenderResult render(Step step, String template, RenderContext context, Optional<String> firstEmailSubject) {
        return render(template, context, step.thread() ? firstEmailSubject : Optional.empty());
    }

    /**
     * {@link #render(Step, String, RenderContext, Optional)}, and when {@code body} is false the
     * text body may be left out: only when rendering it cannot change the result (see
     * {@link #bodyCannotFail}); then the result is the same {@link Rendered} with a null text body.
     * For listings that show subjects only ({@code cadence due}'s table for auto steps).
     */
    public RenderResult render(Step step, String template, RenderContext context, Optional<String> firstEmailSubject, boolean body) {
        return render(template, context, step.thread() ? firstEmailSubject : Optional.empty(), body);
    }

    /**
     * Renders {@code template}; when {@code replyTo} is given (the subject of the thread's first
     * email) the subject is {@link #replySubject its reply subject} instead of the template's.
     */
    public RenderResult render(String template, RenderContext context, Optional<String> replyTo) {
        return render(template, context, replyTo, true);
    }

    private RenderResult render(String template, RenderContext context, Optional<String> replyTo, boolean wanted) {
        Loaded main = texts.computeIfAbsent(template, t -> load(t, true));
        if (main.problem() != null) return loadFailure(template, main.problem());
        TemplateFile tf = main.file();
        Loaded html = null;
        if (tf.html().isPresent()) {
            html = htmls.computeIfAbsent(tf.html().get(), t -> load(t, false));
            if (html.problem() != null) return loadFailure(template, html.problem());
        }

        RenderState text = new RenderState(false);
        RenderState markup = new RenderState(true);
        String subject = null;
        String body;
        String htmlBody = null;
        try {
            if (replyTo.isPresent()) subject = replySubject(replyTo.get());
            else if (tf.subjectCode().isPresent()) subject = text.run(() -> execute(tf.subjectCode().get(), context, 128));
            body = !wanted && html == null && bodyCannotFail(main, context) ? null : text.run(() -> execute(tf.bodyCode(), context, 2048));
            if (html != null) {
                Mustache code = html.file().bodyCode();
                htmlBody = markup.run(() -> execute(code, context, 4096));
            }
        } catch (RuntimeException e) {
            return new RenderFailure(where(Location.ofFile(tf.file())) + ": cannot render for " + context.contactEmail() + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), Optional.empty(), template, Location.ofFile(tf.file()));
        }

        Optional<RenderFailure> missing = missing(template, tf, main.fallbacks(), text.misses(), context);
        if (missing.isEmpty() && html != null) missing = missing(template, html.file(), html.fallbacks(), markup.misses(), context);
        if (missing.isPresent()) return missing.get();

        if (subject != null) {
            Optional<String> unsafe = HeaderSafety.subjectProblem(subject);
            if (unsafe.isPresent()) {
                Location at = Location.ofFile(tf.file());
                return new RenderFailure(where(at) + ": the rendered " + unsafe.get() + " (contact " + context.contactEmail() + ")",
                        Optional.empty(), template, at);
            }
            subject = subject.strip();
        }
        return new Rendered(Optional.ofNullable(subject), body, Optional.ofNullable(htmlBody));
    }

    /**
     * Whether executing the template (subject, body and partials) for {@code context} surely
     * records no miss and pushes no scope of its own: no section names a group (a map, whose keys
     * would shadow the top level inside it), so every tag resolves at the top level whichever
     * sections show; and every value tag has a present value there, except where it cannot count:
     * a name with a {@code {{^x}}} (its misses are ignored) or a tag inside {@code {{#x}}} of its
     * own name (it runs only when x is present). So no tag can be missing: the body cannot fail,
     * and leaving it out changes nothing else.
     * Conservative: any other template (other code kinds, a section over a group) says false.
     */
    private static boolean bodyCannotFail(Loaded t, RenderContext context) {
        if (!t.plain()) return false;
        List<Object> top = List.of(context.values());
        for (String n : t.sections()) {
            if (ContextObjectHandler.lookup(n, top) instanceof Map<?, ?>) return false;
        }
        for (String n : t.values()) {
            if (ContextObjectHandler.present(ContextObjectHandler.lookup(n, top)) == null) return false;
        }
        return true;
    }

    /** {@code Re: } and the subject without the reply prefixes it already has ({@code Re:}, {@code RE[2]:}...). */
    public static String replySubject(String firstSubject) {
        return "Re: " + REPLY_PREFIX.matcher(firstSubject.strip()).replaceFirst("");
    }

    /** {@code capacity}: about the text's length (a body's ~1-2k characters are written without the buffer growing 3 times). */
    private static String execute(Mustache code, RenderContext context, int capacity) {
        StringWriter out = new StringWriter(capacity);
        List<Object> scopes = new ArrayList<>(4);
        scopes.add(context.values());
        code.execute(out, scopes);
        return out.toString();
    }

    private Loaded load(String template, boolean frontMatter) {
        Problems problems = new Problems();
        TemplateFile tf;
        try {
            tf = frontMatter ? TemplateFile.read(templatesDir, template, problems)
                    : TemplateFile.readWithoutFrontMatter(templatesDir, template, problems, null);
        } catch (RuntimeException e) {
            tf = null;
            problems.add(Location.ofFile(templatesDir.resolve(template)), "template cannot be compiled: " + e.getMessage());
        }
        if (tf == null || !problems.isEmpty()) {
            List<Problem> sorted = problems.sorted();
            Problem first = sorted.isEmpty()
                    ? new Problem(Location.ofFile(templatesDir.resolve(template)), "template cannot be read") : sorted.get(0);
            return Loaded.failed(first);
        }
        return Loaded.of(tf);
    }

    private RenderFailure loadFailure(String template, Problem p) {
        return new RenderFailure(where(p.location()) + ": " + p.message(), Optional.empty(), template, p.location());
    }

    private Optional<RenderFailure> missing(String template, TemplateFile tf, Set<String> fallbacks, List<RenderState.Miss> misses,
                                            RenderContext context) {
        RenderState.Miss first = null;
        Set<String> others = new LinkedHashSet<>();
        for (RenderState.Miss m : misses) {
            if (fallbacks.contains(m.name())) continue;
            if (first == null) first = m;
            else if (!m.name().equals(first.name())) others.add("{{" + m.name() + "}}");
        }
        if (first == null) return Optional.empty();
        String name = first.name();
        Location at = first.location() != null ? first.location() : tf.variables().stream()
                .filter(u -> u.name().equals(name) && u.kind() == VariableUse.Kind.VALUE)
                .map(VariableUse::location).findFirst().orElse(Location.ofFile(tf.file()));
        String message = "{{" + name + "}} " + (first.blank() ? "is blank" : "has no value") + " for " + context.contactEmail()
                + " in " + where(at) + "; give the contact a value, add a fallback {{^" + name + "}}...{{/" + name
                + "}} to the template, or a default (defaults: " + name + ") to the sequence"
                + (others.isEmpty() ? "" : " (also missing: " + String.join(", ", others) + ")");
        return Optional.of(new RenderFailure(message, Optional.of(name), template, at));
    }

    /** {@code templates/cold/intro.mustache:12:5}: a location relative to the workspace. */
    private String where(Location at) {
        Path file = at.file().toAbsolutePath().normalize();
        String shown = file.startsWith(templatesDir)
                ? templatesDir.getFileName() + "/" + templatesDir.relativize(file).toString().replace('\\', '/')
                : file.toString();
        return at.line() <= 0 ? shown : shown + ":" + at.line() + ":" + at.column();
    }
}
