package dev.cadence.workspace;

import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.model.Window;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code cadence.yaml} (design §3) as records. Every key has a default; only {@code sender} is needed to send. */
public record WorkspaceConfig(
        Path file,
        ZoneId timezone,
        Set<DayOfWeek> businessDays,
        Window window,
        Holidays holidays,
        Optional<Sender> sender,
        String transport,
        Map<String, TransportConfig> transports,
        Caps caps,
        Optional<Unsubscribe> unsubscribe,
        List<StageDef> stages,
        Optional<Silence> silence,
        Priority priority,
        List<String> customFields,
        Map<EventType, OnEvent> onEvent) {

    public static final List<StageDef> DEFAULT_STAGES = List.of(
            new StageDef("new", Requirements.NONE),
            new StageDef("contacted", Requirements.NONE),
            new StageDef("qualified", Requirements.NONE),
            new StageDef("customer", Requirements.NONE),
            new StageDef("lost", Requirements.NONE));

    public WorkspaceConfig {
        businessDays = Set.copyOf(businessDays);
        transports = new LinkedHashMap<>(transports);
        stages = List.copyOf(stages);
        customFields = List.copyOf(customFields);
        onEvent = onEvent.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(onEvent));
    }

    /** Without {@code on_event} rules. */
    public WorkspaceConfig(Path file, ZoneId timezone, Set<DayOfWeek> businessDays, Window window, Holidays holidays,
                           Optional<Sender> sender, String transport, Map<String, TransportConfig> transports,
                           Caps caps, Optional<Unsubscribe> unsubscribe, List<StageDef> stages,
                           Optional<Silence> silence, Priority priority, List<String> customFields) {
        this(file, timezone, businessDays, window, holidays, sender, transport, transports, caps, unsubscribe, stages,
                silence, priority, customFields, Map.of());
    }

    /** The configuration of a {@code cadence.yaml} that sets nothing. */
    public static WorkspaceConfig defaults(Path file) {
        return new WorkspaceConfig(file, ZoneOffset.UTC,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Window.DEFAULT,
                Holidays.NONE, Optional.empty(), "outbox",
                Map.of("outbox", new TransportConfig.Outbox("outbox", "outbox")),
                Caps.NONE, Optional.empty(), DEFAULT_STAGES, Optional.empty(), Priority.DEFAULT, List.of());
    }

    public Optional<StageDef> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public record Holidays(Optional<String> country, List<LocalDate> extra) {
        public static final Holidays NONE = new Holidays(Optional.empty(), List.of());

        public Holidays {
            extra = List.copyOf(extra);
        }
    }

    public record Sender(String name, String email, Optional<String> company, Optional<String> address,
                         Optional<String> replyTo) {}

    /** Per-contact caps across all sequences; empty means no cap. */
    public record Caps(Optional<Duration> minGap, Optional<Integer> perWeek) {
        public static final Caps NONE = new Caps(Optional.empty(), Optional.empty());
    }

    public record Unsubscribe(Optional<String> mailto, Optional<String> url) {}

    /** What moving a contact into a stage requires (issue: stage gates). */
    public record Requirements(int attempts, int channels, boolean note, int daysSinceFirst) {
        public static final Requirements NONE = new Requirements(0, 0, false, 0);

        public boolean isNone() {
            return equals(NONE);
        }
    }

    public record StageDef(String name, Requirements requires) {}

    /** What to do with a contact silent for {@code after}: enroll it in a sequence, or flag it. */
    public record Silence(Span after, Optional<String> enroll, boolean flag, dev.cadence.yaml.Location location) {}

    /**
     * {@code on_event: { purchased: { enroll: post-purchase } }}: when an event of this type is
     * recorded, the contact is enrolled in {@code enroll} (after the stop rules were applied).
     * {@code location} is where {@code enroll:} is written, for validation messages.
     */
    public record OnEvent(EventType event, String enroll, dev.cadence.yaml.Location location) {}

    /** Ordering of {@code due}: heat decays with silence with this half-life. */
    public record Priority(Duration halfLife) {
        public static final Priority DEFAULT = new Priority(Duration.ofDays(7));
    }
}
