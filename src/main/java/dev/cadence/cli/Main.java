package dev.cadence.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Process entry point: runs the root command and exits with its status. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        // `cadence --version` answers before picocli reflects over every command: start-up is
        // measured on it (bench/README.md) and scripts call it to probe the install.
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            for (String line : new VersionProvider().getVersion()) out.println(line);
            return;
        }
        // a command named plainly: what it needs next is loaded on another core meanwhile
        Warmup.start(CadenceCommand.commandOf(args));
        System.exit(CadenceCommand.newCommandLine(args).execute(args));
    }
}
