package dev.cadence.render;

import java.util.Optional;

/**
 * Header values built from contact data (design §8): a subject, a display name or an address
 * must be one line. CR, LF, NUL and the other line separators (VT, FF, NEL U+0085, LINE
 * SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029) are <em>rejected</em>, never stripped: a value
 * that contains one is wrong data, and silently repairing it would send something nobody wrote.
 * A subject is also trimmed, must not be empty, and may be at most {@value #MAX_SUBJECT}
 * characters (RFC 5322's line limit).
 */
public final class HeaderSafety {
    public static final int MAX_SUBJECT = 998;

    private HeaderSafety() {}

    /**
     * Why {@code value} cannot go into header {@code field} ("subject", "sender name",
     * "to address"...), or empty when it can.
     */
    public static Optional<String> problem(String field, String value) {
        if (value == null) return Optional.empty();
        for (int i = 0; i < value.length(); i++) {
            String what = forbidden(value.charAt(i));
            if (what != null) {
                return Optional.of(field + " contains " + what + " at character " + (i + 1)
                        + "; a header must be one line, so the value is rejected (not stripped): fix the data");
            }
        }
        return Optional.empty();
    }

    /** {@code value} when it is safe for header {@code field}; else an {@link UnsafeHeaderException}. */
    public static String require(String field, String value) {
        problem(field, value).ifPresent(msg -> {
            throw new UnsafeHeaderException(msg);
        });
        return value;
    }

    /** Why a rendered subject cannot be used, or empty when {@link #subject} accepts it. */
    public static Optional<String> subjectProblem(String subject) {
        Optional<String> p = problem("subject", subject);
        if (p.isPresent()) return p;
        String s = subject == null ? "" : subject.strip();
        if (s.isEmpty()) return Optional.of("subject is empty");
        if (s.length() > MAX_SUBJECT) {
            return Optional.of("subject is " + s.length() + " characters long; at most " + MAX_SUBJECT + " are allowed");
        }
        return Optional.empty();
    }

    /** The subject, trimmed, when it is safe; else an {@link UnsafeHeaderException}. */
    public static String subject(String subject) {
        subjectProblem(subject).ifPresent(msg -> {
            throw new UnsafeHeaderException(msg);
        });
        return subject.strip();
    }

    /** The name of a character that cannot be in a header, or null. */
    static String forbidden(char c) {
        return switch (c) {
            case '\r' -> "a carriage return (CR, U+000D)";
            case '\n' -> "a line feed (LF, U+000A)";
            case '\0' -> "a NUL character (U+0000)";
            case '\u000B' -> "a vertical tab (U+000B)";
            case '\f' -> "a form feed (U+000C)";
            case '\u0085' -> "a next-line character (NEL, U+0085)";
            case '\u2028' -> "a line separator (U+2028)";
            case '\u2029' -> "a paragraph separator (U+2029)";
            default -> null;
        };
    }

    /** A header value that would break the message's header. */
    public static final class UnsafeHeaderException extends dev.cadence.error.CadenceException {
        public UnsafeHeaderException(String message) {
            super(dev.cadence.error.ExitStatus.INVALID, message);
        }
    }
}
