package dev.cadence.agenda;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Note;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.render.RenderContext;
import dev.cadence.render.RenderFailure;
import dev.cadence.render.RenderResult;
import dev.cadence.render.Rendered;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Variant;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one step says to one contact: the template (the variant's, else the step's), rendered
 * strictly with the enrollment's last touch as {@code previous} and its first email's subject for
 * threaded steps. A step without a template (a LinkedIn task, say) says its purpose. Never
 * throws: a failure is the item's {@link RenderFailure}.
 */
public final class TouchContent {
    private final WorkspaceConfig config;
    private final Renderer renderer;
    private final UnsubscribeToken tokens;

    public TouchContent(WorkspaceConfig config, Renderer renderer, UnsubscribeToken tokens) {
        this.config = config;
        this.renderer = renderer;
        this.tokens = tokens;
    }

    /** The template a step uses for a variant (empty when the step has none). */
    public static Optional<String> template(Step step, Optional<String> variant) {
        if (variant.isPresent()) {
            for (Variant v : step.variants()) if (v.id().equals(variant.get())) return Optional.of(v.template());
        }
        if (step.template().isPresent()) return step.template();
        return step.variants().isEmpty() ? Optional.empty() : Optional.of(step.variants().get(0).template());
    }

    /** The enrollment's last touch actually done (sent, or logged), or null. */
    public static Touch previous(List<Touch> enrollmentTouches) {
        Touch best = null;
        for (Touch t : enrollmentTouches) {
            if (t.status() != TouchStatus.SENT && t.status() != TouchStatus.DONE) continue;
            if (best == null || LATEST.compare(t, best) > 0) best = t; // the first of equals, as Stream.max
        }
        return best;
    }

    private static final Comparator<Touch> LATEST = Comparator.comparing((Touch t) -> t.at() != null ? t.at() : t.createdAt(),
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingLong(Touch::id);
    private static final Comparator<Touch> EARLIEST = Comparator.comparing((Touch t) -> t.at() != null ? t.at() : t.createdAt(),
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparingLong(Touch::id);

    /** The subject of the enrollment's first email sent, for {@code thread: true}. */
    public static Optional<String> firstEmailSubject(List<Touch> enrollmentTouches) {
        Touch first = null;
        for (Touch t : enrollmentTouches) {
            if (t.channel() != Channel.EMAIL || t.subject() == null || t.subject().isBlank()
                    || (t.status() != TouchStatus.SENT && t.status() != TouchStatus.DONE)) continue;
            if (first == null || EARLIEST.compare(t, first) < 0) first = t; // the first of equals, as Stream.min
        }
        return first == null ? Optional.empty() : Optional.of(first.subject());
    }

    /** Renders {@code step} for {@code contact}; without a template, the purpose is the body. */
    public RenderResult render(Contact contact, Sequence seq, Step step, Optional<String> variant,
                               List<Touch> enrollmentTouches, List<Note> notes, Instant now) {
        return render(contact, seq, step, variant, enrollmentTouches, notes, now, true);
    }

    /**
     * {@link #render(Contact, Sequence, Step, Optional, List, List, Instant)}; with {@code body}
     * false the text body may be left out (null) where rendering it cannot change the result
     * ({@link Renderer#render(Step, String, RenderContext, Optional, boolean)}).
     */
    public RenderResult render(Contact contact, Sequence seq, Step step, Optional<String> variant,
                               List<Touch> enrollmentTouches, List<Note> notes, Instant now, boolean body) {
        Optional<String> template = template(step, variant);
        if (template.isEmpty()) return new Rendered(Optional.empty(), step.purpose(), Optional.empty());
        try {
            RenderContext ctx = RenderContext.of(config, contact, seq, step, previous(enrollmentTouches), notes, tokens, now);
            return renderer.render(step, template.get(), ctx, firstEmailSubject(enrollmentTouches), body);
        } catch (RuntimeException e) {
            return new RenderFailure("cannot render " + template.get() + " for " + contact.email() + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), Optional.empty(), template.get(),
                    dev.cadence.yaml.Location.ofFile(renderer.templatesDir().resolve(template.get())));
        }
    }
}
