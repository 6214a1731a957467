package dev.cadence.sequence;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sequences of a workspace, sorted by name. {@link #all()} holds only the sequences that
 * loaded without problems; {@link #declaredNames()} names every sequence file found, valid or not
 * (so that a reference to a broken sequence is not also reported as unknown); {@link #broken()}
 * what could be read of the files with problems.
 */
public final class SequenceLibrary {
    private final List<Sequence> sequences;
    private final List<Sequence> broken;
    private final Set<String> declared;

    public SequenceLibrary(List<Sequence> sequences, List<Sequence> broken, Set<String> declaredNames) {
        this.sequences = sequences.stream().sorted(java.util.Comparator.comparing(Sequence::name)).toList();
        this.broken = broken.stream().sorted(java.util.Comparator.comparing(Sequence::name)).toList();
        this.declared = Collections.unmodifiableSet(new TreeSet<>(declaredNames));
    }

    public static SequenceLibrary empty() {
        return new SequenceLibrary(List.of(), List.of(), Set.of());
    }

    public List<Sequence> all() {
        return sequences;
    }

    /**
     * Sequences whose file had problems, read as far as possible: only their valid steps. Not for
     * running; validation uses them to check the templates of their valid steps too.
     */
    public List<Sequence> broken() {
        return broken;
    }

    public Optional<Sequence> find(String name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Names of the valid sequences, sorted. */
    public List<String> names() {
        return sequences.stream().map(Sequence::name).toList();
    }

    /** Every sequence name found in {@code sequences/} (file names), including files with problems. */
    public Set<String> declaredNames() {
        return declared;
    }

    public int size() {
        return sequences.size();
    }

    public int stepCount() {
        return sequences.stream().mapToInt(s -> s.steps().size()).sum();
    }
}
