package dev.cadence.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
import dev.cadence.model.EventType;
import dev.cadence.sequence.Fixture;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes.recordEvents, the bulk entry the events import calls, on a real SQLite ledger. */
class OutcomesTest {
    @TempDir
    Path tmp;
    Ledger ledger;
    Outcomes outcomes;
    Workspace workspace;
    SequenceLibrary library;
    final Clock clock = Clock.fixed(Instant.parse("2026-03-06T14:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "cadence.yaml", Fixture.CONFIG + "on_event: { clicked: { enroll: nurture } }\n");
        Problems p = new Problems();
        workspace = new Workspace(ws, ConfigLoader.load(ws.resolve("cadence.yaml"), p));
        library = SequenceLoader.loadAll(workspace, p);
        assertThat(p.asList()).isEmpty();
        ledger = Ledger.open("jdbc:sqlite:" + tmp.resolve("l.db"), Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"),
                ZoneOffset.UTC));
        ledger.contacts().insert(Contact.builder("ann@example.com").build());
        ledger.contacts().insert(Contact.builder("bob@example.com").build());
        ledger.enrollments().enroll(2, "outbound", LocalDate.of(2026, 3, 2));
        ledger.close();
        ledger = Ledger.open("jdbc:sqlite:" + tmp.resolve("l.db"), clock);
        outcomes = new Outcomes(ledger, library, workspace.config(), clock);
    }

    @Test
    void eachEventIsRecordedWithItsConsequencesOrRejectedWithItsReason() {
        List<Outcomes.NewEvent> in = List.of(
                new Outcomes.NewEvent("ann@example.com", EventType.OPENED, Instant.parse("2026-03-03T10:00:00Z"), null),
                new Outcomes.NewEvent("ANN@example.com", EventType.CLICKED, Instant.parse("2026-03-03T10:05:00Z"), "pricing"),
                new Outcomes.NewEvent("carol@example.com", EventType.OPENED, Instant.parse("2026-03-03T10:00:00Z"), null),
                new Outcomes.NewEvent("2", EventType.BOUNCE, Instant.parse("2026-03-04T09:00:00Z"), null),
                new Outcomes.NewEvent("bob@example.com", EventType.REPLY, Instant.parse("2026-03-09T09:00:00Z"), null),
                new Outcomes.NewEvent("bob@example.com", EventType.REPLY, Instant.parse("2026-03-05T09:00:00Z"), "a\u0007"));
        List<Outcomes.EventResult> seen = new ArrayList<>();

        Outcomes.Summary s = outcomes.recordEvents(in, "import", seen::add);

        assertThat(s).isEqualTo(new Outcomes.Summary(3, 3));
        assertThat(seen).extracting(Outcomes.EventResult::input).containsExactlyElementsOf(in);
        assertThat(seen.get(1)).isInstanceOfSatisfying(Outcomes.Accepted.class, a -> {
            assertThat(a.recorded().effects().enrolled()).hasValueSatisfying(r ->
                    assertThat(r).isInstanceOf(Enroller.Enrolled.class));
        });
        assertThat(seen.get(2)).isInstanceOfSatisfying(Outcomes.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo("no contact 'carol@example.com' in the ledger (give a contact id or an email)"));
        assertThat(seen.get(3)).isInstanceOfSatisfying(Outcomes.Accepted.class, a -> {
            assertThat(a.recorded().effects().suppressed()).contains(SuppressionReason.BOUNCE);
            assertThat(a.recorded().effects().stopped()).extracting(e -> e.stopReason())
                    .containsExactly("bounce on 2026-03-04");
        });
        // 09:00 UTC on 9 March is 05:00 in New York: daylight saving time began on 8 March
        assertThat(seen.get(4)).isInstanceOfSatisfying(Outcomes.Rejected.class, r -> assertThat(r.reason())
                .startsWith("event time 2026-03-09 05:00 is in the future (today is 2026-03-06 in America/New_York)"));
        assertThat(seen.get(5)).isInstanceOfSatisfying(Outcomes.Rejected.class, r -> assertThat(r.reason())
                .startsWith("note: control character U+0007"));

        assertThat(ledger.events().listByContact(1)).extracting(e -> e.type().id() + " " + e.source())
                .containsExactly("opened import", "clicked import");
        assertThat(ledger.enrollments().findByContact(1)).singleElement()
                .satisfies(e -> assertThat(e.sequence()).isEqualTo("nurture"));
        assertThat(ledger.enrollments().findByContact(2)).singleElement()
                .satisfies(e -> assertThat(e.state()).isEqualTo(EnrollmentState.STOPPED));
    }

    @Test
    void anOnEventRuleToAMissingSequenceRecordsNothingAtAll() {
        Fixture.write(workspace.root(), "cadence.yaml", Fixture.CONFIG + "on_event: { clicked: { enroll: gone } }\n");
        Problems p = new Problems();
        var config = ConfigLoader.load(workspace.root().resolve("cadence.yaml"), p);
        Outcomes broken = new Outcomes(ledger, library, config, clock);

        assertThatThrownBy(() -> broken.recordEvents(List.of(new Outcomes.NewEvent("ann@example.com",
                EventType.OPENED, null, null)), "import", r -> { }))
                .isInstanceOf(CadenceException.class)
                .hasMessageStartingWith("on_event.clicked.enroll: sequence 'gone' does not exist");
        assertThat(ledger.events().listByContact(1)).isEmpty();
    }
}
