package dev.cadence.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder until the command is built. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not built yet.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw dev.cadence.error.CadenceException.failure("'validate' is not built yet", null);
    }
}
