package dev.cadence.importer;

import java.util.List;

/**
 * One data record of a CSV file as read: the physical line where it starts (1-based, counting
 * the lines of quoted fields that span several lines) and its cells, untouched.
 */
public record CsvRow(long line, List<String> fields) {

    public CsvRow {
        fields = List.copyOf(fields);
    }

    public int size() {
        return fields.size();
    }

    /** The cell at {@code index}, or "" when the row is shorter. */
    public String field(int index) {
        return index >= 0 && index < fields.size() ? fields.get(index) : "";
    }
}
