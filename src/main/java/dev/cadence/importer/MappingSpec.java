package dev.cadence.importer;

import dev.cadence.error.CadenceException;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problems;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the user said about columns, before looking at a header: an optional CRM preset,
 * explicit {@code field=Column} pairs and columns to ignore. Built from {@code --map} values
 * ({@link #fromArgs}) and a {@code --map-file} ({@link #fromFile}); {@link #overriddenBy}
 * layers them (command line over file).
 *
 * <p>Field names: the {@link ContactField} keys ({@code email}, {@code first_name}, …) plus
 * {@code name} (a full name split into first and last), {@code crm_stage} (a CRM status column:
 * kept as a custom field, sets the stage only when it names a workspace stage) and
 * {@code ignore} (the column is dropped, repeatable).
 *
 * <p>Map-file format, one pair a line, {@code #} starts a comment line:
 * <pre>
 * # leads from the trade show
 * preset = hubspot
 * email = Work Email
 * owner = Rep
 * ignore = Badge ID
 * </pre>
 */
public record MappingSpec(Optional<String> preset, Map<String, String> explicit, List<String> ignored) {
    /** Field names accepted on the left of {@code field=Column}. */
    public static final List<String> FIELD_NAMES;

    static final String FULL_NAME = "name";
    static final String CRM_STAGE = "crm_stage";
    static final String IGNORE = "ignore";
    static final String PRESET = "preset";

    static {
        List<String> names = new ArrayList<>();
        for (ContactField f : ContactField.values()) names.add(f.key());
        names.add(FULL_NAME);
        names.add(CRM_STAGE);
        FIELD_NAMES = List.copyOf(names);
    }

    public static final MappingSpec NONE = new MappingSpec(Optional.empty(), Map.of(), List.of());

    public MappingSpec {
        explicit = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        ignored = List.copyOf(ignored);
    }

    /**
     * From {@code --map} values: each is a preset name ({@code hubspot}, {@code salesforce},
     * {@code pipedrive}) or a {@code field=Column} pair. Throws {@link CadenceException} (exit 2)
     * for an unknown preset or field, or two presets.
     */
    public static MappingSpec fromArgs(List<String> maps) {
        Builder b = new Builder();
        for (String m : maps) {
            String error = b.add(m);
            if (error != null) throw CadenceException.invalid("--map " + m + ": " + error);
        }
        return b.build();
    }

    /** From a map file (format above); every bad line is reported at once with file:line. */
    public static MappingSpec fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CadenceException.invalid(file + ": no such map file");
        } catch (CharacterCodingException e) {
            throw CadenceException.invalid(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw CadenceException.invalid(file + ": cannot read: " + e.getMessage());
        }
        Problems problems = new Problems();
        Builder b = new Builder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String error = line.indexOf('=') < 0
                    ? "expected 'field = Column' (or 'preset = hubspot'), found '" + line + "'"
                    : b.add(line);
            if (error != null) problems.add(new Location(file, i + 1, 1), error);
        }
        problems.throwIfAny();
        return b.build();
    }

    /** This spec with {@code other}'s preset (if any), pairs and ignores taking precedence. */
    public MappingSpec overriddenBy(MappingSpec other) {
        Map<String, String> pairs = new LinkedHashMap<>(explicit);
        pairs.putAll(other.explicit);
        Set<String> ign = new LinkedHashSet<>(ignored);
        ign.addAll(other.ignored);
        return new MappingSpec(other.preset.isPresent() ? other.preset : preset, pairs, new ArrayList<>(ign));
    }

    private static final class Builder {
        private String preset;
        private final Map<String, String> explicit = new LinkedHashMap<>();
        private final List<String> ignored = new ArrayList<>();

        /** Adds one {@code --map} value or map-file line; returns an error message or null. */
        String add(String value) {
            int eq = value.indexOf('=');
            if (eq < 0) return setPreset(value.strip());
            String field = value.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String column = unquote(value.substring(eq + 1).strip());
            if (field.equals(PRESET)) return setPreset(column);
            if (column.isEmpty()) return "no column given for '" + field + "'";
            if (field.equals(IGNORE)) {
                ignored.add(column);
                return null;
            }
            if (!FIELD_NAMES.contains(field)) {
                String hint = closest(field, FIELD_NAMES);
                return "unknown field '" + field + "'"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "")
                        + " (fields: " + String.join(", ", FIELD_NAMES) + ", ignore)";
            }
            explicit.put(field, column);
            return null;
        }

        private String setPreset(String name) {
            String p = name.toLowerCase(java.util.Locale.ROOT);
            if (!Presets.PRESETS.containsKey(p)) {
                String hint = closest(p, Presets.names());
                return "unknown preset '" + name + "'"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "")
                        + " (presets: " + String.join(", ", Presets.names()) + "; or give field=Column)";
            }
            if (preset != null && !preset.equals(p)) return "only one preset can be used (already '" + preset + "')";
            preset = p;
            return null;
        }

        MappingSpec build() {
            return new MappingSpec(Optional.ofNullable(preset), explicit, ignored);
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    static String closest(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
