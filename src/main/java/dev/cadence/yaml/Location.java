package dev.cadence.yaml;

import java.nio.file.Path;

/** A place in a file, 1-based line and column; {@code line == 0} means "the whole file". */
public record Location(Path file, int line, int column) {

    public static Location ofFile(Path file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        String name = file == null ? "<input>" : file.toString();
        return line <= 0 ? name : name + ":" + line + ":" + column;
    }
}
