package dev.cadence.ledger;

/**
 * Where a touch is. Auto: {@code sending} (claimed, not yet confirmed) then {@code sent} or
 * {@code failed}; a {@code sending} touch left by a dead run becomes {@code in_doubt}. Manual:
 * {@code done}. Either: {@code skipped} (condition failed, or skipped with a reason).
 */
public enum TouchStatus implements DbEnum {
    SENDING, SENT, FAILED, IN_DOUBT, SKIPPED, DONE
}
