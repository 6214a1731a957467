package dev.cadence.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.error.CadenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contacts and the names of their custom fields. */
public final class ContactRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() { };

    private static final String COLUMNS = "email, email_norm, first_name, last_name, company, title, phone,"
            + " phone_e164, linkedin, timezone, owner, stage, custom, paused_until";

    static final RowMapper<Contact> MAPPER = r -> new Contact(
            r.longValue("id"), r.string("email"), r.string("email_norm"), r.string("first_name"),
            r.string("last_name"), r.string("company"), r.string("title"), r.string("phone"),
            r.string("phone_e164"), r.string("linkedin"), r.string("timezone"), r.string("owner"),
            r.string("stage"), fromJson(r.string("custom")), r.date("paused_until"),
            r.instant("created_at"), r.instant("updated_at"));

    private final Jdbc jdbc;
    private final Clock clock;

    ContactRepository(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Inserts a new contact (its id and timestamps are ignored) and registers its custom field
     * names; returns it as stored. An email already in the ledger is a {@link DuplicateKeyException}.
     */
    public Contact insert(Contact c) {
        return jdbc.inTransaction(() -> {
            Instant now = clock.instant();
            long id = jdbc.insertReturningId("INSERT INTO contacts (" + COLUMNS + ", created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values(c, now, now));
            registerFields(c.custom().keySet());
            return new Contact(id, c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(),
                    c.phone(), c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), c.custom(),
                    c.pausedUntil(), now, now);
        });
    }

    /** Writes every field of an existing contact (by id); {@code updated_at} becomes now; its open enrollments are flagged for the schedule. */
    public Contact update(Contact c) {
        return jdbc.inTransaction(() -> {
            Instant now = clock.instant();
            int n = jdbc.update("UPDATE contacts SET email = ?, email_norm = ?, first_name = ?, last_name = ?,"
                    + " company = ?, title = ?, phone = ?, phone_e164 = ?, linkedin = ?, timezone = ?, owner = ?,"
                    + " stage = ?, custom = ?, paused_until = ?, updated_at = ? WHERE id = ?",
                    c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(), c.phone(),
                    c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), toJson(c.custom()),
                    c.pausedUntil(), now, c.id());
            if (n != 1) throw new IllegalStateException("no contact with id " + c.id() + " to update");
            EnrollmentRepository.flagContact(jdbc, c.id()); // zone, fields (conditions), pause
            registerFields(c.custom().keySet());
            return findById(c.id()).orElseThrow();
        });
    }

    /** A writer for many contacts (import); close it when done. */
    public ContactWriter writer() {
        return new ContactWriter(jdbc, clock, false);
    }

    /**
     * A writer for many contacts that the caller writes in a single transaction it has not
     * begun yet (an import of a whole file, all-or-nothing, not a dry run): as {@link #writer()},
     * and when the ledger holds no contacts yet, it may be switched to a rollback journal for the
     * writer's lifetime, which writes a large transaction once instead of twice; other processes
     * then wait for the ledger instead of reading beside the import ({@link Dialect#bulkWrite}).
     * A ledger with contacts stays in WAL mode, where they read the state before the import.
     */
    public ContactWriter writerForOneTransaction() {
        return new ContactWriter(jdbc, clock, true);
    }

    public Optional<Contact> findById(long id) {
        return jdbc.queryOne("SELECT * FROM contacts WHERE id = ?", MAPPER, id);
    }

    /** By normalised email (give it already normalised). */
    public Optional<Contact> findByEmailNorm(String emailNorm) {
        return jdbc.queryOne("SELECT * FROM contacts WHERE email_norm = ?", MAPPER, emailNorm);
    }

    /** A contact reference as users type it (design §9): an id ({@code 42}) or an email, any casing. */
    public Optional<Contact> findByRef(String ref) {
        String r = ref.strip();
        if (!r.isEmpty() && r.chars().allMatch(Character::isDigit)) {
            try {
                return findById(Long.parseLong(r));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return findByEmailNorm(Contact.normalizeEmail(r));
    }

    /** {@link #findByRef}, or exit 2 with "no contact 'x' in the ledger". */
    public Contact getByRef(String ref) {
        return findByRef(ref).orElseThrow(() -> CadenceException.invalid(
                "no contact '" + ref + "' in the ledger (give a contact id or an email)"));
    }

    /** Contacts matching the filter, by id. */
    public List<Contact> list(ContactFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.query("SELECT * FROM contacts c" + where + " ORDER BY c.id", MAPPER, params.toArray());
    }

    /** Contacts matching the filter, by id, handed to {@code each} one at a time (streamed, for exports). */
    public void forEach(ContactFilter filter, java.util.function.Consumer<? super Contact> each) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        jdbc.forEach("SELECT * FROM contacts c" + where + " ORDER BY c.id", MAPPER, each, params.toArray());
    }

    public long count(ContactFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return jdbc.queryLong("SELECT COUNT(*) FROM contacts c" + where, params.toArray());
    }

    public long count() {
        return count(ContactFilter.ALL);
    }

    /** A contact and when anything last happened to it (its creation, a touch that reached it, an event). */
    public record Silent(Contact contact, Instant lastActivity) {}

    /**
     * Contacts silent since {@code cutoff}: added to the ledger at or before it, with no touch
     * that reached them (sent, done, sending or in doubt; skipped and failed ones did not) and no
     * event after it, and no active or paused enrollment; by id. {@code stage}, {@code owner}:
     * only those (null: any); {@code notStage}: except that stage (null: none);
     * {@code withSuppressed}: false leaves suppressed addresses out.
     *
     * <p>Silence is an absence, so this reads every contact once; each check is an indexed probe
     * (touches and events by contact and time, enrollments by contact, suppressions by address),
     * never a scan of those tables. Streamed to {@code each}.
     */
    public void forEachSilent(Instant cutoff, String stage, String owner, String notStage, boolean withSuppressed,
                              java.util.function.Consumer<? super Silent> each) {
        List<Object> params = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT c.*,"
                + " (SELECT MAX(COALESCE(t.at, t.created_at)) FROM touches t WHERE t.contact_id = c.id"
                + " AND t.status IN ('sent', 'done', 'sending', 'in_doubt')) AS last_touch,"
                + " (SELECT MAX(ev.at) FROM events ev WHERE ev.contact_id = c.id) AS last_event"
                + " FROM contacts c WHERE c.created_at <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.contact_id = c.id"
                + " AND e.state IN ('active', 'paused'))");
        params.add(cutoff);
        if (!withSuppressed) inner.append(" AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_norm = c.email_norm)");
        if (stage != null) {
            inner.append(" AND c.stage = ?");
            params.add(stage);
        }
        if (owner != null) {
            inner.append(" AND c.owner = ?");
            params.add(owner);
        }
        if (notStage != null) {
            inner.append(" AND (c.stage IS NULL OR c.stage <> ?)");
            params.add(notStage);
        }
        String sql = "SELECT * FROM (" + inner + ") x WHERE (x.last_touch IS NULL OR x.last_touch <= ?)"
                + " AND (x.last_event IS NULL OR x.last_event <= ?) ORDER BY x.id";
        params.add(cutoff);
        params.add(cutoff);
        jdbc.forEach(sql, r -> {
            Contact c = MAPPER.map(r);
            Instant last = c.createdAt();
            for (Instant t : new Instant[] {r.instant("last_touch"), r.instant("last_event")}) {
                if (t != null && (last == null || t.isAfter(last))) last = t;
            }
            return new Silent(c, last);
        }, each, params.toArray());
    }

    /** A contact with nothing running and the id of its last enrollment (null: never enrolled). */
    public record Idle(Contact contact, Long lastEnrollmentId) {}

    /**
     * Contacts with no next action (issue 6, {@code gaps}): not suppressed, not in {@code closedStage}
     * (null: none), no active or paused enrollment, and either never enrolled while in one of
     * {@code earlyStages} (or no stage), or whose last enrollment completed with no reply, meeting
     * or purchase since it began; by id. One pass over contacts with indexed probes per contact.
     */
    public List<Idle> findIdle(String closedStage, List<String> earlyStages) {
        List<Object> params = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT c.*, (SELECT MAX(e.id) FROM enrollments e"
                + " WHERE e.contact_id = c.id) AS last_enrollment_id FROM contacts c"
                + " WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.contact_id = c.id"
                + " AND e.state IN ('active', 'paused'))"
                + " AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_norm = c.email_norm)");
        if (closedStage != null) {
            inner.append(" AND (c.stage IS NULL OR c.stage <> ?)");
            params.add(closedStage);
        }
        StringBuilder early = new StringBuilder("(x.stage IS NULL OR x.stage = ''");
        for (String s : earlyStages) {
            early.append(" OR x.stage = ?");
            params.add(s);
        }
        early.append(')');
        String sql = "SELECT * FROM (" + inner + ") x WHERE (x.last_enrollment_id IS NULL AND " + early + ")"
                + " OR EXISTS (SELECT 1 FROM enrollments le WHERE le.id = x.last_enrollment_id"
                + " AND le.state = 'completed' AND NOT EXISTS (SELECT 1 FROM events ev WHERE ev.contact_id = x.id"
                + " AND ev.type IN ('reply', 'meeting', 'purchased') AND ev.at >= le.created_at))"
                + " ORDER BY x.id";
        return jdbc.query(sql, r -> new Idle(MAPPER.map(r), r.nullableLong("last_enrollment_id")), params.toArray());
    }

    /** Every custom field name ever stored on a contact, sorted. */
    public List<String> knownCustomFields() {
        return jdbc.query("SELECT name FROM contact_fields ORDER BY name", r -> r.string("name"));
    }

    /** Records custom field names (already known ones are left alone). */
    public void registerFields(Iterable<String> names) {
        Instant now = clock.instant();
        for (String name : names) {
            jdbc.update("INSERT INTO contact_fields (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    name, now);
        }
    }

    private static String where(ContactFilter f, List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (f.stage() != null) {
            terms.add("c.stage = ?");
            params.add(f.stage());
        }
        if (f.owner() != null) {
            terms.add("c.owner = ?");
            params.add(f.owner());
        }
        if (f.sequence() != null) {
            terms.add("EXISTS (SELECT 1 FROM enrollments e WHERE e.contact_id = c.id AND e.sequence = ?"
                    + " AND e.state IN ('active', 'paused'))");
            params.add(f.sequence());
        }
        if (f.search() != null && !f.search().isBlank()) {
            String like = "%" + escapeLike(f.search().strip().toLowerCase(java.util.Locale.ROOT)) + "%";
            terms.add("(c.email_norm LIKE ? ESCAPE '\\' OR LOWER(c.first_name) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(c.last_name) LIKE ? ESCAPE '\\' OR LOWER(c.company) LIKE ? ESCAPE '\\')");
            for (int i = 0; i < 4; i++) params.add(like);
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Object[] values(Contact c, Instant created, Instant updated) {
        return new Object[] {c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(),
                c.phone(), c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), toJson(c.custom()),
                c.pausedUntil(), created, updated};
    }

    static String toJson(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> fromJson(String json) {
        if (json == null || json.isBlank() || json.equals("{}")) return Map.of();
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom fields in the ledger are not a JSON object: " + json, e);
        }
    }
}
