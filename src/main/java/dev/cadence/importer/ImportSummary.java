package dev.cadence.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The counts an import reports (issue 3 §7): rows read, contacts created / updated / left
 * unchanged (including skipped duplicates), rows rejected, enrollments made and refused.
 */
public record ImportSummary(long read, long created, long updated, long unchanged, long rejected,
                            long enrolled, long refused) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public static final ImportSummary EMPTY = new ImportSummary(0, 0, 0, 0, 0, 0, 0);

    /**
     * True when some rows were rejected: exit status 3 (partial). Refused enrollments are
     * reported but are not a failure (the rules did their job), so they do not count here.
     */
    public boolean partial() {
        return rejected > 0;
    }

    /** {@code {"read":3,"created":1,...}} in snake_case, for {@code --format json}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the import summary as JSON", e);
        }
    }

    /** One line for humans: {@code read 3, created 1, updated 1, unchanged 0, rejected 1, enrolled 0, refused 0}. */
    public String toText() {
        return "read " + read + ", created " + created + ", updated " + updated + ", unchanged " + unchanged
                + ", rejected " + rejected + ", enrolled " + enrolled + ", refused " + refused;
    }
}
