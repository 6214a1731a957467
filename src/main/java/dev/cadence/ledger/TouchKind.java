package dev.cadence.ledger;

/** Sent by {@code run} ({@code auto}) or done and logged by a person ({@code manual}). */
public enum TouchKind implements DbEnum {
    AUTO, MANUAL
}
