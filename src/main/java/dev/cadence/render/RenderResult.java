package dev.cadence.render;

/** What rendering one item gave: {@link Rendered} or {@link RenderFailure}. */
public sealed interface RenderResult permits Rendered, RenderFailure {
}
