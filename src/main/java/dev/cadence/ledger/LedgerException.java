package dev.cadence.ledger;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;

/** A database error, with a message that names the ledger. Exit 1 unless said otherwise. */
public class LedgerException extends CadenceException {
    private static final long serialVersionUID = 1L;

    public LedgerException(ExitStatus status, String message, Throwable cause) {
        super(status, message, cause);
    }

    public LedgerException(String message, Throwable cause) {
        super(ExitStatus.FAILURE, message, cause);
    }
}
