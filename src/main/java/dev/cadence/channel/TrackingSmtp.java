package dev.cadence.channel;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport that remembers whether the final "." of the current message was
 * written: a failure without a reply after that point means the server may have accepted the
 * message (in doubt); before it, the server discards the partial message (temporary failure).
 * Registered as the session's provider for {@code smtp} and {@code smtps}.
 */
public class TrackingSmtp extends SMTPTransport {
    private volatile boolean dotWritten;

    public TrackingSmtp(Session session, URLName url) {
        super(session, url, "smtp", false);
    }

    protected TrackingSmtp(Session session, URLName url, String name, boolean ssl) {
        super(session, url, name, ssl);
    }

    /** True once the end of the current message's data was handed to the server. */
    public boolean dotWritten() {
        return dotWritten;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dotWritten = false;
        super.sendMessage(message, addresses);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dotWritten = true;
        super.finishData();
    }

    /** Implicit TLS ({@code smtps}). */
    public static final class Ssl extends TrackingSmtp {
        public Ssl(Session session, URLName url) {
            super(session, url, "smtps", true);
        }
    }
}
