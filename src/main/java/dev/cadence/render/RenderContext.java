package dev.cadence.render;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Note;
import dev.cadence.ledger.Touch;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Timing;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a template can use for one contact and one step (design §5), built from ledger and
 * sequence records; no database access here. The values, all strings except the groups:
 * <ul>
 *   <li>contact fields {@code id, email, first_name, last_name, name, company, title, phone,
 *       linkedin, timezone, owner, stage} ({@code name} is "first last" and absent when neither
 *       is known: an address is not a name) and the contact's custom fields, at the top level;</li>
 *   <li>{@code sender} (name, email, company, address, reply_to), {@code sequence} (name,
 *       description), {@code step} (id, channel, purpose, day), {@code previous} (channel, date,
 *       subject, outcome, note of the enrollment's last touch);</li>
 *   <li>{@code last_note}, {@code unsubscribe_url} ({@code unsubscribe.url} with {@code {{token}}}
 *       replaced by {@link UnsubscribeToken}), {@code today}.</li>
 * </ul>
 * Dates are the contact's local dates ({@code timezone}, else the workspace's), written like
 * "Tuesday 3 March" (with the year when it is not this year). Values are trimmed; a blank value is
 * kept as "" and counts as missing (a template sees no difference; a failure says "blank"). The sequence's {@code defaults:} fill what is missing
 * (a dotted key such as {@code sender.company} fills a part of a group); a value of the contact
 * wins over a default. Precedence, strongest first: context keys, contact fields, custom fields,
 * defaults.
 */
public final class RenderContext {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);

    private final Map<String, Object> values;
    private final String contactEmail;
    private final ZoneId zone;

    private RenderContext(Map<String, Object> values, String contactEmail, ZoneId zone) {
        this.values = values;
        this.contactEmail = contactEmail;
        this.zone = zone;
    }

    /**
     * The usual context of a due touch: workspace sender, unsubscribe URL and time zone, the
     * sequence (and its defaults), the step, the enrollment's last touch (may be null), the
     * contact's notes (the latest is {@code last_note}) and now.
     */
    public static RenderContext of(WorkspaceConfig config, Contact contact, Sequence sequence, Step step,
                                   Touch previous, Collection<Note> notes, UnsubscribeToken tokens, Instant now) {
        return builder(contact, config.timezone(), now)
                .sender(config.sender())
                .unsubscribe(config.unsubscribe().flatMap(WorkspaceConfig.Unsubscribe::url), tokens)
                .sequence(sequence)
                .step(step)
                .previous(previous)
                .notes(notes)
                .build();
    }

    public static Builder builder(Contact contact, ZoneId workspaceZone, Instant now) {
        return new Builder(contact, workspaceZone, now);
    }

    /** The values as nested unmodifiable maps (what templates see). */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of a name such as {@code first_name} or {@code sender.name}, if present and not blank. */
    public Optional<String> get(String name) {
        Object v = ContextObjectHandler.lookup(name, java.util.List.of(values));
        return v instanceof String s && !isBlank(s) ? Optional.of(s) : Optional.empty();
    }

    /** The contact's address, to name the contact in messages. */
    public String contactEmail() {
        return contactEmail;
    }

    /** The contact's time zone (its own when valid, else the workspace's). */
    public ZoneId zone() {
        return zone;
    }

    /** {@link #readableDate} by epoch day, with or without the year (10k contexts share a few dates). */
    private static final java.util.concurrent.ConcurrentMap<Long, String> READABLE = new java.util.concurrent.ConcurrentHashMap<>();

    /** "Tuesday 3 March" for {@code date}, with the year when it differs from {@code today}'s. */
    public static String readableDate(LocalDate date, LocalDate today) {
        boolean sameYear = date.getYear() == today.getYear();
        Long key = date.toEpochDay() * 2 + (sameYear ? 1 : 0);
        String s = READABLE.get(key);
        if (s == null) {
            s = (sameYear ? THIS_YEAR : OTHER_YEAR).format(date);
            if (READABLE.size() < 4096) READABLE.put(key, s);
        }
        return s;
    }

    /** Empty or only white space (including no-break and zero-width spaces). */
    public static boolean isBlank(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u200B' && c != '\uFEFF') return false;
        }
        return true;
    }

    /** Builds a context; every part but the contact is optional. */
    public static final class Builder {
        private final Contact contact;
        private final ZoneId zone;
        private final LocalDate today;
        private Optional<WorkspaceConfig.Sender> sender = Optional.empty();
        private Sequence sequence;
        private Map<String, String> defaults = Map.of();
        private Step step;
        private Integer day;
        private Touch previous;
        private Note lastNote;
        private String unsubscribeUrl;

        private Builder(Contact contact, ZoneId workspaceZone, Instant now) {
            this.contact = Objects.requireNonNull(contact, "contact");
            this.zone = zoneOf(contact.timezone(), Objects.requireNonNull(workspaceZone, "workspaceZone"));
            this.today = LocalDate.ofInstant(Objects.requireNonNull(now, "now"), zone);
        }

        public Builder sender(Optional<WorkspaceConfig.Sender> s) {
            sender = s;
            return this;
        }

        /** The sequence; its {@code defaults:} become the fallbacks. */
        public Builder sequence(Sequence s) {
            sequence = s;
            if (s != null) defaults = s.defaults();
            return this;
        }

        /** Fallbacks for missing values (replaces the sequence's). */
        public Builder defaults(Map<String, String> d) {
            defaults = d == null ? Map.of() : d;
            return this;
        }

        /** The step; {@code step.day} is its {@code day:} when it has one. */
        public Builder step(Step s) {
            step = s;
            return this;
        }

        /** The step with the enrollment day it falls on (for {@code after:} steps). */
        public Builder step(Step s, int enrollmentDay) {
            step = s;
            day = enrollmentDay;
            return this;
        }

        /** The enrollment's last touch, or null. */
        public Builder previous(Touch t) {
            previous = t;
            return this;
        }

        /** The contact's latest note, or null. */
        public Builder lastNote(Note n) {
            lastNote = n;
            return this;
        }

        /** The contact's notes; the latest (by time, then id) is {@code last_note}. */
        public Builder notes(Collection<Note> notes) {
            lastNote = notes == null ? null : notes.stream()
                    .max(Comparator.comparing((Note n) -> n.createdAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparingLong(Note::id))
                    .orElse(null);
            return this;
        }

        /** {@code unsubscribe_url} from the workspace's {@code unsubscribe.url}, when configured. */
        public Builder unsubscribe(Optional<String> urlTemplate, UnsubscribeToken tokens) {
            unsubscribeUrl = urlTemplate.map(u -> tokens.url(u, contact)).orElse(null);
            return this;
        }

        public RenderContext build() {
            Map<String, Object> m = new LinkedHashMap<>();
            defaults.forEach((k, v) -> {
                if (!k.contains(".")) put(m, k, v);
            });
            contact.custom().forEach((k, v) -> put(m, k, v));
            put(m, "id", contact.id() > 0 ? Long.toString(contact.id()) : null);
            put(m, "email", contact.email());
            put(m, "first_name", contact.firstName());
            put(m, "last_name", contact.lastName());
            String name = ((contact.firstName() == null ? "" : contact.firstName().strip()) + " "
                    + (contact.lastName() == null ? "" : contact.lastName().strip())).strip();
            if (!name.isEmpty()) put(m, "name", name);
            put(m, "company", contact.company());
            put(m, "title", contact.title());
            put(m, "phone", contact.phone() != null && !isBlank(contact.phone()) ? contact.phone() : contact.phoneE164());
            put(m, "linkedin", contact.linkedin());
            put(m, "timezone", contact.timezone());
            put(m, "owner", contact.owner());
            put(m, "stage", contact.stage());

            sender.ifPresent(s -> group(m, "sender", "name", s.name(), "email", s.email(), "company", s.company().orElse(null),
                    "address", s.address().orElse(null), "reply_to", s.replyTo().orElse(null)));
            if (sequence != null) group(m, "sequence", "name", sequence.name(), "description", sequence.description());
            if (step != null) {
                Integer d = day != null ? day : step.timing() instanceof Timing.Day td ? td.n() : null;
                group(m, "step", "id", step.id(), "channel", step.channel().id(), "purpose", step.purpose(),
                        "day", d == null ? null : d.toString());
            }
            if (previous != null) {
                Instant at = previous.at() != null ? previous.at() : previous.dueAt() != null ? previous.dueAt() : previous.createdAt();
                group(m, "previous", "channel", previous.channel() == null ? null : previous.channel().id(),
                        "date", at == null ? null : readableDate(LocalDate.ofInstant(at, zone), today),
                        "subject", previous.subject(), "outcome", previous.outcome(), "note", previous.note());
            }
            if (lastNote != null) put(m, "last_note", lastNote.body());
            put(m, "unsubscribe_url", unsubscribeUrl);
            put(m, "today", readableDate(today, today));

            // dotted defaults fill parts of groups
            defaults.forEach((k, v) -> {
                int dot = k.indexOf('.');
                if (dot <= 0 || v == null || isBlank(v)) return;
                String g = k.substring(0, dot);
                String part = k.substring(dot + 1);
                Object existing = m.get(g);
                if (existing instanceof Map<?, ?> gm) {
                    if (!(gm.get(part) instanceof String present) || isBlank(present)) {
                        @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) gm;
                        mm.put(part, v.strip());
                    }
                } else if (existing == null) {
                    Map<String, Object> gm = new LinkedHashMap<>();
                    gm.put(part, v.strip());
                    m.put(g, gm);
                }
            });
            m.replaceAll((k, v) -> v instanceof Map<?, ?> gm ? Collections.unmodifiableMap(gm) : v);
            return new RenderContext(Collections.unmodifiableMap(m), contact.email(), zone);
        }

        /** A value, trimmed; a blank one is kept as "" (so a message can say "blank") unless something fills it. */
        private static void put(Map<String, Object> m, String key, String value) {
            if (value == null) return;
            if (!isBlank(value)) m.put(key, value.strip());
            else m.putIfAbsent(key, "");
        }

        private static void group(Map<String, Object> m, String name, String... keyValues) {
            Map<String, Object> g = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) put(g, keyValues[i], keyValues[i + 1]);
            m.put(name, g);
        }

        private static ZoneId zoneOf(String id, ZoneId fallback) {
            if (id == null || isBlank(id)) return fallback;
            try {
                return ZoneId.of(id.strip());
            } catch (DateTimeException e) {
                return fallback;
            }
        }
    }
}
