package dev.cadence.render;

import dev.cadence.yaml.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * What one execution of a compiled template needs to know and tell, kept per thread while
 * {@link Renderer} executes it: whether the output is HTML (escape {@code {{x}}}), and every
 * value tag that found no value (missing or blank), with where the tag is written.
 */
final class RenderState {
    private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

    /** A value tag that found nothing: {@code blank} when there was a value but only whitespace. */
    record Miss(String name, Location location, boolean blank) {}

    private final boolean html;
    private final List<Miss> misses = new ArrayList<>();

    RenderState(boolean html) {
        this.html = html;
    }

    static RenderState current() {
        return CURRENT.get();
    }

    boolean html() {
        return html;
    }

    List<Miss> misses() {
        return misses;
    }

    /** Records a value tag that found nothing; a no-op outside a render. */
    static void missed(String name, Location location, boolean blank) {
        RenderState s = CURRENT.get();
        if (s != null) s.misses.add(new Miss(name, location, blank));
    }

    /** Runs {@code body} with this state as the thread's current one. */
    <T> T run(java.util.function.Supplier<T> body) {
        RenderState outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }
}
