package dev.cadence.enrollment;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.StageChange;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.workspace.WorkspaceConfig.StageDef;
import dev.cadence.yaml.Suggest;
import java.time.Clock;
import java.util.List;

/**
 * Moves contacts between the stages of {@code cadence.yaml}, through their gates
 * ({@link StageGate}): a move whose requirements are not met is refused (exit 4) with exactly
 * what is missing, unless forced with a reason, which is recorded with who forced it. Every
 * move is recorded ({@code stage_changes}) and shows in the contact's timeline.
 */
public final class StageControl {
    private final Ledger ledger;
    private final WorkspaceConfig config;
    private final Clock clock;

    public StageControl(Ledger ledger, WorkspaceConfig config, Clock clock) {
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
    }

    /** What {@link #move} did. */
    public sealed interface Result permits Moved, Unchanged {}

    /** Moved; {@code bypassed} lists what was missing when the move was forced (empty otherwise). */
    public record Moved(Contact contact, StageChange change, List<String> bypassed) implements Result {}

    /** The contact already was in the stage: nothing recorded. */
    public record Unchanged(Contact contact, String stage) implements Result {}

    /** The stage by name, or exit 2 listing the stages (with a "did you mean"). */
    public StageDef stage(String name) {
        return config.stage(name == null ? "" : name.strip()).orElseThrow(() -> {
            List<String> names = config.stages().stream().map(StageDef::name).toList();
            String close = Suggest.closest(name == null ? "" : name, names);
            return CadenceException.invalid("unknown stage '" + name + "'"
                    + (close == null ? "" : "; did you mean '" + close + "'?")
                    + " (stages: " + String.join(", ", names) + ")");
        });
    }

    /**
     * Moves {@code contact} to {@code stageName}. Its requirements are checked against the
     * contact's attempts and notes; unmet ones refuse the move (exit 4) unless {@code force},
     * which needs a {@code reason} (exit 2 without one) and is recorded as forced with the reason
     * and {@code actor} (may be null). A move whose gate is open is not forced even with
     * {@code force}; its reason and actor are kept all the same.
     */
    public Result move(Contact contact, String stageName, boolean force, String reason, String actor) {
        StageDef target = stage(stageName);
        if (force && (reason == null || reason.isBlank())) {
            throw CadenceException.invalid("--force needs --reason: say why the requirements of stage '"
                    + target.name() + "' are overridden");
        }
        return ledger.inTransaction(() -> {
            Contact now = ledger.contacts().findById(contact.id()).orElseThrow();
            if (target.name().equals(now.stage())) return new Unchanged(now, target.name());
            List<String> missing = StageGate.evaluate(target.requires(), ledger.touches().listByContact(now.id()),
                    ledger.notes().listByContact(now.id()), clock.instant());
            if (!missing.isEmpty() && !force) {
                throw CadenceException.refused("cannot move " + now.email() + " to stage " + target.name()
                        + ": " + String.join(", ", missing) + " (" + describe(target) + ");"
                        + " log the attempts, or override with --force --reason TEXT");
            }
            StageChange change = ledger.stageChanges().move(now.id(), target.name(), !missing.isEmpty(), reason, actor);
            return new Moved(ledger.contacts().findById(now.id()).orElseThrow(), change, missing);
        });
    }

    /** "qualified requires 3 attempts on 2 channels, a note and 21 days since the first attempt". */
    static String describe(StageDef s) {
        WorkspaceConfig.Requirements r = s.requires();
        StringBuilder b = new StringBuilder(s.name()).append(" requires ");
        List<String> parts = new java.util.ArrayList<>();
        if (r.attempts() > 0) {
            parts.add(r.attempts() + " attempt" + (r.attempts() == 1 ? "" : "s")
                    + (r.channels() > 0 ? " on " + r.channels() + " channel" + (r.channels() == 1 ? "" : "s") : ""));
        } else if (r.channels() > 0) {
            parts.add("attempts on " + r.channels() + " channel" + (r.channels() == 1 ? "" : "s"));
        }
        if (r.note()) parts.add("a note");
        if (r.daysSinceFirst() > 0) {
            parts.add(r.daysSinceFirst() + " day" + (r.daysSinceFirst() == 1 ? "" : "s") + " since the first attempt");
        }
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) b.append(i == parts.size() - 1 ? " and " : ", ");
            b.append(parts.get(i));
        }
        return b.toString();
    }
}
