package dev.cadence.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every node came from, so that validation
 * can name file, line and column for any problem it finds, long after parsing.
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

    Location location();

    /** What the user would call this node in an error message. */
    String describe();

    /** A key/value pair of a mapping, with the location of the key itself. */
    record Entry(String key, Location keyLocation, YNode value) {}

    record YMap(Location location, Map<String, Entry> entries) implements YNode {
        public YMap {
            entries = new LinkedHashMap<>(entries);
        }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YList(Location location, List<YNode> items) implements YNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar with its text as written and what YAML made of it. */
    record YScalar(Location location, String text, Kind kind) implements YNode {
        public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        public boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the text '" + text + "'";
                case INTEGER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }
    }
}
