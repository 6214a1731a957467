package dev.cadence.enrollment;

import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.workspace.WorkspaceConfig.StageDef;
import java.util.List;

/**
 * What continuity reads from the {@code stages:} of {@code cadence.yaml}, which are in funnel order:
 * the <em>closed</em> stage is the last one (by default {@code lost}): a contact there is done
 * with, so it is not expected to have a next action and is not picked up by the silence rule;
 * the <em>early</em> stages are the first two (by default {@code new} and {@code contacted}): a
 * contact there (or with no stage) that never was in a sequence is a gap.
 */
public final class Stages {
    private Stages() {}

    /** The last stage, or null when there are fewer than two stages (nothing is closed then). */
    public static String closed(WorkspaceConfig config) {
        List<StageDef> s = config.stages();
        return s.size() < 2 ? null : s.get(s.size() - 1).name();
    }

    /** The first two stages (fewer when fewer are defined, never the closed one). */
    public static List<String> early(WorkspaceConfig config) {
        List<StageDef> s = config.stages();
        int n = Math.min(2, Math.max(0, s.size() - 1));
        return s.subList(0, n).stream().map(StageDef::name).toList();
    }
}
