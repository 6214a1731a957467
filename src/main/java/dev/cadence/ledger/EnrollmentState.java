package dev.cadence.ledger;

/** Where an enrollment is: running ({@code active}, {@code paused}) or finished ({@code completed}, {@code stopped}). */
public enum EnrollmentState implements DbEnum {
    ACTIVE, PAUSED, COMPLETED, STOPPED;

    /** Active or paused: still counts for {@code exclusive} and can be resumed. */
    public boolean isOpen() {
        return this == ACTIVE || this == PAUSED;
    }
}
