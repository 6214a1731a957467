package dev.cadence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The outcome vocabulary: the documented words per channel, and nothing else. */
class OutcomeTest {
    @Test
    void everyChannelButWebhookHasItsDocumentedOutcomes() {
        assertThat(Outcome.valid(Channel.CALL)).containsExactly("connected", "no-answer", "voicemail", "wrong-number",
                "meeting-booked", "not-interested", "call-back");
        assertThat(Outcome.valid(Channel.VOICEMAIL)).containsExactly("left", "mailbox-full");
        assertThat(Outcome.valid(Channel.LINKEDIN)).containsExactly("connection-sent", "connected", "message-sent",
                "replied");
        assertThat(Outcome.valid(Channel.EMAIL)).containsExactly("sent", "replied", "bounced");
        assertThat(Outcome.valid(Channel.SMS)).containsExactly("sent", "replied");
        assertThat(Outcome.valid(Channel.MAIL)).containsExactly("sent", "returned");
        assertThat(Outcome.valid(Channel.TASK)).containsExactly("done");
        assertThat(Outcome.valid(Channel.WEBHOOK)).isEmpty();
        assertThat(Outcome.loggable(Channel.WEBHOOK)).isFalse();
    }

    @Test
    void anOutcomeIsTrimmedAndLowerCasedOrRefusedWithTheValidOnes() {
        assertThat(Outcome.check(Channel.CALL, " Meeting-Booked ")).isEqualTo("meeting-booked");
        assertThatThrownBy(() -> Outcome.check(Channel.VOICEMAIL, "connected"))
                .hasMessage("unknown voicemail outcome 'connected'; valid voicemail outcomes: left, mailbox-full");
        assertThatThrownBy(() -> Outcome.check(Channel.TASK, null))
                .hasMessage("unknown task outcome 'null'; valid task outcomes: done");
        assertThatThrownBy(() -> Outcome.check(Channel.WEBHOOK, "sent"))
                .hasMessageStartingWith("webhook touches are sent by 'cadence run' and cannot be logged");
    }

    @Test
    void someOutcomesImplyAnEvent() {
        assertThat(Outcome.impliedEvent(Channel.CALL, "meeting-booked")).contains(EventType.MEETING);
        for (Channel c : List.of(Channel.LINKEDIN, Channel.EMAIL, Channel.SMS)) {
            assertThat(Outcome.impliedEvent(c, "replied")).as(c.id()).contains(EventType.REPLY);
        }
        assertThat(Outcome.impliedEvent(Channel.EMAIL, "bounced")).contains(EventType.BOUNCE);
        assertThat(Outcome.impliedEvent(Channel.MAIL, "returned")).isEmpty();
        assertThat(Outcome.impliedEvent(Channel.CALL, "connected")).isEmpty();
        assertThat(Outcome.impliedEvent(Channel.CALL, "wrong-number")).isEmpty();
    }
}
