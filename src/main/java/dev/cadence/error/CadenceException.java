package dev.cadence.error;

/**
 * The one exception type of the core that carries a process exit status (design §9).
 * Core packages throw it; the command line maps it to an exit code in one place.
 */
public class CadenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitStatus status;

    public CadenceException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public CadenceException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }

    /** Bad usage or invalid input: exit 2. */
    public static CadenceException invalid(String message) {
        return new CadenceException(ExitStatus.INVALID, message);
    }

    /** Refused by a rule (stage gate, suppression): exit 4. */
    public static CadenceException refused(String message) {
        return new CadenceException(ExitStatus.REFUSED, message);
    }

    /** Something went wrong that is not the user's input: exit 1. */
    public static CadenceException failure(String message, Throwable cause) {
        return new CadenceException(ExitStatus.FAILURE, message, cause);
    }
}
