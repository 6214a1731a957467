package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.workspace.WorkspaceConfig.Silence;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code silence} rule of {@code cadence.yaml} (design §3, issue 6): contacts silent for
 * {@code after} (see {@link Reactivation}) are either enrolled in {@code enroll: SEQUENCE} or,
 * with {@code action: flag}, only reported. Only active contacts count: not suppressed and not
 * in the closed stage ({@link Stages#closed}); {@code cadence reactivate} is the explicit,
 * unrestricted form.
 *
 * <p>{@code cadence gaps} calls {@link #apply} with {@code dryRun} (it writes nothing: flagged
 * contacts, or what the rule would enroll and refuse); {@code cadence run} (a later issue) calls
 * it without, once per run, after sending: enrolled contacts are no longer silent, so each is
 * enrolled once; refused ones stay silent and are answered again on the next run (and listed by
 * {@code gaps}), which is the point of a continuity rule.
 */
public final class SilenceRule {
    private final SequenceLibrary library;
    private final WorkspaceConfig config;
    private final Reactivation reactivation;

    public SilenceRule(Ledger ledger, SequenceLibrary library, WorkspaceConfig config, Clock clock) {
        this.library = library;
        this.config = config;
        this.reactivation = new Reactivation(ledger, library, config, clock);
    }

    /**
     * What the rule found and did: {@code rule} empty when {@code cadence.yaml} has none (then
     * nothing else is set); {@code flagged} the silent contacts of a flag rule, or of an enroll
     * rule whose sequence cannot be used in a dry run ({@code problem} says why); {@code answers}
     * one per silent contact of an enroll rule.
     */
    public record Applied(Optional<Silence> rule, List<Reactivation.Candidate> flagged, List<Reactivation.Answer> answers,
                          Optional<String> problem) {}

    public Optional<Silence> rule() {
        return config.silence();
    }

    /** The active contacts silent past the rule (empty without a rule). */
    public List<Reactivation.Candidate> silent() {
        return config.silence().map(s -> reactivation.silent(s.after(),
                new Reactivation.Filter(null, null, Stages.closed(config), false))).orElse(List.of());
    }

    /**
     * Applies the rule. An enroll rule naming a sequence that does not exist or has problems is
     * invalid input (exit 2) when enrolling for real; in a dry run its contacts come back flagged,
     * with the problem.
     */
    public Applied apply(boolean dryRun) {
        Optional<Silence> rule = config.silence();
        if (rule.isEmpty()) return new Applied(rule, List.of(), List.of(), Optional.empty());
        List<Reactivation.Candidate> silent = silent();
        if (rule.get().enroll().isEmpty()) return new Applied(rule, silent, List.of(), Optional.empty());
        String name = rule.get().enroll().get();
        Optional<Sequence> seq = library.find(name);
        if (seq.isEmpty()) {
            String problem = "silence.enroll: sequence '" + name + "' " + (library.declaredNames().contains(name)
                    ? "has problems" : "does not exist") + " (" + rule.get().location() + "); run 'cadence validate'";
            if (!dryRun) throw CadenceException.invalid(problem);
            return new Applied(rule, silent, List.of(), Optional.of(problem));
        }
        return new Applied(rule, List.of(), reactivation.enroll(silent, seq.get(), dryRun), Optional.empty());
    }
}
