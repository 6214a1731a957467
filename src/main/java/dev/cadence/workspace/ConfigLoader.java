package dev.cadence.workspace;

import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.model.Window;
import dev.cadence.workspace.WorkspaceConfig.Caps;
import dev.cadence.workspace.WorkspaceConfig.Holidays;
import dev.cadence.workspace.WorkspaceConfig.OnEvent;
import dev.cadence.workspace.WorkspaceConfig.Priority;
import dev.cadence.workspace.WorkspaceConfig.Requirements;
import dev.cadence.workspace.WorkspaceConfig.Sender;
import dev.cadence.workspace.WorkspaceConfig.Silence;
import dev.cadence.workspace.WorkspaceConfig.StageDef;
import dev.cadence.workspace.WorkspaceConfig.Unsubscribe;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.MapReader;
import dev.cadence.yaml.Problems;
import dev.cadence.yaml.YNode;
import dev.cadence.yaml.YamlReader;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code cadence.yaml} into a {@link WorkspaceConfig}, collecting every problem with its location. */
public final class ConfigLoader {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ConfigLoader() {}

    /** Loads the file; the result is usable (defaults fill what could not be read) but check {@code problems}. */
    public static WorkspaceConfig load(Path file, Problems problems) {
        YNode root = YamlReader.read(file, problems);
        return root == null ? WorkspaceConfig.defaults(file) : bind(file, root, problems);
    }

    static WorkspaceConfig bind(Path file, YNode root, Problems problems) {
        WorkspaceConfig d = WorkspaceConfig.defaults(file);
        MapReader r = MapReader.of(root, problems, "cadence.yaml");
        if (r == null) return d;

        ZoneId zone = r.parsed("timezone", ConfigLoader::zone).orElse(d.timezone());
        Set<DayOfWeek> days = d.businessDays();
        if (r.has("business_days")) days = businessDays(r, problems);
        Window window = r.parsed("window", Window::parse).orElse(d.window());
        Holidays holidays = holidays(r.map("holidays"));
        Optional<Sender> sender = Optional.ofNullable(sender(r.map("sender")));
        String transport = r.string("transport").orElse(d.transport());
        Map<String, TransportConfig> transports = transports(r.map("transports"), problems);
        if (!transports.containsKey(transport)) {
            if (r.has("transport")) {
                problems.add(r.locationOf("transport"), "transport '" + transport
                        + "' is not defined; use outbox or a name under 'transports:' (" + String.join(", ", transports.keySet()) + ")");
            }
        }
        Caps caps = caps(r.map("caps"));
        Optional<Unsubscribe> unsubscribe = Optional.ofNullable(unsubscribe(r.map("unsubscribe")));
        List<StageDef> stages = r.has("stages") ? stages(r, problems) : d.stages();
        Optional<Silence> silence = Optional.ofNullable(silence(r.map("silence")));
        Priority priority = priority(r.map("priority"));
        List<String> custom = r.strings("custom_fields");
        Map<EventType, OnEvent> onEvent = onEvent(r.map("on_event"), problems);
        r.rejectUnknown();
        return new WorkspaceConfig(file, zone, days, window, holidays, sender, transport, transports, caps,
                unsubscribe, stages, silence, priority, custom, onEvent);
    }

    static ZoneId zone(String s) {
        try {
            return ZoneId.of(s.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + s
                    + "'; use an IANA name such as America/New_York, Europe/Paris or UTC");
        }
    }

    private static Set<DayOfWeek> businessDays(MapReader r, Problems problems) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (YNode n : r.list("business_days", false)) {
            if (n instanceof YNode.YScalar s) {
                DayOfWeek d = day(s.text());
                if (d == null) problems.add(n.location(), "unknown day '" + s.text() + "'; use mon, tue, wed, thu, fri, sat, sun");
                else days.add(d);
            } else {
                problems.add(n.location(), "'business_days' must list day names, found " + n.describe());
            }
        }
        if (days.isEmpty()) problems.add(r.locationOf("business_days"), "'business_days' must name at least one day");
        return days;
    }

    static DayOfWeek day(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.length() < 3) return null;
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(t)) return d;
        }
        return null;
    }

    private static Holidays holidays(MapReader h) {
        if (h == null) return Holidays.NONE;
        Optional<String> country = h.parsed("country", c -> {
            String up = c.strip().toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(up)) {
                throw new IllegalArgumentException("unknown country '" + c + "'; use an ISO 3166 two-letter code such as US, GB, DE, FR");
            }
            return up;
        });
        List<LocalDate> extra = new ArrayList<>();
        for (YNode n : h.list("extra", true)) {
            if (n instanceof YNode.YScalar s) {
                try {
                    extra.add(LocalDate.parse(s.text().strip()));
                } catch (DateTimeParseException e) {
                    h.problems().add(n.location(), "holiday '" + s.text() + "' must be a date like 2026-12-24");
                }
            } else {
                h.problems().add(n.location(), "'extra' must list dates, found " + n.describe());
            }
        }
        h.rejectUnknown();
        return new Holidays(country, extra);
    }

    private static Sender sender(MapReader s) {
        if (s == null) return null;
        String name = s.requiredString("name");
        String email = s.requiredString("email");
        if (email != null && !EMAIL.matcher(email.strip()).matches()) {
            s.problems().add(s.locationOf("email"), "sender email '" + email + "' is not an email address");
        }
        Optional<String> company = s.string("company");
        Optional<String> address = s.string("address");
        Optional<String> replyTo = s.string("reply_to");
        replyTo.filter(v -> !EMAIL.matcher(v.strip()).matches())
                .ifPresent(v -> s.problems().add(s.locationOf("reply_to"), "reply_to '" + v + "' is not an email address"));
        s.rejectUnknown();
        if (name == null || email == null) return null;
        return new Sender(name, email.strip(), company, address, replyTo);
    }

    private static Map<String, TransportConfig> transports(MapReader t, Problems problems) {
        Map<String, TransportConfig> out = new LinkedHashMap<>();
        out.put("outbox", new TransportConfig.Outbox("outbox", "outbox"));
        if (t == null) return out;
        for (YNode.Entry e : t.node().entries().values()) {
            t.allow(e.key());
            MapReader m = MapReader.of(e.value(), problems, "transport '" + e.key() + "'");
            if (m == null) continue;
            String type = m.string("type").orElse(e.key());
            TransportConfig c;
            switch (type) {
                case "outbox" -> c = new TransportConfig.Outbox(e.key(), m.string("dir").orElse("outbox"));
                case "smtp" -> {
                    String host = m.requiredString("host");
                    boolean tls = m.bool("tls").orElse(false);
                    int port = m.integer("port", 1, 65535).orElse(tls ? 465 : 587);
                    boolean starttls = m.bool("starttls").orElse(!tls);
                    Optional<String> passwordEnv = envName(m, "password_env");
                    if (m.has("password")) {
                        problems.add(m.locationOf("password"),
                                "passwords never go in cadence.yaml; put it in an environment variable and name it with password_env");
                    }
                    c = new TransportConfig.Smtp(e.key(), host == null ? "" : host, port, starttls, tls,
                            m.string("username"), passwordEnv, m.integer("daily_limit", 1, 10_000_000),
                            m.integer("per_minute", 1, 1_000_000), timeout(m));
                }
                case "webhook" -> {
                    String url = m.requiredString("url");
                    if (url != null && !url.matches("https?://\\S+")) {
                        problems.add(m.locationOf("url"), "webhook url must start with http:// or https://");
                    }
                    if (m.has("token")) {
                        problems.add(m.locationOf("token"),
                                "tokens never go in cadence.yaml; put it in an environment variable and name it with token_env");
                    }
                    c = new TransportConfig.Webhook(e.key(), url == null ? "" : url, envName(m, "token_env"), timeout(m));
                }
                default -> {
                    problems.add(m.has("type") ? m.locationOf("type") : e.keyLocation(), "unknown transport type '" + type
                            + "'; use outbox, smtp or webhook (as the entry name or with type:)");
                    continue;
                }
            }
            m.rejectUnknown();
            out.put(e.key(), c);
        }
        return out;
    }

    private static Optional<String> envName(MapReader m, String key) {
        Optional<String> v = m.string(key);
        if (v.isPresent() && !ENV_NAME.matcher(v.get()).matches()) {
            m.problems().add(m.locationOf(key), "'" + key + "' must be the name of an environment variable, like CADENCE_SMTP_PASSWORD");
            return Optional.empty();
        }
        return v;
    }

    private static Duration timeout(MapReader m) {
        return m.parsed("timeout", ConfigLoader::fixedDuration).orElse(Duration.ofSeconds(30));
    }

    static Duration fixedDuration(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+\\s*s(ec(onds?)?)?")) return Duration.ofSeconds(Long.parseLong(t.replaceAll("\\D", "")));
        Span span = Span.parse(s);
        if (span.isBusinessDays()) throw new IllegalArgumentException("business days are not allowed here; use hours or days");
        return span.toDuration();
    }

    private static Caps caps(MapReader c) {
        if (c == null) return Caps.NONE;
        Optional<Duration> minGap = c.parsed("min_gap", ConfigLoader::fixedDuration);
        Optional<Integer> perWeek = c.integer("per_week", 1, 1000);
        c.rejectUnknown();
        return new Caps(minGap, perWeek);
    }

    private static Unsubscribe unsubscribe(MapReader u) {
        if (u == null) return null;
        Optional<String> mailto = u.string("mailto");
        mailto.filter(v -> !EMAIL.matcher(v.strip()).matches())
                .ifPresent(v -> u.problems().add(u.locationOf("mailto"), "unsubscribe mailto '" + v + "' is not an email address"));
        Optional<String> url = u.string("url");
        url.filter(v -> !v.matches("https?://\\S+"))
                .ifPresent(v -> u.problems().add(u.locationOf("url"), "unsubscribe url must start with http:// or https://"));
        u.rejectUnknown();
        return new Unsubscribe(mailto, url);
    }

    private static List<StageDef> stages(MapReader r, Problems problems) {
        List<StageDef> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YNode n : r.list("stages", false)) {
            StageDef def = null;
            if (n instanceof YNode.YScalar s && !s.isNull()) {
                def = new StageDef(s.text().strip(), Requirements.NONE);
            } else {
                MapReader m = MapReader.of(n, problems, "stage");
                if (m == null) continue;
                String name = m.requiredString("name");
                MapReader q = m.map("requires");
                Requirements req = Requirements.NONE;
                if (q != null) {
                    req = new Requirements(q.integer("attempts", 0, 1000).orElse(0), q.integer("channels", 0, Channel.values().length).orElse(0),
                            q.bool("note").orElse(false), q.integer("days_since_first", 0, 10_000).orElse(0));
                    q.rejectUnknown();
                }
                m.rejectUnknown();
                if (name != null) def = new StageDef(name.strip(), req);
            }
            if (def == null) continue;
            if (!def.name().matches("[a-z0-9][a-z0-9_-]*")) {
                problems.add(n.location(), "stage name '" + def.name() + "' must be lower-case letters, digits, - or _");
            } else if (!seen.add(def.name())) {
                problems.add(n.location(), "stage '" + def.name() + "' is listed twice");
            } else {
                out.add(def);
            }
        }
        if (out.isEmpty() && problems.isEmpty()) problems.add(r.locationOf("stages"), "'stages' must list at least one stage");
        return out;
    }

    private static Silence silence(MapReader s) {
        if (s == null) return null;
        Optional<Span> after = s.parsed("after", Span::parse);
        Optional<String> enroll = s.string("enroll");
        Optional<String> action = s.string("action");
        action.filter(a -> !a.equals("flag") && !a.equals("enroll"))
                .ifPresent(a -> s.problems().add(s.locationOf("action"), "silence action must be flag or enroll, found '" + a + "'"));
        if (!s.has("after")) s.problems().add(s.location(), "'silence' needs 'after', e.g. after: 10 days");
        if (enroll.isEmpty() && action.filter("flag"::equals).isEmpty()) {
            s.problems().add(s.location(), "'silence' needs either 'enroll: SEQUENCE' or 'action: flag'");
        }
        s.rejectUnknown();
        Location at = s.has("enroll") ? s.locationOf("enroll") : s.location();
        return after.map(a -> new Silence(a, enroll, enroll.isEmpty(), at)).orElse(null);
    }

    /**
     * {@code on_event: { purchased: { enroll: post-purchase } }}: keys are event types; optout
     * and bounce are refused (a suppressed address is never enrolled).
     */
    private static Map<EventType, OnEvent> onEvent(MapReader m, Problems problems) {
        Map<EventType, OnEvent> out = new EnumMap<>(EventType.class);
        if (m == null) return out;
        for (YNode.Entry e : m.node().entries().values()) {
            m.allow(e.key());
            EventType type;
            try {
                type = EventType.parse(e.key());
            } catch (IllegalArgumentException x) {
                String close = dev.cadence.yaml.Suggest.closest(e.key(),
                        java.util.Arrays.stream(EventType.values()).map(EventType::id).toList());
                problems.add(e.keyLocation(), "on_event: " + (close == null ? x.getMessage()
                        : "unknown event '" + e.key() + "'; did you mean '" + close + "'?"));
                continue;
            }
            if (type == EventType.OPTOUT || type == EventType.BOUNCE) {
                problems.add(e.keyLocation(), "on_event: " + type.id() + " suppresses the address for good;"
                        + " it cannot enroll the contact anywhere");
                continue;
            }
            MapReader a = MapReader.of(e.value(), problems, "on_event." + e.key());
            if (a == null) continue;
            String enroll = a.requiredString("enroll");
            a.rejectUnknown();
            if (enroll != null) out.put(type, new OnEvent(type, enroll.strip(), a.locationOf("enroll")));
        }
        return out;
    }

    private static Priority priority(MapReader p) {
        if (p == null) return Priority.DEFAULT;
        Duration half = p.parsed("half_life", ConfigLoader::fixedDuration).orElse(Priority.DEFAULT.halfLife());
        p.rejectUnknown();
        return new Priority(half);
    }
}
