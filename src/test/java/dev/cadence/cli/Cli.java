package dev.cadence.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs cadence in-process through picocli with captured stdout/stderr, a given cwd and environment. */
public final class Cli {
    private final Path cwd;
    private final Map<String, String> env = new HashMap<>();

    private Cli(Path cwd) {
        this.cwd = cwd;
    }

    public static Cli in(Path cwd) {
        return new Cli(cwd);
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CadenceCommand.configure(new CommandLine(new CadenceCommand(env, cwd)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
