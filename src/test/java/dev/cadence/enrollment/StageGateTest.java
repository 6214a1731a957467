package dev.cadence.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Note;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.workspace.WorkspaceConfig.Requirements;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage gate as a pure function of requirements, touches, notes and now. */
class StageGateTest {
    static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    static Touch touch(Channel channel, TouchKind kind, TouchStatus status, String at) {
        return new Touch(1, null, 7, null, null, 1, channel, kind, status, null, null, null, null, null, null, null, 0,
                null, at == null ? null : Instant.parse(at), Instant.parse("2026-03-01T00:00:00Z"));
    }

    static Note note(String at) {
        return new Note(1, 7, "context", null, Instant.parse(at));
    }

    @Test
    void noRequirementsIsAlwaysOpen() {
        assertThat(StageGate.evaluate(Requirements.NONE, List.of(), List.of(), NOW)).isEmpty();
    }

    @Test
    void sayExactlyWhatIsMissingInOrder() {
        Requirements req = new Requirements(3, 2, true, 21);
        List<Touch> touches = List.of(
                touch(Channel.EMAIL, TouchKind.AUTO, TouchStatus.SENT, "2026-03-10T14:00:00Z"),
                touch(Channel.EMAIL, TouchKind.MANUAL, TouchStatus.DONE, "2026-03-12T14:00:00Z"));

        assertThat(StageGate.evaluate(req, touches, List.of(), NOW))
                .containsExactly("2 of 3 attempts", "1 of 2 channels", "no note", "9 of 21 days since the first attempt");
    }

    @Test
    void onlySentAndDoneTouchesAreAttempts() {
        Requirements req = new Requirements(2, 2, false, 0);
        List<Touch> touches = List.of(
                touch(Channel.EMAIL, TouchKind.AUTO, TouchStatus.SENT, "2026-03-10T14:00:00Z"),
                touch(Channel.CALL, TouchKind.AUTO, TouchStatus.FAILED, "2026-03-11T14:00:00Z"),
                touch(Channel.SMS, TouchKind.AUTO, TouchStatus.IN_DOUBT, "2026-03-11T15:00:00Z"),
                touch(Channel.LINKEDIN, TouchKind.MANUAL, TouchStatus.SKIPPED, "2026-03-12T14:00:00Z"),
                touch(Channel.WEBHOOK, TouchKind.AUTO, TouchStatus.SENDING, null));

        assertThat(StageGate.evaluate(req, touches, List.of(), NOW)).containsExactly("1 of 2 attempts", "1 of 2 channels");

        List<Touch> more = new java.util.ArrayList<>(touches);
        more.add(touch(Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE, "2026-03-13T14:00:00Z"));
        assertThat(StageGate.evaluate(req, more, List.of(), NOW)).isEmpty();
    }

    @Test
    void singularWordsAndNoAttemptAtAll() {
        assertThat(StageGate.evaluate(new Requirements(1, 1, false, 1), List.of(), List.of(), NOW))
                .containsExactly("0 of 1 attempt", "0 of 1 channel", "0 of 1 day since the first attempt");
    }

    @Test
    void daysAreWholeDaysFromTheFirstAttempt() {
        Requirements req = new Requirements(0, 0, false, 10);
        List<Touch> justShort = List.of(touch(Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE, "2026-03-10T12:00:01Z"));
        List<Touch> exactly = List.of(touch(Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE, "2026-03-10T12:00:00Z"),
                touch(Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE, "2026-03-19T12:00:00Z"));

        assertThat(StageGate.evaluate(req, justShort, List.of(), NOW)).containsExactly("9 of 10 days since the first attempt");
        assertThat(StageGate.evaluate(req, exactly, List.of(), NOW)).isEmpty();
    }

    @Test
    void touchesAndNotesAfterNowDoNotCount() {
        Requirements req = new Requirements(1, 0, true, 0);
        List<Touch> later = List.of(touch(Channel.CALL, TouchKind.MANUAL, TouchStatus.DONE, "2026-03-21T09:00:00Z"));
        List<Note> laterNote = List.of(note("2026-03-21T09:00:00Z"));

        assertThat(StageGate.evaluate(req, later, laterNote, NOW)).containsExactly("0 of 1 attempt", "no note");
        assertThat(StageGate.evaluate(req, later, laterNote, Instant.parse("2026-03-22T00:00:00Z"))).isEmpty();
    }

    @Test
    void theRequirementsAreDescribedForTheRefusal() {
        var def = new dev.cadence.workspace.WorkspaceConfig.StageDef("lost", new Requirements(5, 2, true, 21));
        assertThat(StageControl.describe(def))
                .isEqualTo("lost requires 5 attempts on 2 channels, a note and 21 days since the first attempt");
        assertThat(StageControl.describe(new dev.cadence.workspace.WorkspaceConfig.StageDef("q",
                new Requirements(0, 2, false, 0)))).isEqualTo("q requires attempts on 2 channels");
    }
}
