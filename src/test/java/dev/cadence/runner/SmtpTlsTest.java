package dev.cadence.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cadence.channel.OutgoingMessage;
import dev.cadence.channel.Pacer;
import dev.cadence.channel.SendResult;
import dev.cadence.channel.SmtpTransport;
import dev.cadence.model.Channel;
import dev.cadence.workspace.TransportConfig;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP transport's TLS modes against GreenMail: implicit TLS with AUTH, and no downgrade from STARTTLS. */
class SmtpTlsTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup[] {ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.SMTP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sales@example.com", "s3cret"));

    static final Clock NOW = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    static OutgoingMessage message(String key) {
        return new OutgoingMessage(key, Channel.EMAIL, "<" + key + "@example.com>",
                new OutgoingMessage.Address("Acme Sales", "sales@example.com"), Optional.empty(),
                new OutgoingMessage.Address("Zoë Martin", "zoe@example.com"), Optional.empty(), Optional.of("Hello"),
                "Hi Zoë,\n", Optional.of("<p>Hi Zoë,</p>"), Optional.empty(), List.of(), Optional.of("u@example.com"),
                Optional.empty(), Map.of());
    }

    @Test
    void implicitTlsWithAuthDeliversAMultipartAlternativeMessage() throws Exception {
        TransportConfig.Smtp cfg = new TransportConfig.Smtp("smtp", "127.0.0.1", MAIL.getSmtps().getPort(), false, true,
                Optional.of("sales@example.com"), Optional.of("PW"), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
        try (SmtpTransport smtp = new SmtpTransport(cfg, Map.of("PW", "s3cret"), NOW, Pacer.Sleeper.REAL)) {
            // GreenMail's certificate is self-signed: trust it for this test only
            smtp.properties().setProperty("mail.smtps.ssl.trust", "*");
            smtp.properties().setProperty("mail.smtps.ssl.checkserveridentity", "false");
            SendResult r1 = smtp.send(message("one"));
            SendResult r2 = smtp.send(message("two"));
            assertThat(r1).isInstanceOf(SendResult.Sent.class);
            assertThat(r2).isInstanceOf(SendResult.Sent.class);
        }
        MimeMessage[] got = MAIL.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[0].getContentType()).startsWith("multipart/alternative");
        assertThat(got[0].getHeader("List-Unsubscribe", null)).isEqualTo("<mailto:u@example.com?subject=unsubscribe>");
        assertThat(got[0].getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(got[0].getSubject()).isEqualTo("Hello");
    }

    @Test
    void starttlsRequiredNeverFallsBackToPlainText() {
        TransportConfig.Smtp cfg = new TransportConfig.Smtp("smtp", "127.0.0.1", MAIL.getSmtp().getPort(), true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
        try (SmtpTransport smtp = new SmtpTransport(cfg, Map.of(), NOW, Pacer.Sleeper.REAL)) {
            SendResult r = smtp.send(message("plain"));
            assertThat(r).isInstanceOf(SendResult.Temporary.class);
            assertThat(r.detail()).contains("STARTTLS");
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }
}
