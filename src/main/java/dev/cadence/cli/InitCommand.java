package dev.cadence.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder until the command is built. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Not built yet.")
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw dev.cadence.error.CadenceException.failure("'init' is not built yet", null);
    }
}
