package dev.cadence.model;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** A daily send window in the contact's local time, e.g. {@code "09:00-17:00"}. */
public record Window(LocalTime open, LocalTime close) {

    public static final Window DEFAULT = new Window(LocalTime.of(9, 0), LocalTime.of(17, 0));

    public Window {
        if (!close.isAfter(open)) {
            throw new IllegalArgumentException("window must close after it opens: " + open + "-" + close);
        }
    }

    public static Window parse(String s) {
        String[] parts = s.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("window must look like \"09:00-17:00\", found \"" + s + "\"");
        }
        try {
            return new Window(time(parts[0]), time(parts[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("window must look like \"09:00-17:00\", found \"" + s + "\"");
        }
    }

    private static LocalTime time(String t) {
        if (t.equals("24:00")) return LocalTime.MAX;
        return LocalTime.parse(t.length() == 4 ? "0" + t : t);
    }

    public boolean contains(LocalTime t) {
        return !t.isBefore(open) && t.isBefore(close);
    }

    @Override
    public String toString() {
        return open + "-" + (close.equals(LocalTime.MAX) ? "24:00" : close.toString());
    }
}
