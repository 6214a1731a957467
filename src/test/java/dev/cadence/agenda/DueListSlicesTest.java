package dev.cadence.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.cli.Cli;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DueList} reads the due enrollments a slice at a time and renders each slice on another
 * thread while it reads the next: the items (rank, content, history, errors), their order and the
 * problems are those of a single slice read and rendered on one thread — with contacts enrolled
 * twice (their enrollments in different slices), two weeks of history (touches, replies,
 * meetings, notes), a sequence that is not defined, bodies that fail for some contacts, and
 * enrollments whose due step is skipped by the listing itself, which moves them to a later page.
 */
class DueListSlicesTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void slicesChangeNothing() throws Exception {
        Path dir = tmp.resolve("w");
        Cli.Result init = Cli.in(tmp).run("--as-of", NOW.toString(), "init", "--example", dir.toString());
        assertThat(init.code()).as(init.toString()).isZero();
        // a body that fails for contacts without a LinkedIn address
        Files.writeString(dir.resolve("templates/cold/value.mustache"), "\nSee {{linkedin}}\n",
                java.nio.file.StandardOpenOption.APPEND);
        // a call for contacts with a phone (none here has one), then a task the next day: a listing
        // that finds the call due records its skip and meets the enrollment again at the task
        Files.writeString(dir.resolve("sequences/skipper.yaml"), String.join("\n",
                "name: skipper", "description: A call for those with a phone, then a task.", "window: \"08:30-17:00\"", "steps:",
                "  - id: call", "    day: 1", "    channel: call", "    if: { has: [phone] }", "    purpose: Call them.",
                "  - id: task", "    day: 2", "    channel: task", "    purpose: Follow up.", ""));
        Problems problems = new Problems();
        Workspace ws = new Workspace(dir, ConfigLoader.load(dir.resolve("cadence.yaml"), problems));
        SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
        assertThat(problems.asList()).isEmpty();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + dir.resolve("cadence.db"), clock)) {
            LocalDate today = LocalDate.of(2026, 3, 10);
            // one transaction: thousands of rows, not thousands of commits
            ledger.inTransaction(() -> {
                for (int n = 0; n < 1_100; n++) {
                    Contact c = ledger.contacts().insert(Contact.builder("p" + n + "@slices.example")
                            .firstName("P" + n).lastName("Q").company("Co " + (n % 37)).title("Head of Sales")
                            .timezone(n % 3 == 0 ? "Europe/Berlin" : "America/New_York").owner("rep" + (n % 4))
                            .linkedin(n % 5 == 0 ? null : "https://www.linkedin.com/in/p" + n).build());
                    ledger.enrollments().enroll(c.id(), "cold-outbound", today.minusDays(n % 14));
                    if (n % 6 == 0) ledger.enrollments().enroll(c.id(), "multichannel", today.minusDays(n % 9));
                    if (n == 7) ledger.enrollments().enroll(c.id(), "gone-since", today);
                }
                ExampleHistory.replay(ws, ledger, Clock.fixed(NOW, ZoneOffset.UTC), 14);
            });
            // enrolled in skipper this morning and scheduled at 05:00 UTC, when the call (08:30 in Berlin) was ahead
            ledger.inTransaction(() -> {
                for (Contact c : ledger.contacts().list(dev.cadence.ledger.ContactFilter.ALL)) {
                    if ("Europe/Berlin".equals(c.timezone()) && c.id() % 4 == 0) ledger.enrollments().enroll(c.id(), "skipper", today);
                }
            });
            Clock early = Clock.fixed(Instant.parse("2026-03-10T05:00:00Z"), ZoneOffset.UTC);
            new DueList(ws, ledger, library, early).list(DueList.endOfDay(early, ws.config().timezone(), 0), DueList.Filter.ALL);

        }
        // each variant on its own copy of the ledger: the first listing records the skips of steps
        // whose condition fails now (and moves those enrollments on), each must do so itself
        Instant upTo = DueList.endOfDay(clock, ws.config().timezone(), 2);
        DueList.Result one = list(ws, library, clock, dir, "one", Integer.MAX_VALUE, upTo);
        DueList.Result sliced = list(ws, library, clock, dir, "sliced", 97, upTo);
        DueList.Result bySize = list(ws, library, clock, dir, "default", 0, upTo);

        assertThat(one.items()).hasSizeGreaterThan(1_000);
        assertThat(one.items()).anySatisfy(i -> assertThat(i.error()).isPresent());
        assertThat(one.items()).anySatisfy(i -> assertThat(i.lastTouch()).isPresent());
        assertThat(one.items()).anySatisfy(i -> assertThat(i.lastNote()).isPresent());
        Set<Long> twice = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        for (DueItem i : one.items()) if (!seen.add(i.contact().id())) twice.add(i.contact().id());
        assertThat(twice).as("contacts with two items").isNotEmpty();
        assertThat(one.problems()).anySatisfy(p -> assertThat(p).contains("gone-since"));
        assertThat(skipsRecorded).as("skips recorded by each listing").allSatisfy(n -> assertThat(n).isPositive());
        assertThat(one.items()).as("skipper enrollments met again at their task")
                .anySatisfy(i -> assertThat(i.sequence() + "/" + i.step()).isEqualTo("skipper/task"));
        assertThat(one.items()).filteredOn(i -> i.contact().phone() == null)
                .noneSatisfy(i -> assertThat(i.sequence() + "/" + i.step()).isEqualTo("skipper/call"));

        for (DueList.Result r : List.of(sliced, bySize)) {
            assertThat(r.items()).containsExactlyElementsOf(one.items());
            assertThat(r.problems()).containsExactlyElementsOf(one.problems());
        }
    }

    private final List<Long> skipsRecorded = new java.util.ArrayList<>();

    /** Lists on a copy of the ledger, reading {@code page} enrollments at a time (0: the default). */
    private DueList.Result list(Workspace ws, SequenceLibrary library, Clock clock, Path dir, String name, int page, Instant upTo)
            throws java.io.IOException {
        Path copy = tmp.resolve(name + ".db");
        Files.copy(dir.resolve("cadence.db"), copy);
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + copy, clock)) {
            String skipped = "SELECT COUNT(*) FROM touches WHERE status = 'skipped'";
            long before = ledger.jdbc().queryLong(skipped);
            DueList list = new DueList(ws, ledger, library, clock);
            if (page > 0) list.slice(page);
            DueList.Result r = list.list(upTo, DueList.Filter.ALL);
            skipsRecorded.add(ledger.jdbc().queryLong(skipped) - before);
            return r;
        }
    }
}
