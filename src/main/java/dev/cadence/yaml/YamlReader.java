package dev.cadence.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML file into a located {@link YNode} tree with Jackson's streaming YAML parser.
 * Syntax errors (including tab indentation) and duplicate keys become {@link Problem}s with
 * file, line and column; the caller decides whether to go on.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlReader() {}

    /**
     * A parser over a small fixed document: reading it initialises the parser's classes before the
     * first real file is read (start-up work done on another core, see {@code cli.Warmup}).
     */
    public static JsonParser warmUp() throws IOException {
        return FACTORY.createParser("a: [1, 'x', \"y\"]\nb: {c: d}\ne: |\n  text\n# comment\n");
    }

    /** Parses {@code file}; returns null (with a problem recorded) if it cannot be read or parsed. */
    public static YNode read(Path file, Problems problems) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            problems.add(Location.ofFile(file), "file not found");
            return null;
        } catch (CharacterCodingException e) {
            problems.add(Location.ofFile(file), "not valid UTF-8 text");
            return null;
        } catch (IOException e) {
            problems.add(Location.ofFile(file), "cannot read: " + e.getMessage());
            return null;
        }
        return parse(file, text, problems);
    }

    /** Parses YAML text that is said to come from {@code file}. An empty document gives an empty mapping. */
    public static YNode parse(Path file, String text, Problems problems) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        int tab = firstIndentingTab(text);
        if (tab > 0) {
            problems.add(new Location(file, tab, 1),
                    "tab character used for indentation; YAML needs spaces");
            return null;
        }
        try (Reader r = new StringReader(text); JsonParser p = FACTORY.createParser(r)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YNode.YMap(new Location(file, 1, 1), Map.of());
            }
            return readValue(p, file, problems);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                problems.add(syntaxLocation(file, m), "YAML syntax error: " + syntaxMessage(m));
                return null;
            }
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
            int col = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
            problems.add(new Location(file, line, col), "YAML syntax error: " + cleanMessage(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(Location.ofFile(file), "cannot read: " + e.getMessage());
            return null;
        }
    }

    private static YNode readValue(JsonParser p, Path file, Problems problems) throws IOException {
        Location at = location(p, file);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, YNode.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p, file);
                    p.nextToken();
                    YNode value = readValue(p, file, problems);
                    if (entries.containsKey(key)) {
                        problems.add(keyAt, "duplicate key '" + key + "' (first at line "
                                + entries.get(key).keyLocation().line() + ")");
                    } else {
                        entries.put(key, new YNode.Entry(key, keyAt, value));
                    }
                }
                return new YNode.YMap(at, entries);
            }
            case START_ARRAY: {
                List<YNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, file, problems));
                }
                return new YNode.YList(at, items);
            }
            case VALUE_STRING:
                return new YNode.YScalar(at, p.getText(), YNode.YScalar.Kind.STRING);
            case VALUE_NUMBER_INT:
                return new YNode.YScalar(at, p.getText(), YNode.YScalar.Kind.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return new YNode.YScalar(at, p.getText(), YNode.YScalar.Kind.DECIMAL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YNode.YScalar(at, p.getText(), YNode.YScalar.Kind.BOOLEAN);
            case VALUE_NULL:
                return new YNode.YScalar(at, "", YNode.YScalar.Kind.NULL);
            default:
                return new YNode.YScalar(at, p.getText(), YNode.YScalar.Kind.STRING);
        }
    }

    private static Location location(JsonParser p, Path file) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }

    /** Line number (1-based) of the first line whose indentation contains a tab, or 0. */
    static int firstIndentingTab(String text) {
        int line = 1;
        boolean atIndent = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                atIndent = true;
            } else if (atIndent && c == '\t') {
                return line;
            } else if (c != ' ') {
                atIndent = false;
            }
        }
        return 0;
    }

    /**
     * Where a syntax error is: where the parser noticed it, except when it ran off the end of
     * the file (an unclosed quote or bracket), where the unclosed thing starts is more useful.
     */
    private static Location syntaxLocation(Path file, org.yaml.snakeyaml.error.MarkedYAMLException m) {
        org.yaml.snakeyaml.error.Mark at = m.getProblemMark();
        if (m.getContextMark() != null && String.valueOf(m.getProblem()).contains("end of stream")) at = m.getContextMark();
        return new Location(file, at.getLine() + 1, at.getColumn() + 1);
    }

    /** "expected ',' or ']', but got ':' (in a flow sequence that starts at line 1, column 11)". */
    private static String syntaxMessage(org.yaml.snakeyaml.error.MarkedYAMLException m) {
        String problem = m.getProblem() == null ? "unreadable YAML" : m.getProblem().strip();
        if (m.getContext() == null || m.getContextMark() == null) return problem;
        String context = m.getContext().strip().replaceFirst("^while (parsing|scanning) ", "");
        return problem + " (in " + context + " that starts at line " + (m.getContextMark().getLine() + 1)
                + ", column " + (m.getContextMark().getColumn() + 1) + ")";
    }

    private static String cleanMessage(String m) {
        if (m == null) return "unreadable YAML";
        // SnakeYAML messages repeat the position and a snippet; keep the first sentence.
        String first = m.strip().split("\n", 2)[0].strip();
        return first.isEmpty() ? m.strip() : first;
    }
}
