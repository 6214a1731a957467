package dev.cadence.yaml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys of one YAML mapping into typed values, recording a {@link Problem} for
 * every wrong type or unknown key instead of stopping at the first. Every accessor
 * declares its key as known; {@link #rejectUnknown()} then reports the rest, with a
 * "did you mean" when a known key is close.
 */
public final class MapReader {
    private final YNode.YMap map;
    private final Problems problems;
    private final String what;
    private final Set<String> known = new LinkedHashSet<>();

    private MapReader(YNode.YMap map, Problems problems, String what) {
        this.map = map;
        this.problems = problems;
        this.what = what;
    }

    /** A reader over {@code node}, or null (problem recorded) when it is not a mapping. */
    public static MapReader of(YNode node, Problems problems, String what) {
        if (node instanceof YNode.YMap m) return new MapReader(m, problems, what);
        if (node != null) problems.add(node.location(), what + " must be a mapping of key: value, found " + node.describe());
        return null;
    }

    public Location location() {
        return map.location();
    }

    public YNode.YMap node() {
        return map;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        known.add(key);
        YNode n = map.get(key);
        return n != null && !(n instanceof YNode.YScalar s && s.isNull());
    }

    /** The raw node of {@code key}, or null when absent or empty. */
    public YNode node(String key) {
        known.add(key);
        YNode n = map.get(key);
        if (n instanceof YNode.YScalar s && s.isNull()) return null;
        return n;
    }

    public Location locationOf(String key) {
        YNode n = map.get(key);
        return n == null ? map.location() : n.location();
    }

    public Optional<String> string(String key) {
        YNode n = node(key);
        if (n == null) return Optional.empty();
        if (n instanceof YNode.YScalar s) return Optional.of(s.text());
        problems.add(n.location(), "'" + key + "' must be text, found " + n.describe());
        return Optional.empty();
    }

    public String requiredString(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty() && !map.entries().containsKey(key)) {
            problems.add(map.location(), what + " is missing required key '" + key + "'");
        } else if (v.isPresent() && v.get().isBlank()) {
            problems.add(locationOf(key), "'" + key + "' must not be empty");
            return null;
        } else if (v.isEmpty() && map.get(key) instanceof YNode.YScalar s && s.isNull()) {
            problems.add(locationOf(key), "'" + key + "' must not be empty");
        }
        return v.orElse(null);
    }

    public Optional<Integer> integer(String key, int min, int max) {
        YNode n = node(key);
        if (n == null) return Optional.empty();
        if (n instanceof YNode.YScalar s && s.kind() == YNode.YScalar.Kind.INTEGER) {
            try {
                int v = Integer.parseInt(s.text().replace("_", ""));
                if (v < min || v > max) {
                    problems.add(n.location(), "'" + key + "' must be between " + min + " and " + max + ", found " + v);
                    return Optional.empty();
                }
                return Optional.of(v);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        problems.add(n.location(), "'" + key + "' must be a whole number, found " + n.describe());
        return Optional.empty();
    }

    public Optional<Boolean> bool(String key) {
        YNode n = node(key);
        if (n == null) return Optional.empty();
        if (n instanceof YNode.YScalar s && s.kind() == YNode.YScalar.Kind.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)));
        }
        problems.add(n.location(), "'" + key + "' must be true or false, found " + n.describe());
        return Optional.empty();
    }

    /** A list value; a single scalar is accepted as a list of one when {@code lenient}. */
    public List<YNode> list(String key, boolean lenient) {
        YNode n = node(key);
        if (n == null) return List.of();
        if (n instanceof YNode.YList l) return l.items();
        if (lenient && n instanceof YNode.YScalar) return List.of(n);
        problems.add(n.location(), "'" + key + "' must be a list, found " + n.describe());
        return List.of();
    }

    /** A list of text values. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (YNode item : list(key, true)) {
            if (item instanceof YNode.YScalar s && !s.isNull()) out.add(s.text());
            else problems.add(item.location(), "'" + key + "' must list text values, found " + item.describe());
        }
        return out;
    }

    public MapReader map(String key) {
        YNode n = node(key);
        if (n == null) return null;
        return of(n, problems, "'" + key + "'");
    }

    /** A text value converted by {@code parse}, which throws IllegalArgumentException with a readable message. */
    public <T> Optional<T> parsed(String key, Function<String, T> parse) {
        YNode n = node(key);
        if (n == null) return Optional.empty();
        if (!(n instanceof YNode.YScalar s)) {
            problems.add(n.location(), "'" + key + "' must be a single value, found " + n.describe());
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(s.text()));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            problems.add(n.location(), "'" + key + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Declares keys as known without reading them (read elsewhere). */
    public MapReader allow(String... keys) {
        known.addAll(List.of(keys));
        return this;
    }

    /** Reports every key that no accessor asked for. */
    public void rejectUnknown() {
        for (YNode.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                String hint = Suggest.closest(e.key(), known);
                problems.add(e.keyLocation(), "unknown key '" + e.key() + "' in " + what
                        + (hint == null ? "; known keys: " + String.join(", ", known) : "; did you mean '" + hint + "'?"));
            }
        }
    }
}
