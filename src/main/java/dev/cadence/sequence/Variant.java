package dev.cadence.sequence;

import dev.cadence.yaml.Location;

/** One A/B variant of a step; {@code location} is where its template is named. */
public record Variant(String id, String template, Location location) {}
