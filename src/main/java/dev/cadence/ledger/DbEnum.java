package dev.cadence.ledger;

import java.util.Locale;

/** An enum stored as text: its lower-case name unless it says otherwise. */
public interface DbEnum {

    String name();

    default String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose {@link #dbValue()} is {@code value}; unknown values are a corrupt ledger. */
    static <E extends Enum<E> & DbEnum> E fromDb(Class<E> type, String value) {
        if (value == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.dbValue().equals(value)) return e;
        }
        throw new IllegalStateException("unknown " + type.getSimpleName() + " '" + value + "' in the ledger");
    }
}
