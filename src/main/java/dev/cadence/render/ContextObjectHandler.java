package dev.cadence.render;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.util.List;
import java.util.Map;

/**
 * Resolves template names against a {@link RenderContext}: nested maps only, no reflection (so
 * no {@code {{class}}} or {@code {{bytes}}} surprises from Java objects in scope). A dotted name
 * {@code a.b} finds {@code a} in the innermost map scope that has it, then {@code b} inside it.
 * A blank string (empty or only white space) is the same as no value, so {@code {{#x}}} is false
 * and {@code {{^x}}} true for it. A value tag ({@code {{x}}}, {@code {{{x}}}}, {@code {{&x}}})
 * that finds nothing tells the thread's {@link RenderState}, which is how {@link Renderer} is
 * strict; sections never do (a missing section is the fallback mechanism).
 */
final class ContextObjectHandler extends AbstractObjectHandler {

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        String n = name == null ? "" : name.strip();
        return s -> present(lookup(n, s));
    }

    @Override
    public Binding createBinding(String name, TemplateContext tc, Code code) {
        if (name == null) return scopes -> null; // text and comments
        String n = name.strip();
        if (!(code instanceof ValueCode)) return scopes -> present(lookup(n, scopes));
        return scopes -> {
            Object raw = lookup(n, scopes);
            Object value = present(raw);
            if (value == null) {
                RenderState.missed(n, code instanceof AnalysisMustacheFactory.LValue l ? l.location() : null, raw != null);
            }
            return value;
        };
    }

    @Override
    public String stringify(Object object) {
        return object.toString();
    }

    /** The value of a (dotted) name, or null; blank strings are returned as they are. */
    static Object lookup(String name, List<Object> scopes) {
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        Object current = null;
        boolean found = false;
        for (int i = scopes.size() - 1; i >= 0 && !found; i--) {
            if (scopes.get(i) instanceof Map<?, ?> m && m.containsKey(first)) {
                current = m.get(first);
                found = true;
            }
        }
        if (!found) return null;
        while (dot >= 0) {
            int next = name.indexOf('.', dot + 1);
            String part = next < 0 ? name.substring(dot + 1) : name.substring(dot + 1, next);
            if (!(current instanceof Map<?, ?> m)) return null;
            current = m.get(part);
            dot = next;
        }
        return current;
    }

    /** {@code value}, or null when it is null or a blank string. */
    static Object present(Object value) {
        return value instanceof CharSequence cs && RenderContext.isBlank(cs) ? null : value;
    }
}
