package dev.cadence.ledger;

/** Why an address must not be contacted. */
public enum SuppressionReason implements DbEnum {
    OPTOUT, BOUNCE, MANUAL, IMPORT
}
