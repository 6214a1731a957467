package dev.cadence.schedule;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.sequence.Condition;
import dev.cadence.sequence.Step;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a step's {@code if:} / {@code unless:} (design §4) against a contact, the touches
 * of the enrollment and the contact's events. Pure.
 *
 * <ul>
 *   <li>{@code has}: every field is present and not blank; contact fields by their template
 *       names ({@code first_name}, {@code phone}, ...), else custom fields.</li>
 *   <li>{@code field}: the field equals the value, ignoring case and surrounding blanks.</li>
 *   <li>{@code sent}: touches of this enrollment actually done ({@code sent} or {@code done}),
 *       on the channel when one is given.</li>
 *   <li>{@code outcome}: touches of this enrollment on the channel, done, whose outcome is the
 *       value (ignoring case).</li>
 *   <li>{@code event}: the contact's events of that type since the enrollment started (an
 *       open from last year's campaign says nothing about this one).</li>
 * </ul>
 */
public final class Conditions {

    /** What a condition is checked against. */
    public record Facts(Contact contact, List<Touch> enrollmentTouches, List<Event> events, Instant enrollmentStart) {
        public Facts {
            enrollmentTouches = List.copyOf(enrollmentTouches);
            events = List.copyOf(events);
        }
    }

    private Conditions() {
    }

    /** Why the step does not apply (its {@code if:} fails or its {@code unless:} holds), or empty when it applies. */
    public static Optional<String> whyNot(Step step, Facts facts) {
        for (Condition c : step.when()) {
            Optional<String> miss = miss(c, facts);
            if (miss.isPresent()) return Optional.of("condition not met: if " + c.describe() + " (" + miss.get() + ")");
        }
        for (Condition c : step.unless()) {
            if (miss(c, facts).isEmpty()) {
                return Optional.of("unless " + c.describe() + " holds (" + found(c, facts) + ")");
            }
        }
        return Optional.empty();
    }

    /** True when {@code c} holds. */
    public static boolean holds(Condition c, Facts facts) {
        return miss(c, facts).isEmpty();
    }

    /** Empty when {@code c} holds, else what is missing, in words. */
    private static Optional<String> miss(Condition c, Facts f) {
        if (c instanceof Condition.Has has) {
            for (String field : has.fields()) {
                String v = field(f.contact(), field);
                if (v == null || v.isBlank()) return Optional.of(field + " is empty");
            }
            return Optional.empty();
        }
        if (c instanceof Condition.FieldIs is) {
            String v = field(f.contact(), is.field());
            if (v != null && v.strip().equalsIgnoreCase(is.value().strip())) return Optional.empty();
            return Optional.of(is.field() + (v == null || v.isBlank() ? " is empty" : " is " + v.strip()));
        }
        long n = count(c, f);
        long min;
        if (c instanceof Condition.Sent s) min = s.min();
        else if (c instanceof Condition.Outcome o) min = o.min();
        else if (c instanceof Condition.Event e) min = e.min();
        else throw new IllegalStateException("unknown condition " + c);
        return n >= min ? Optional.empty() : Optional.of(n + " found");
    }

    private static String found(Condition c, Facts f) {
        if (c instanceof Condition.Has has) return String.join(", ", has.fields()) + " present";
        if (c instanceof Condition.FieldIs is) return is.field() + " is " + field(f.contact(), is.field()).strip();
        return count(c, f) + " found";
    }

    private static long count(Condition c, Facts f) {
        if (c instanceof Condition.Sent s) {
            return f.enrollmentTouches().stream().filter(Conditions::done)
                    .filter(t -> s.channel().isEmpty() || t.channel() == s.channel().get()).count();
        }
        if (c instanceof Condition.Outcome o) {
            return f.enrollmentTouches().stream().filter(Conditions::done).filter(t -> t.channel() == o.channel())
                    .filter(t -> t.outcome() != null && t.outcome().strip().equalsIgnoreCase(o.is().strip())).count();
        }
        if (c instanceof Condition.Event e) {
            return f.events().stream().filter(ev -> ev.type() == e.type())
                    .filter(ev -> !ev.at().isBefore(f.enrollmentStart())).count();
        }
        throw new IllegalStateException("not a counting condition: " + c);
    }

    private static boolean done(Touch t) {
        return t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE;
    }

    /** A contact field by its template name, or a custom field; null when absent. */
    public static String field(Contact c, String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "email" -> c.email();
            case "first_name" -> c.firstName();
            case "last_name" -> c.lastName();
            case "name" -> c.displayName().equals(c.email()) ? null : c.displayName();
            case "company" -> c.company();
            case "title" -> c.title();
            case "phone" -> c.phone() != null && !c.phone().isBlank() ? c.phone() : c.phoneE164();
            case "linkedin" -> c.linkedin();
            case "timezone" -> c.timezone();
            case "owner" -> c.owner();
            case "stage" -> c.stage();
            default -> custom(c, name);
        };
    }

    private static String custom(Contact c, String name) {
        String v = c.custom().get(name);
        if (v != null) return v;
        for (var e : c.custom().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name.strip())) return e.getValue();
        }
        return null;
    }
}
