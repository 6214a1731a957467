package dev.cadence.render;

import dev.cadence.yaml.Location;
import java.util.List;

/**
 * One variable tag of a template: {@code {{x}}} (VALUE), {@code {{#x}}} (SECTION) or
 * {@code {{^x}}} (INVERTED). {@code sections} are the enclosing {@code {{#...}}} names,
 * outermost first (inner names resolve against them first). {@code fallback} is true when the
 * template provides for {@code x} being missing: the use is an inverted section, sits inside
 * {@code {{^x}}} or {@code {{#x}}} of the same name, or the template has a {@code {{^x}}} elsewhere
 * ({@code Hi {{first_name}}{{^first_name}}there{{/first_name}}}).
 */
public record VariableUse(String name, Kind kind, Location location, List<String> sections, boolean fallback) {

    public enum Kind { VALUE, SECTION, INVERTED }

    public VariableUse {
        sections = List.copyOf(sections);
    }
}
