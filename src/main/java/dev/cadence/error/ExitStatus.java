package dev.cadence.error;

/** Exit codes of design §9, the contract cron and shell scripts rely on. */
public enum ExitStatus {
    OK(0),
    FAILURE(1),
    INVALID(2),
    PARTIAL(3),
    REFUSED(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
