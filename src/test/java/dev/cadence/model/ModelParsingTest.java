package dev.cadence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ModelParsingTest {
    @Test
    void spansInTheirWrittenForms() {
        assertThat(Span.parse("20h").toDuration()).isEqualTo(Duration.ofHours(20));
        assertThat(Span.parse("90 days").calendarDays()).isEqualTo(90);
        assertThat(Span.parse("90d").calendarDays()).isEqualTo(90);
        assertThat(Span.parse("3 weeks").calendarDays()).isEqualTo(21);
        assertThat(Span.parse("2 business days")).isEqualTo(new Span(2, Span.Unit.BUSINESS_DAYS));
        assertThat(Span.parse("1 Business Day").isBusinessDays()).isTrue();
        assertThatThrownBy(() -> Span.parse("2 bussiness days")).hasMessageContaining("cannot read \"2 bussiness days\"");
        assertThatThrownBy(() -> Span.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windows() {
        Window w = Window.parse("9:00 - 11:30");
        assertThat(w.open()).isEqualTo(LocalTime.of(9, 0));
        assertThat(w.contains(LocalTime.of(11, 29))).isTrue();
        assertThat(w.contains(LocalTime.of(11, 30))).isFalse();
        assertThatThrownBy(() -> Window.parse("17:00-09:00")).hasMessageContaining("close after it opens");
        assertThatThrownBy(() -> Window.parse("morning")).hasMessageContaining("09:00-17:00");
    }

    @Test
    void asOfForms() {
        ZoneId ny = ZoneId.of("America/New_York");
        assertThat(AsOf.parse("2026-03-06T08:30:00Z", ny)).isEqualTo(Instant.parse("2026-03-06T08:30:00Z"));
        assertThat(AsOf.parse("2026-03-06T08:30:00+01:00", ny)).isEqualTo(Instant.parse("2026-03-06T07:30:00Z"));
        assertThat(AsOf.parse("2026-03-06T08:30", ny)).isEqualTo(Instant.parse("2026-03-06T13:30:00Z"));
        // 8 March 2026 is the US spring-forward day: midnight is still EST (-05:00)
        assertThat(AsOf.parse("2026-03-08", ny)).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(AsOf.parse("2026-03-09", ny)).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
        assertThatThrownBy(() -> AsOf.parse("yesterday", ny)).hasMessageContaining("cannot read 'yesterday'");
    }

    @Test
    void channelsAndEvents() {
        assertThat(Channel.parse("Email")).isEqualTo(Channel.EMAIL);
        assertThat(Channel.CALL.canBeAutomatic()).isFalse();
        assertThatThrownBy(() -> Channel.parse("fax")).hasMessageContaining("valid channels: email, sms");
        assertThatThrownBy(() -> EventType.parse("unsubscribed")).hasMessageContaining("optout");
    }
}
