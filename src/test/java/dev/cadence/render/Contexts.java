package dev.cadence.render;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Note;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Contacts, contexts and the built-in library for render tests and the render benchmark. */
public final class Contexts {
    private Contexts() {}

    public static final Path LIBRARY = Path.of("sequences");
    public static final Path BUILTIN_TEMPLATES = LIBRARY.resolve("templates");
    /** Tuesday 3 March 2026, 14:00 UTC (09:00 in New York). */
    public static final Instant NOW = Instant.parse("2026-03-03T14:00:00Z");
    public static final ZoneId WORKSPACE_ZONE = ZoneId.of("Europe/London");

    public static final WorkspaceConfig.Sender FULL_SENDER = new WorkspaceConfig.Sender("Dana Seller", "dana@vendor.example",
            Optional.of("Vendor & Sons"), Optional.of("1 Main St, Springfield"), Optional.of("replies@vendor.example"));
    public static final WorkspaceConfig.Sender BARE_SENDER = new WorkspaceConfig.Sender("Dana Seller", "dana@vendor.example",
            Optional.empty(), Optional.empty(), Optional.empty());

    public static Contact full() {
        return Contact.builder("ann.obrien@client.example").firstName("Ann").lastName("O'Brien").company("O'Brien & Co")
                .title("Head of Sales").phone("+1 212 555 0100").linkedin("https://www.linkedin.com/in/ann-obrien")
                .timezone("America/New_York").owner("dana").stage("contacted")
                .custom("industry", "logistics").custom("problem", "stalled renewals").build();
    }

    public static Contact bare() {
        return Contact.builder("bare@client.example").build();
    }

    /** The enrollment's last touch: a call done on Friday 27 February 2026 (New York). */
    public static Touch previousCall() {
        return new Touch(7, 1L, 1, "cold-outbound", "call", 1, Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE,
                "no-answer", "left a voicemail", null, null, null, null, null, 0, null,
                Instant.parse("2026-02-27T20:30:00Z"), null);
    }

    public static List<Note> notes() {
        return List.of(new Note(1, 1, "Met at the Chicago trade show.", "dana", Instant.parse("2026-02-01T10:00:00Z")),
                new Note(2, 1, "I saw you're hiring three account executives in Austin.", "dana",
                        Instant.parse("2026-02-20T10:00:00Z")));
    }

    /** Full context: every part present. */
    public static RenderContext full(Sequence sequence, Step step) {
        return RenderContext.builder(full(), WORKSPACE_ZONE, NOW).sender(Optional.of(FULL_SENDER))
                .unsubscribe(Optional.of("https://vendor.example/unsubscribe?t={{token}}"), UnsubscribeToken.withSecret("s3cret"))
                .sequence(sequence).step(step).previous(previousCall()).notes(notes()).build();
    }

    /** Bare context: the contact has an email only; sender name and email only; no history. */
    public static RenderContext bare(Sequence sequence, Step step) {
        return RenderContext.builder(bare(), WORKSPACE_ZONE, NOW).sender(Optional.of(BARE_SENDER))
                .sequence(sequence).step(step).build();
    }

    /** A template of the built-in library with the sequence and step that use it. */
    public record Use(String template, Sequence sequence, Step step) {}

    /** Every (template, sequence, step) of the built-in library, in file order. */
    public static List<Use> builtinUses() {
        List<Use> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Problems problems = new Problems();
                Sequence s = SequenceLoader.load(f, problems);
                if (!problems.isEmpty()) throw new IllegalStateException(problems.toString());
                for (Step step : s.steps()) for (String t : step.templates()) out.add(new Use(t, s, step));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

}
