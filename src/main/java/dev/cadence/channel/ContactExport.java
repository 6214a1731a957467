package dev.cadence.channel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.ContactFilter;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Suppression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code export contacts}: every contact matching a filter, streamed from the ledger (a million
 * contacts never sit in memory), as CSV or JSON for scripts and spreadsheets.
 *
 * <p>CSV: a header row, then one row per contact with every field ({@link #FIELDS}) followed by
 * one column per custom field the ledger knows (the union over all contacts, sorted; a custom
 * field whose name is also a field's is headed {@code custom.NAME}); RFC 4180 quoting, CRLF line
 * ends, UTF-8, every cell formula-safe ({@link CsvSafe}). The custom columns carry the bare names
 * so that the file imports back into the same fields.
 *
 * <p>JSON: one array of objects with the same snake_case keys; the contact's own custom fields
 * in a {@code custom} object; no value is changed (JSON is not run by spreadsheets).
 */
public final class ContactExport {
    /** The fields of a contact, in column order. {@code suppressed}: why the address may not be contacted. */
    public static final List<String> FIELDS = List.of("id", "email", "first_name", "last_name", "company", "title",
            "phone", "phone_e164", "linkedin", "timezone", "owner", "stage", "paused_until", "suppressed",
            "created_at", "updated_at");

    public enum Format { csv, json }

    private ContactExport() {}

    /** Writes the contacts matching {@code filter} to {@code out} (not closed); returns how many. */
    public static long write(Ledger ledger, ContactFilter filter, Format format, Writer out) {
        Map<String, String> suppressed = new HashMap<>();
        for (Suppression s : ledger.suppressions().list()) suppressed.put(s.emailNorm(), s.reason().dbValue());
        try {
            return format == Format.csv
                    ? csv(ledger, filter, suppressed, out)
                    : json(ledger, filter, suppressed, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV header for these custom field names. */
    public static List<String> header(List<String> customFields) {
        List<String> h = new ArrayList<>(FIELDS);
        for (String name : customFields) h.add(FIELDS.contains(name) ? "custom." + name : name);
        return h;
    }

    private static long csv(Ledger ledger, ContactFilter filter, Map<String, String> suppressed, Writer out)
            throws IOException {
        List<String> custom = ledger.contacts().knownCustomFields();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(header(custom).stream().map(CsvSafe::cell).toList());
        long[] n = {0};
        List<String> cells = new ArrayList<>(FIELDS.size() + custom.size());
        ledger.contacts().forEach(filter, c -> {
            cells.clear();
            for (Object v : fields(c, suppressed).values()) cells.add(CsvSafe.cell(v == null ? null : v.toString()));
            for (String name : custom) cells.add(CsvSafe.cell(c.custom().get(name)));
            csv.writeRecord(cells);
            n[0]++;
        });
        csv.flush();
        return n[0];
    }

    private static long json(Ledger ledger, ContactFilter filter, Map<String, String> suppressed, Writer out)
            throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        long[] n = {0};
        ledger.contacts().forEach(filter, c -> {
            try {
                g.writeStartObject();
                for (Map.Entry<String, Object> f : fields(c, suppressed).entrySet()) {
                    if (f.getValue() instanceof Long l) g.writeNumberField(f.getKey(), l);
                    else g.writeStringField(f.getKey(), f.getValue() == null ? null : f.getValue().toString());
                }
                g.writeObjectFieldStart("custom");
                for (Map.Entry<String, String> f : c.custom().entrySet()) g.writeStringField(f.getKey(), f.getValue());
                g.writeEndObject();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            n[0]++;
        });
        g.writeEndArray();
        g.writeRaw("\n");
        g.flush();
        return n[0];
    }

    /** The values of {@link #FIELDS} for one contact; instants as ISO-8601 UTC, dates as YYYY-MM-DD. */
    public static Map<String, Object> fields(Contact c, Map<String, String> suppressed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("email", c.email());
        m.put("first_name", c.firstName());
        m.put("last_name", c.lastName());
        m.put("company", c.company());
        m.put("title", c.title());
        m.put("phone", c.phone());
        m.put("phone_e164", c.phoneE164());
        m.put("linkedin", c.linkedin());
        m.put("timezone", c.timezone());
        m.put("owner", c.owner());
        m.put("stage", c.stage());
        m.put("paused_until", c.pausedUntil());
        m.put("suppressed", suppressed.get(c.emailNorm()));
        m.put("created_at", c.createdAt());
        m.put("updated_at", c.updatedAt());
        return m;
    }
}
