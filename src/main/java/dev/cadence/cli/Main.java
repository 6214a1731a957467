package dev.cadence.cli;

/** Process entry point: runs the root command and exits with its status. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(CadenceCommand.newCommandLine().execute(args));
    }
}
