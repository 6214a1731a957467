package dev.cadence.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The country (ISO 3166 alpha-2, as libphonenumber's region codes) of an IANA time zone, from
 * the tz database's {@code zone.tab} and its links, shipped as {@code zone-country.tab}. Used
 * to read a national phone number ({@code 06 12 34 56 78}) in the contact's own country.
 */
public final class PhoneRegions {
    private PhoneRegions() {}

    private static final class Table {
        static final Map<String, String> BY_ZONE = load();
    }

    /** The country of {@code zone} ({@code Europe/Paris} → {@code FR}); empty for UTC, offsets, unknown zones. */
    public static Optional<String> forZone(ZoneId zone) {
        return zone == null ? Optional.empty() : forZone(zone.getId());
    }

    public static Optional<String> forZone(String zoneId) {
        return Optional.ofNullable(Table.BY_ZONE.get(zoneId));
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>(1024);
        try (InputStream in = PhoneRegions.class.getResourceAsStream("zone-country.tab")) {
            if (in == null) throw new IllegalStateException("zone-country.tab missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int tab = line.indexOf('\t');
                m.put(line.substring(0, tab), line.substring(tab + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
