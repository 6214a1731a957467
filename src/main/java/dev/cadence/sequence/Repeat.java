package dev.cadence.sequence;

import dev.cadence.model.Span;
import java.util.Optional;

/** {@code repeat: { every: 90 days, times: 4 }}: the step recurs; without {@code times} it recurs until the enrollment ends. */
public record Repeat(Span every, Optional<Integer> times) {

    public String describe() {
        return "every " + every + times.map(t -> ", " + t + (t == 1 ? " time" : " times")).orElse("");
    }
}
