package dev.cadence.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints problems as {@code path:line:col: message} with paths relative to the workspace, or as JSON. */
final class ProblemOutput {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProblemOutput() {}

    static String path(Path file, Path root) {
        if (file == null) return "<input>";
        Path f = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return (f.startsWith(r) ? r.relativize(f) : f).toString().replace('\\', '/');
    }

    static String format(Problem p, Path root) {
        Location l = p.location();
        String where = path(l.file(), root) + (l.line() > 0 ? ":" + l.line() + ":" + Math.max(l.column(), 1) : "");
        return where + ": " + p.message();
    }

    /** Every problem, one per line, then the count line. */
    static void print(List<Problem> problems, Path root, PrintWriter err) {
        for (Problem p : problems) err.println(format(p, root));
        int n = problems.size();
        err.println("cadence: " + n + (n == 1 ? " problem" : " problems") + " found");
        err.flush();
    }

    static List<Map<String, Object>> json(List<Problem> problems, Path root) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", path(p.location().file(), root));
            m.put("line", p.location().line());
            m.put("column", p.location().column());
            m.put("message", p.message());
            out.add(m);
        }
        return out;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw dev.cadence.error.CadenceException.failure("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
