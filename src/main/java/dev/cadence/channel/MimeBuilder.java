package dev.cadence.channel;

import dev.cadence.render.HeaderSafety;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Builds the RFC 5322 message of an email touch with Angus Mail: {@code From} the sender,
 * {@code Reply-To} when set, {@code To} the contact, the touch's deterministic
 * {@code Message-ID}, {@code In-Reply-To}/{@code References} for a threaded follow-up,
 * {@code List-Unsubscribe} (mailto, and URL with {@code List-Unsubscribe-Post} when a URL is
 * configured), a text part and an HTML part when the template has one
 * ({@code multipart/alternative}). Every header value and address is checked with
 * {@link HeaderSafety} first: CR, LF, NUL, NEL, U+2028/9 reject the message, nothing is stripped.
 */
public final class MimeBuilder {
    private static final Session SESSION = Session.getInstance(new Properties());

    static {
        // jakarta.mail-api 2.1 looks its StreamProvider up again for every body part it writes
        // (StreamProvider.provider() is not cached): a ServiceLoader scan of the class path's
        // META-INF/services, a visible share of a run. Naming the implementation makes it a
        // Class.forName; left alone when set or when Angus Mail's class is not there.
        String property = "jakarta.mail.util.StreamProvider";
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) == null) {
            try {
                Class.forName(angus, false, ClassLoader.getSystemClassLoader());
                System.setProperty(property, angus);
            } catch (ClassNotFoundException | SecurityException e) {
                // the service lookup stays
            }
        }
    }

    private MimeBuilder() {}

    /** The message; an {@link HeaderSafety.UnsafeHeaderException} when a header value is unsafe. */
    public static MimeMessage build(OutgoingMessage m, Instant date) {
        return build(m, date, SESSION);
    }

    public static MimeMessage build(OutgoingMessage m, Instant date, Session session) {
        check(m);
        try {
            MimeMessage msg = new FixedIdMessage(session, m.messageId());
            msg.setFrom(address("from", m.from()));
            if (m.replyTo().isPresent()) msg.setReplyTo(new InternetAddress[] {strict("reply-to address", m.replyTo().get())});
            msg.setRecipient(MimeMessage.RecipientType.TO, address("to", m.to()));
            msg.setSubject(m.subject().orElse(""), "UTF-8");
            msg.setSentDate(Date.from(date));
            if (m.inReplyTo().isPresent()) msg.setHeader("In-Reply-To", m.inReplyTo().get());
            if (!m.references().isEmpty()) msg.setHeader("References", String.join(" ", m.references()));
            String unsubscribe = listUnsubscribe(m);
            if (unsubscribe != null) msg.setHeader("List-Unsubscribe", unsubscribe);
            if (m.unsubscribeUrl().isPresent()) msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (m.html().isPresent()) {
                MimeMultipart alt = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(m.text(), "UTF-8", "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.html().get(), "UTF-8", "html");
                alt.addBodyPart(text);
                alt.addBodyPart(html);
                msg.setContent(alt);
            } else {
                msg.setText(m.text(), "UTF-8", "plain");
            }
            msg.saveChanges();
            return msg;
        } catch (MessagingException e) {
            throw new HeaderSafety.UnsafeHeaderException("cannot build the email to " + m.to().email() + ": " + e.getMessage());
        }
    }

    /** The message as RFC 5322 bytes (CRLF line ends). */
    public static byte[] bytes(MimeMessage msg) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            msg.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot write a message built in memory", e);
        }
    }

    /** Rejects any unsafe header value or address of {@code m}. */
    public static void check(OutgoingMessage m) {
        HeaderSafety.require("sender name", m.from().name());
        HeaderSafety.require("sender address", m.from().email());
        m.replyTo().ifPresent(r -> HeaderSafety.require("reply-to address", r));
        HeaderSafety.require("contact name", m.to().name());
        HeaderSafety.require("to address", m.to().email());
        m.subject().ifPresent(s -> HeaderSafety.require("subject", s));
        HeaderSafety.require("message id", m.messageId());
        m.inReplyTo().ifPresent(s -> HeaderSafety.require("in-reply-to", s));
        m.references().forEach(s -> HeaderSafety.require("references", s));
        m.unsubscribeMailto().ifPresent(s -> HeaderSafety.require("unsubscribe mailto", s));
        m.unsubscribeUrl().ifPresent(s -> HeaderSafety.require("unsubscribe url", s));
    }

    static String listUnsubscribe(OutgoingMessage m) {
        StringBuilder sb = new StringBuilder();
        m.unsubscribeMailto().ifPresent(a -> sb.append("<mailto:").append(a).append("?subject=unsubscribe>"));
        m.unsubscribeUrl().ifPresent(u -> sb.append(sb.length() > 0 ? ", " : "").append('<').append(u).append('>'));
        return sb.length() == 0 ? null : sb.toString();
    }

    private static InternetAddress address(String what, OutgoingMessage.Address a) {
        InternetAddress ia = strict(what + " address", a.email());
        if (a.name() != null && !a.name().isBlank()) {
            try {
                ia.setPersonal(a.name(), StandardCharsets.UTF_8.name());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ia;
    }

    private static InternetAddress strict(String what, String email) {
        try {
            InternetAddress ia = new InternetAddress(email, true);
            if (ia.getAddress().indexOf('@') < 0) throw new AddressException("no @", email);
            return ia;
        } catch (AddressException e) {
            throw new HeaderSafety.UnsafeHeaderException(what + " '" + email + "' is not a valid address: " + e.getMessage());
        }
    }

    /** A MimeMessage that keeps the touch's deterministic Message-ID through saveChanges(). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
