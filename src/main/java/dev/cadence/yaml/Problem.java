package dev.cadence.yaml;

/** One thing wrong with the user's files, where it is and what to do about it. */
public record Problem(Location location, String message) implements Comparable<Problem> {

    @Override
    public String toString() {
        return location + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = String.valueOf(location.file()).compareTo(String.valueOf(o.location.file()));
        if (c != 0) return c;
        c = Integer.compare(location.line(), o.location.line());
        if (c != 0) return c;
        return Integer.compare(location.column(), o.location.column());
    }
}
