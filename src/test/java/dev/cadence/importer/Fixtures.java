package dev.cadence.importer;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers over the real CSV files in src/test/resources/import. */
final class Fixtures {
    static final List<String> STAGES = List.of("new", "contacted", "qualified", "customer", "lost");

    private Fixtures() {}

    static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/import/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<CsvRow> rows(CsvInput in) {
        List<CsvRow> rows = new ArrayList<>();
        in.forEach(rows::add);
        return rows;
    }

    static List<RowResult> readAll(String name, MappingSpec spec, String region) {
        try (ContactReader r = ContactReader.open(file(name),
                new ContactReader.Options(Optional.empty(), spec, STAGES, region))) {
            List<RowResult> out = new ArrayList<>();
            r.forEach(out::add);
            return out;
        }
    }

    static List<ContactRow> valid(List<RowResult> results) {
        List<ContactRow> out = new ArrayList<>();
        for (RowResult r : results) if (r instanceof RowResult.Valid v) out.add(v.contact());
        return out;
    }

    static List<RowResult.Rejected> rejected(List<RowResult> results) {
        List<RowResult.Rejected> out = new ArrayList<>();
        for (RowResult r : results) if (r instanceof RowResult.Rejected x) out.add(x);
        return out;
    }
}
