package dev.cadence.workspace;

import dev.cadence.workspace.WorkspaceInitializer.FileSpec;
import dev.cadence.workspace.WorkspaceInitializer.Outcome;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cadence init --example}: a new workspace plus {@code contacts.csv}, about forty
 * realistic contacts (several owners, time zones from the Americas to Australia including
 * India's half-hour offset, accents and non-Latin names, missing phones, LinkedIn profiles and
 * first names, quoted fields with commas). All addresses use the reserved {@code .example}
 * domain, so nothing can reach a real person.
 *
 * <p>Importing and enrolling them belongs to the importer; once it exists it can import
 * {@link #CONTACTS_FILE} and enroll each row in {@link #SEQUENCE} with {@link #startDate}
 * spreading the start dates over the last {@link #SPREAD_DAYS} days, so that {@code due} shows
 * something of every kind on the first morning.
 */
public final class ExampleWorkspace {
    public static final String CONTACTS_FILE = "contacts.csv";
    /** The sequence the example contacts are meant for. */
    public static final String SEQUENCE = "cold-outbound";
    /** Start dates of the example enrollments are spread over this many days before today. */
    public static final int SPREAD_DAYS = 14;
    public static final String HEADER = "email,first_name,last_name,company,title,phone,linkedin,timezone,owner,stage,industry";

    private ExampleWorkspace() {}

    /** Creates the workspace of {@link WorkspaceInitializer#init} plus {@link #CONTACTS_FILE}. */
    public static Outcome create(Path dir, boolean force) {
        List<FileSpec> files = new ArrayList<>(WorkspaceInitializer.standardFiles());
        // before cadence.yaml, which stays the last file written
        files.add(files.size() - 1, FileSpec.text(CONTACTS_FILE, contactsCsv()));
        return WorkspaceInitializer.write(dir, force, files);
    }

    /** The sample contacts as CSV text (UTF-8, header {@link #HEADER}, LF line ends). */
    public static String contactsCsv() {
        return WorkspaceInitializer.resourceText("example/contacts.csv");
    }

    /**
     * Day 1 of the example enrollment of the contact on data row {@code row} (0-based): today for
     * row 0, then one day earlier per row, cycling over {@link #SPREAD_DAYS} days.
     */
    public static LocalDate startDate(int row, LocalDate today) {
        if (row < 0) throw new IllegalArgumentException("row must not be negative");
        return today.minusDays(row % SPREAD_DAYS);
    }
}
