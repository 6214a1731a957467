package dev.cadence.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollerTest {
    @TempDir
    Path tmp;
    Ledger ledger;
    Enroller enroller;
    // 23:30 UTC on 23 Nov is already 24 Nov in Tokyo and still 23 Nov in New York
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T23:30:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        Path ws = Fixture.workspace(tmp.resolve("ws"));
        Fixture.write(ws, "sequences/side.yaml", """
                name: side
                exclusive: false
                reenroll: always
                steps:
                  - { id: t, day: 1, channel: task, purpose: Something useful. }
                """);
        Fixture.write(ws, "sequences/again.yaml", """
                name: again
                exclusive: false
                reenroll: after-complete
                steps:
                  - { id: t, day: 1, channel: task, purpose: Something useful. }
                """);
        Problems p = new Problems();
        Workspace w = new Workspace(ws, ConfigLoader.load(ws.resolve("cadence.yaml"), p));
        SequenceLibrary lib = SequenceLoader.loadAll(w, p);
        assertThat(p.asList()).isEmpty();
        ledger = Ledger.open("jdbc:sqlite:" + tmp.resolve("l.db"), clock);
        enroller = new Enroller(ledger, lib, clock, ZoneId.of("America/New_York"));
    }

    private Contact contact(String email, String tz) {
        return ledger.contacts().insert(Contact.builder(email).timezone(tz).build());
    }

    @Test
    void startsTodayInTheContactsTimeZone() {
        Enroller.Result tokyo = enroller.enroll(contact("a@x.example", "Asia/Tokyo"), enroller.sequence("outbound"), null);
        Enroller.Result none = enroller.enroll(contact("b@x.example", null), enroller.sequence("outbound"), null);
        assertThat(((Enroller.Enrolled) tokyo).enrollment().startDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(((Enroller.Enrolled) none).enrollment().startDate()).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void exclusiveSequencesExcludeEachOtherButNotTheOthers() {
        Contact c = contact("a@x.example", null);
        assertThat(enroller.enroll(c, enroller.sequence("outbound"), null)).isInstanceOf(Enroller.Enrolled.class);
        assertThat(enroller.enroll(c, enroller.sequence("nurture"), null))
                .isInstanceOfSatisfying(Enroller.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo("already in exclusive sequence outbound"));
        assertThat(enroller.enroll(c, enroller.sequence("side"), null)).isInstanceOf(Enroller.Enrolled.class);
        assertThat(enroller.enroll(c, enroller.sequence("side"), null))
                .isInstanceOfSatisfying(Enroller.Refused.class, r -> assertThat(r.reason()).isEqualTo("already active in side"));
    }

    @Test
    void reenrollRules() {
        Contact c = contact("a@x.example", null);
        var first = (Enroller.Enrolled) enroller.enroll(c, enroller.sequence("outbound"), LocalDate.of(2026, 1, 5));
        ledger.enrollments().updateState(first.enrollment().id(), EnrollmentState.COMPLETED, null);
        assertThat(enroller.refusal(c, enroller.sequence("outbound"))).hasValueSatisfying(
                r -> assertThat(r).contains("reenroll rule is never"));

        var again = (Enroller.Enrolled) enroller.enroll(c, enroller.sequence("again"), null);
        ledger.enrollments().updateState(again.enrollment().id(), EnrollmentState.STOPPED, "reply");
        assertThat(enroller.refusal(c, enroller.sequence("again"))).hasValueSatisfying(
                r -> assertThat(r).contains("stopped in again (reply)").contains("after-complete"));

        var side = (Enroller.Enrolled) enroller.enroll(c, enroller.sequence("side"), null);
        ledger.enrollments().updateState(side.enrollment().id(), EnrollmentState.STOPPED, "reply");
        assertThat(enroller.enroll(c, enroller.sequence("side"), null)).isInstanceOf(Enroller.Enrolled.class);
    }

    @Test
    void suppressedContactsAreRefusedAndUnknownSequencesAreInvalid() {
        Contact c = contact("Zoe@X.example", null);
        ledger.suppressions().add(c.emailNorm(), SuppressionReason.OPTOUT, "test");
        assertThat(enroller.enroll(c, enroller.sequence("side"), null)).isInstanceOfSatisfying(Enroller.Refused.class,
                r -> assertThat(r.reason()).isEqualTo("suppressed (optout)"));
        assertThatThrownBy(() -> enroller.sequence("outbund")).hasMessageContaining("did you mean 'outbound'");
        assertThat(ledger.enrollments().findByContact(c.id())).isEmpty();
    }
}
