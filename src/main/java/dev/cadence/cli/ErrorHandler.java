package dev.cadence.cli;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.ProblemsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where exceptions become exit codes and messages (design §9): one readable
 * message on stderr, no stack trace unless {@code -v}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        boolean verbose = cl.getCommandSpec().root().userObject() instanceof CadenceCommand c && c.isVerbose();
        int code;
        if (ex instanceof ProblemsException pe) {
            for (Problem p : pe.problems().sorted()) err.println(p);
            int n = pe.problems().size();
            err.println("cadence: " + n + (n == 1 ? " problem" : " problems") + " found");
            code = ExitStatus.INVALID.code();
        } else if (ex instanceof CadenceException ce) {
            err.println("cadence: " + ce.getMessage());
            code = ce.status().code();
        } else if (ex instanceof CommandLine.ParameterException pe) {
            return new Usage().handleParseException(pe, new String[0]);
        } else {
            err.println("cadence: internal error: " + ex + (verbose ? "" : " (run with -v for details)"));
            code = ExitStatus.FAILURE.code();
        }
        Logging.toFile("exit " + code + ": " + (ex instanceof CadenceException ? ex.getMessage() : ex.toString()));
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    /** Bad arguments: the message and a pointer to --help, exit 2. */
    static final class Usage implements IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("cadence: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return ExitStatus.INVALID.code();
        }
    }
}
