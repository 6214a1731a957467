package dev.cadence.render;

import java.util.Optional;

/**
 * A rendered item: the subject (trimmed, header-safe; absent for a template without one, such as
 * a call script), the plain-text body (never HTML-escaped) and the HTML body when the template's
 * front matter names an {@code html:} part (escaped).
 */
public record Rendered(Optional<String> subject, String textBody, Optional<String> htmlBody) implements RenderResult {
}
