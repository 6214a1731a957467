package dev.cadence.ledger;

/**
 * Which contacts {@code contacts list} shows; null means "any". {@code sequence}: contacts
 * with an active or paused enrollment in it. {@code search}: case-insensitive substring of the
 * email, names or company (ASCII case folding in SQLite).
 */
public record ContactFilter(String stage, String owner, String sequence, String search) {

    public static final ContactFilter ALL = new ContactFilter(null, null, null, null);

    public ContactFilter withStage(String v) {
        return new ContactFilter(v, owner, sequence, search);
    }

    public ContactFilter withOwner(String v) {
        return new ContactFilter(stage, v, sequence, search);
    }

    public ContactFilter withSequence(String v) {
        return new ContactFilter(stage, owner, v, search);
    }

    public ContactFilter withSearch(String v) {
        return new ContactFilter(stage, owner, sequence, v);
    }
}
