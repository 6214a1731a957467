package dev.cadence.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found while reading and validating, so that the user sees all of
 * them at once (parse loosely, validate separately, report everything).
 */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Location at, String message) {
        list.add(new Problem(at, message));
    }

    public void addAll(Problems other) {
        list.addAll(other.list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** Problems sorted by file, line and column. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return copy;
    }

    public List<Problem> asList() {
        return Collections.unmodifiableList(list);
    }

    /** Throws {@link ProblemsException} when anything was collected. */
    public void throwIfAny() {
        if (!list.isEmpty()) throw new ProblemsException(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Problem p : sorted()) sb.append(p).append('\n');
        return sb.toString();
    }
}
