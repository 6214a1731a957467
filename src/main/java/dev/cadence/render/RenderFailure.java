package dev.cadence.render;

import dev.cadence.yaml.Location;
import java.util.Optional;

/**
 * Why one item could not be rendered. {@code message} is complete on its own (variable,
 * {@code template:line}, contact). {@code variable} is the missing or blank variable when that
 * is the reason; {@code template} the template rendered (relative to {@code templates/});
 * {@code location} where the problem is: the tag (in a partial when the tag is there), the
 * front matter, or the template file.
 */
public record RenderFailure(String message, Optional<String> variable, String template, Location location)
        implements RenderResult {
}
