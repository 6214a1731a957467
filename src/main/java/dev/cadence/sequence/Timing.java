package dev.cadence.sequence;

import dev.cadence.model.Span;

/** When a step is due: on a calendar day of the enrollment, or some time after the previous touch (design §4). */
public sealed interface Timing permits Timing.Day, Timing.After {

    /** What the user wrote, e.g. {@code day 3} or {@code after 2 business days}. */
    String describe();

    /** {@code day: N}: calendar day N of the enrollment; day 1 is the start date. */
    record Day(int n) implements Timing {
        public Day {
            if (n < 1) throw new IllegalArgumentException("day must be 1 or more, found " + n);
        }

        @Override
        public String describe() {
            return "day " + n;
        }
    }

    /** {@code after: SPAN}: relative to the previous touch actually done. */
    record After(Span span) implements Timing {
        @Override
        public String describe() {
            return "after " + span;
        }
    }
}
