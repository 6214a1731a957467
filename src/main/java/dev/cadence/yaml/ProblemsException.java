package dev.cadence.yaml;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;

/** Invalid input found in the user's files: every problem, exit 2. */
public final class ProblemsException extends CadenceException {
    private static final long serialVersionUID = 1L;
    private final transient Problems problems;

    public ProblemsException(Problems problems) {
        super(ExitStatus.INVALID, problems.toString().stripTrailing());
        this.problems = problems;
    }

    public Problems problems() {
        return problems;
    }
}
