package dev.cadence.channel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code export touches}: every attempt (auto touches sent or not, manual touches logged,
 * skipped steps), oldest first, with its contact's email, the sequence and step, the outcome and
 * what was said, streamed from the ledger as {@link ContactExport} does: CSV with a header row,
 * RFC 4180 quoting, CRLF, UTF-8 and every cell formula-safe ({@link CsvSafe}); or one JSON array
 * with the same snake_case keys, values unchanged.
 *
 * <p>{@code at} is when the touch was done (sent, logged, skipped), or, for one not done yet
 * (sending, in doubt), when it was created; instants are ISO-8601 UTC. {@code note} is what the
 * rep wrote, {@code body} what an automatic touch said.
 */
public final class TouchExport {
    /** The columns, in order. */
    public static final List<String> FIELDS = List.of("id", "at", "contact_id", "email", "channel", "sequence", "step",
            "occurrence", "variant", "kind", "status", "outcome", "subject", "note", "body", "error", "due_at");

    public enum Format { csv, json }

    private TouchExport() {}

    /**
     * Writes the touches at or after {@code since} (null: all) of {@code contactId} (null: every
     * contact) to {@code out} (not closed); returns how many.
     */
    public static long write(Ledger ledger, Instant since, Long contactId, Format format, Writer out) {
        try {
            return format == Format.csv ? csv(ledger, since, contactId, out) : json(ledger, since, contactId, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long csv(Ledger ledger, Instant since, Long contactId, Writer out) throws IOException {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out);
        csv.writeRecord(FIELDS);
        long[] n = {0};
        List<String> cells = new ArrayList<>(FIELDS.size());
        ledger.touches().forEachExported(since, contactId, x -> {
            cells.clear();
            for (Object v : fields(x).values()) cells.add(CsvSafe.cell(v == null ? null : v.toString()));
            csv.writeRecord(cells);
            n[0]++;
        });
        csv.flush();
        return n[0];
    }

    private static long json(Ledger ledger, Instant since, Long contactId, Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        long[] n = {0};
        ledger.touches().forEachExported(since, contactId, x -> {
            try {
                g.writeStartObject();
                for (Map.Entry<String, Object> f : fields(x).entrySet()) {
                    if (f.getValue() instanceof Number num) g.writeNumberField(f.getKey(), num.longValue());
                    else g.writeStringField(f.getKey(), f.getValue() == null ? null : f.getValue().toString());
                }
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

    /** The values of {@link #FIELDS} for one touch. */
    static Map<String, Object> fields(TouchRepository.Exported x) {
        Touch t = x.touch();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("at", t.at() != null ? t.at() : t.createdAt());
        m.put("contact_id", t.contactId());
        m.put("email", x.email());
        m.put("channel", t.channel().id());
        m.put("sequence", t.sequence());
        m.put("step", t.stepId());
        m.put("occurrence", t.stepId() == null ? null : (Object) (long) t.occurrence());
        m.put("variant", t.variant());
        m.put("kind", t.kind().dbValue());
        m.put("status", t.status().dbValue());
        m.put("outcome", t.outcome());
        m.put("subject", t.subject());
        m.put("note", t.note());
        m.put("body", t.body());
        m.put("error", t.error());
        m.put("due_at", t.dueAt());
        return m;
    }
}
