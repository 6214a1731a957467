package dev.cadence.ledger;

/** A UNIQUE or PRIMARY KEY constraint refused a write (a contact's email, a touch's key, ...). */
public final class DuplicateKeyException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
