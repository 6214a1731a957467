package dev.cadence.render;

import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Problems;
import dev.cadence.yaml.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of what a template may use (design §5): contact fields, the context keys
 * ({@code sender}, {@code sequence}, {@code step}, {@code previous} with their parts,
 * {@code last_note}, {@code unsubscribe_url}, {@code today}), the workspace's
 * {@code custom_fields}, the sequence's {@code defaults:} and any extra names the caller knows
 * (such as custom fields found in the ledger).
 */
public final class TemplateVariables {

    /** Fields of every contact. */
    public static final List<String> CONTACT_FIELDS = List.of("id", "email", "first_name", "last_name", "name",
            "company", "title", "phone", "linkedin", "timezone", "owner", "stage");

    /** Context keys with parts: {@code {{sender.name}}}, or {@code {{#sender}}{{name}}{{/sender}}}. */
    public static final Map<String, List<String>> CONTEXT_GROUPS;

    static {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("sender", List.of("name", "email", "company", "address", "reply_to"));
        g.put("sequence", List.of("name", "description"));
        g.put("step", List.of("id", "channel", "purpose", "day"));
        g.put("previous", List.of("channel", "date", "subject", "outcome", "note"));
        CONTEXT_GROUPS = java.util.Collections.unmodifiableMap(g);
    }

    /** Context keys that are single values. */
    public static final List<String> CONTEXT_VALUES = List.of("last_note", "unsubscribe_url", "today");

    private final Set<String> values = new LinkedHashSet<>();
    private final Set<String> customFields;
    private final Set<String> defaults;

    public TemplateVariables(Collection<String> customFields, Collection<String> defaults, Collection<String> extra) {
        this.customFields = new LinkedHashSet<>(customFields);
        this.defaults = new LinkedHashSet<>(defaults);
        values.addAll(CONTACT_FIELDS);
        values.addAll(CONTEXT_VALUES);
        values.addAll(customFields);
        values.addAll(defaults);
        values.addAll(extra);
    }

    /** For a workspace and one sequence's {@code defaults:} keys. */
    public static TemplateVariables of(WorkspaceConfig config, Collection<String> sequenceDefaults, Collection<String> extra) {
        return new TemplateVariables(config.customFields(), sequenceDefaults, extra);
    }

    /** Every name a template can use, dotted parts included, sorted. */
    public Set<String> all() {
        Set<String> out = new java.util.TreeSet<>(values);
        CONTEXT_GROUPS.forEach((g, parts) -> {
            out.add(g);
            parts.forEach(p -> out.add(g + "." + p));
        });
        return out;
    }

    public boolean isCustomField(String name) {
        return customFields.contains(name);
    }

    public boolean isDefault(String name) {
        return defaults.contains(name);
    }

    /** Records a problem for every use in {@code template} that nothing can supply. */
    public void check(TemplateFile template, Problems problems) {
        for (VariableUse u : template.variables()) {
            check(u).ifPresent(msg -> problems.add(u.location(), msg));
        }
    }

    /** Why {@code use} cannot be supplied, or empty when it can. */
    public Optional<String> check(VariableUse use) {
        String name = use.name();
        if (name.equals(".") || name.isEmpty()) return Optional.empty();
        String[] parts = name.split("\\.", -1);
        String first = parts[0];
        // inside {{#sender}}...{{/sender}} a bare {{name}} is sender.name
        List<String> enclosing = use.sections();
        for (int i = enclosing.size() - 1; i >= 0; i--) {
            List<String> groupParts = CONTEXT_GROUPS.get(enclosing.get(i));
            if (groupParts != null && groupParts.contains(first)) {
                return parts.length == 1 ? Optional.empty()
                        : Optional.of("'" + name + "': " + enclosing.get(i) + "." + first + " is a single value and has no parts");
            }
        }
        if (CONTEXT_GROUPS.containsKey(first)) {
            List<String> groupParts = CONTEXT_GROUPS.get(first);
            if (parts.length == 1) {
                return use.kind() == VariableUse.Kind.VALUE
                        ? Optional.of("'{{" + name + "}}' is a group, not a value; use one of its parts: "
                        + String.join(", ", groupParts.stream().map(p -> first + "." + p).toList()))
                        : Optional.empty();
            }
            if (parts.length == 2 && groupParts.contains(parts[1])) return Optional.empty();
            String close = parts.length == 2 ? Suggest.closest(parts[1], groupParts) : null;
            return Optional.of("unknown variable '" + name + "'"
                    + (close != null ? "; did you mean '" + first + "." + close + "'?" : "")
                    + " (" + first + " has " + String.join(", ", groupParts) + ")");
        }
        if (values.contains(first)) {
            return parts.length == 1 ? Optional.empty()
                    : Optional.of("'" + name + "': " + first + " is a single value and has no parts");
        }
        List<String> close = closest(name);
        return Optional.of("unknown variable '" + name + "'"
                + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?")
                + "; if it is a column of your contacts, list it under custom_fields: in cadence.yaml"
                + " (or import contacts that have it), or give it a value under the sequence's defaults:"
                + (customFields.isEmpty() ? "" : "; custom fields known now: " + String.join(", ", customFields)));
    }

    /** Up to three known names closest to {@code name}. */
    List<String> closest(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, n.length() / 3);
        List<String> out = new ArrayList<>();
        all().stream()
                .map(c -> Map.entry(c, Suggest.distance(n, c.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= limit)
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(3)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }
}
