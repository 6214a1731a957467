package dev.cadence.sequence;

import dev.cadence.model.Channel;
import dev.cadence.render.TemplateFile;
import dev.cadence.render.TemplateVariables;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a whole workspace in one call and reports every problem at once (design §4):
 * cadence.yaml, every sequence file, every template a step names (existence, syntax, subject of
 * automatic emails, variables nothing can supply) and the references between them
 * ({@code on_complete.enroll}, {@code silence.enroll}, {@code on_event.*.enroll}).
 */
public final class WorkspaceValidator {

    private WorkspaceValidator() {}

    /**
     * What validation found. {@code library} holds the sequences that loaded cleanly;
     * {@code templates} every template that could be read and compiled, by path under templates/.
     */
    public record Result(Workspace workspace, SequenceLibrary library, Map<String, TemplateFile> templates, Problems problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** Problems located in {@code file}. */
        public List<Problem> problemsIn(Path file) {
            Path f = file.toAbsolutePath().normalize();
            return problems.sorted().stream()
                    .filter(p -> p.location().file() != null && p.location().file().toAbsolutePath().normalize().equals(f))
                    .toList();
        }
    }

    /** Loads cadence.yaml of {@code root} and validates everything. */
    public static Result validate(Path root, Collection<String> extraVariables) {
        Problems problems = new Problems();
        WorkspaceConfig config = ConfigLoader.load(root.resolve(Workspace.CONFIG_FILE), problems);
        return validate(new Workspace(root, config), problems, extraVariables);
    }

    /**
     * Validates sequences and templates of {@code workspace}, adding every problem to {@code problems}
     * (which may already hold those of cadence.yaml). {@code extraVariables} are further names templates
     * may use, such as custom fields known to the ledger.
     */
    public static Result validate(Workspace workspace, Problems problems, Collection<String> extraVariables) {
        Problems found = new Problems();
        SequenceLibrary library = SequenceLoader.loadAll(workspace, found);
        WorkspaceConfig config = workspace.config();
        config.silence().ifPresent(s -> s.enroll().ifPresent(target -> {
            if (!library.declaredNames().contains(target)) {
                found.add(s.location(), "silence.enroll: '" + target + "' is not a sequence of this workspace"
                        + SequenceLoader.hint(target, library.declaredNames()));
            }
        }));
        for (WorkspaceConfig.OnEvent rule : config.onEvent().values()) {
            if (!library.declaredNames().contains(rule.enroll())) {
                found.add(rule.location(), "on_event." + rule.event().id() + ".enroll: '" + rule.enroll()
                        + "' is not a sequence of this workspace" + SequenceLoader.hint(rule.enroll(), library.declaredNames()));
            }
        }

        Map<String, TemplateFile> templates = new LinkedHashMap<>();
        List<Sequence> all = new ArrayList<>(library.all());
        all.addAll(library.broken());
        for (Sequence seq : all) {
            TemplateVariables vars = TemplateVariables.of(config, seq.defaults().keySet(), extraVariables);
            for (Step step : seq.steps()) {
                List<Map.Entry<String, Location>> refs = new ArrayList<>();
                step.template().ifPresent(t -> refs.add(Map.entry(t, step.templateLocation())));
                for (Variant v : step.variants()) refs.add(Map.entry(v.template(), v.location()));
                for (Map.Entry<String, Location> ref : refs) {
                    TemplateFile tf = template(workspace, ref.getKey(), ref.getValue(), templates, found, true);
                    if (tf == null) continue;
                    vars.check(tf, found);
                    if (step.channel() == Channel.EMAIL && step.automatic() && !step.thread() && tf.subject().isEmpty()) {
                        found.add(ref.getValue(), "step '" + step.id() + "' sends email with template '" + ref.getKey()
                                + "', which has no subject; start the template with a line 'subject: ...' then a line '---'");
                    }
                    if (tf.html().isPresent()) {
                        TemplateFile html = template(workspace, tf.html().get(), Location.ofFile(tf.file()), templates, found, false);
                        if (html != null) vars.check(html, found);
                    }
                }
            }
        }
        // a template used by several steps or sequences reports the same problem once
        Set<Problem> distinct = new LinkedHashSet<>(found.asList());
        for (Problem p : distinct) problems.add(p.location(), p.message());
        return new Result(workspace, library, templates, problems);
    }

    private static TemplateFile template(Workspace ws, String name, Location referencedAt, Map<String, TemplateFile> cache,
                                         Problems problems, boolean frontMatter) {
        TemplateFile tf = cache.get(name);
        if (tf != null) return tf;
        tf = frontMatter ? TemplateFile.read(ws.templatesDir(), name, problems, referencedAt)
                : TemplateFile.readWithoutFrontMatter(ws.templatesDir(), name, problems, referencedAt);
        if (tf != null) cache.put(name, tf);
        return tf;
    }
}
