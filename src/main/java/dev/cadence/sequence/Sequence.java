package dev.cadence.sequence;

import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Window;
import dev.cadence.yaml.Location;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sequence file of {@code sequences/} (design §4). Defaults: {@code exclusive: true},
 * {@code reenroll: never}, {@code stop_on: [reply, optout, bounce, meeting]}; {@code window}
 * empty means the workspace's window.
 */
public record Sequence(
        String name,
        String description,
        Optional<Window> window,
        boolean exclusive,
        Reenroll reenroll,
        Set<EventType> stopOn,
        Optional<String> onCompleteEnroll,
        Map<String, String> defaults,
        List<Step> steps,
        Path file,
        Location location) {

    public static final Set<EventType> DEFAULT_STOP_ON =
            Set.copyOf(EnumSet.of(EventType.REPLY, EventType.OPTOUT, EventType.BOUNCE, EventType.MEETING));

    public Sequence {
        stopOn = Set.copyOf(stopOn.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(stopOn));
        defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        steps = List.copyOf(steps);
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** stop_on in the order of {@link EventType}, for display. */
    public List<EventType> stopOnOrdered() {
        return stopOn.stream().sorted().toList();
    }

    /** Channels used, in order of first use. */
    public Set<Channel> channels() {
        Set<Channel> out = new LinkedHashSet<>();
        for (Step s : steps) out.add(s.channel());
        return out;
    }

    public long automaticSteps() {
        return steps.stream().filter(Step::automatic).count();
    }

    public long manualSteps() {
        return steps.size() - automaticSteps();
    }

    /** The highest {@code day:} of its steps (the plan's length in calendar days; 0 when no step has a day). */
    public int spanDays() {
        return steps.stream().map(Step::timing).filter(t -> t instanceof Timing.Day)
                .mapToInt(t -> ((Timing.Day) t).n()).max().orElse(0);
    }

    /** Every template path used by its steps, without duplicates. */
    public Set<String> templates() {
        Set<String> out = new LinkedHashSet<>();
        for (Step s : steps) out.addAll(s.templates());
        return out;
    }
}
