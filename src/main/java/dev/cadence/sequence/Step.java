package dev.cadence.sequence;

import dev.cadence.model.Channel;
import dev.cadence.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One planned touch of a sequence (design §4). {@code when} is the YAML {@code if:} (all must hold),
 * {@code unless} the conditions that skip the step. A step has either one {@code template} or
 * two or more {@code variants}. {@code location} is the step's mapping; {@code templateLocation}
 * where {@code template:} is written (the step's location when absent).
 */
public record Step(
        String id,
        Timing timing,
        Optional<Repeat> repeat,
        Channel channel,
        boolean manual,
        String purpose,
        Optional<String> template,
        boolean thread,
        List<Condition> when,
        List<Condition> unless,
        List<Variant> variants,
        Location location,
        Location templateLocation) {

    public Step {
        when = List.copyOf(when);
        unless = List.copyOf(unless);
        variants = List.copyOf(variants);
    }

    /** Sent by {@code run} through a transport: an email/sms/webhook step not marked manual. */
    public boolean automatic() {
        return channel.canBeAutomatic() && !manual;
    }

    /** Every template this step can use: its template, or each variant's. */
    public List<String> templates() {
        List<String> out = new ArrayList<>();
        template.ifPresent(out::add);
        for (Variant v : variants) out.add(v.template());
        return out;
    }

    /** True when the step has conditions. */
    public boolean conditional() {
        return !when.isEmpty() || !unless.isEmpty();
    }
}
