package dev.cadence.channel;

import dev.cadence.error.CadenceException;
import dev.cadence.model.Channel;
import dev.cadence.workspace.TransportConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Email through an SMTP server with Angus Mail: STARTTLS or implicit TLS, AUTH with the password
 * read from the environment variable named by {@code password_env}, one connection reused for
 * the whole batch (reopened after a failure), connect/read/write timeouts, and
 * {@code per_minute} pacing. Replies map to results: 2xx sent (with the server's answer); 4xx,
 * timeouts, refused connections temporary; 5xx to RCPT or DATA permanent; a connection lost
 * after the message was handed over (DATA accepted, no final reply) in doubt.
 */
public final class SmtpTransport implements Transport {
    private final TransportConfig.Smtp config;
    private final Session session;
    private final String protocol;
    private final Optional<String> password;
    private final Clock clock;
    private final Pacer pacer;
    private TrackingSmtp connection;
    /** Why the server could not be reached in this run (the rest of the batch is not tried, no further batch claimed). */
    private String unreachable;

    public SmtpTransport(TransportConfig.Smtp config, Map<String, String> env, Clock clock, Pacer.Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.protocol = config.tls() ? "smtps" : "smtp";
        this.password = config.passwordEnv().map(name -> {
            String v = env.get(name);
            if (v == null || v.isEmpty()) {
                throw CadenceException.invalid("transport '" + config.name() + "': environment variable " + name
                        + " (password_env) is not set");
            }
            return v;
        });
        Properties p = new Properties();
        String pre = "mail." + protocol + ".";
        long ms = config.timeout().toMillis();
        p.setProperty(pre + "host", config.host());
        p.setProperty(pre + "port", Integer.toString(config.port()));
        p.setProperty(pre + "connectiontimeout", Long.toString(ms));
        p.setProperty(pre + "timeout", Long.toString(ms));
        p.setProperty(pre + "writetimeout", Long.toString(ms));
        p.setProperty(pre + "auth", Boolean.toString(config.username().isPresent()));
        if (config.starttls()) {
            p.setProperty(pre + "starttls.enable", "true");
            p.setProperty(pre + "starttls.required", "true");
        }
        if (config.tls()) p.setProperty(pre + "ssl.enable", "true");
        if (config.starttls() || config.tls()) p.setProperty(pre + "ssl.checkserveridentity", "true");
        this.session = Session.getInstance(p);
        try {
            session.setProvider(new Provider(Provider.Type.TRANSPORT, protocol,
                    config.tls() ? TrackingSmtp.Ssl.class.getName() : TrackingSmtp.class.getName(), "cadence", "1"));
        } catch (jakarta.mail.NoSuchProviderException e) {
            throw new IllegalStateException(e);
        }
        this.pacer = config.perMinute().map(n -> new Pacer(n, System::nanoTime, sleeper)).orElse(null);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean carries(Channel channel) {
        return channel == Channel.EMAIL;
    }

    /**
     * Claimed, sent and recorded up to 50 at a time on the one connection (two ledger commits per
     * batch instead of two per message), the ledger work of the batches before and after
     * overlapped with the sending. The price is the crash window: a run killed mid-batch leaves
     * the touches claimed and not yet recorded {@code sending} (the batch on the wire and the one
     * recorded or claimed meanwhile), found {@code in_doubt} by the next run and never re-sent
     * automatically (design §8 step 4) — including those not yet handed to the server, so at most
     * two batches need a person's check. With {@code per_minute} pacing a
     * batch holds about a second's worth of sends (at least one), so a paced batch never waits
     * minutes while claimed; the runner records a batch in slices of at most a second and checks
     * its lease before every send.
     */
    @Override
    public int batchSize() {
        return config.perMinute().map(n -> Math.max(1, Math.min(BATCH, n / 60))).orElse(BATCH);
    }

    /** Messages per batch (see {@link #batchSize()}). */
    public static final int BATCH = 50;

    @Override
    public int dailyLimit() {
        return config.dailyLimit().orElse(Integer.MAX_VALUE);
    }

    /** Session properties, for tests that trust a self-signed certificate. */
    public Properties properties() {
        return session.getProperties();
    }

    /**
     * A connection used less than this long ago is used again without asking the server first:
     * Angus Mail's {@code isConnected()} costs a NOOP round trip, one more per message than the
     * message itself needs. One idle longer is checked that way.
     */
    static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private long lastUsed;

    @Override
    public SendResult send(OutgoingMessage m) {
        MimeMessage msg = MimeBuilder.build(m, clock.instant(), session);
        if (pacer != null) pacer.acquire();
        for (int attempt = 0; ; attempt++) {
            boolean reused = connection != null && System.nanoTime() - lastUsed < FRESH_NANOS;
            if (unreachable != null) return new SendResult.Temporary(unreachable + " (not tried again in this run)");
            try {
                if (!reused && (connection == null || !connection.isConnected())) connect();
            } catch (MessagingException e) {
                dropConnection();
                // the next messages of this batch would wait out the same timeout, one after the other
                unreachable = "cannot connect to " + config.host() + ":" + config.port() + ": " + describe(e);
                return new SendResult.Temporary(unreachable);
            }
            try {
                connection.sendMessage(msg, msg.getAllRecipients());
                lastUsed = System.nanoTime();
                return new SendResult.Sent(oneLine(connection.getLastServerResponse()));
            } catch (MessagingException e) {
                boolean dot = connection.dotWritten();
                dropConnection();
                // the server closed a connection reused unchecked before any reply to this message:
                // nothing of it was handed over, so it goes once more on a new connection
                if (reused && attempt == 0 && !dot && !answered(e)) continue;
                return classify(e, dot);
            }
        }
    }

    /**
     * True when the failure carries the server's reply to this message (a 4xx or 5xx), other than
     * 421 (the server closing the connection, whatever the message).
     */
    private static boolean answered(MessagingException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            int code = replyCode(t);
            if (code > 0) return code != 421;
        }
        return false;
    }

    /** The server's reply code that {@code t} itself carries (-1: none). */
    private static int replyCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException a) return a.getReturnCode();
        if (t instanceof SMTPSenderFailedException f) return f.getReturnCode();
        if (t instanceof SMTPSendFailedException f) return f.getReturnCode();
        return -1;
    }

    private void connect() throws MessagingException {
        TrackingSmtp t = (TrackingSmtp) session.getTransport(protocol);
        t.connect(config.host(), config.port(), config.username().orElse(null), password.orElse(null));
        connection = t;
    }

    static SendResult classify(MessagingException e, boolean dotWritten) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPSenderFailedException s) {
                return new SendResult.Temporary("sender refused: " + oneLine(s.getMessage()));
            }
            int code = replyCode(t);
            if (code >= 500) return new SendResult.Permanent(code + " " + oneLine(t.getMessage()));
            if (code >= 400) return new SendResult.Temporary(code + " " + oneLine(t.getMessage()));
        }
        if (dotWritten) {
            return new SendResult.InDoubt("connection lost after the message was handed over (no final reply): "
                    + describe(e));
        }
        return new SendResult.Temporary(describe(e));
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
            return me.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(oneLine(e.getMessage()));
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
            sb.append(": ").append(oneLine(c.getMessage()));
        }
        return sb.toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (MessagingException | RuntimeException ignored) {
                // already failing
            }
        }
        connection = null;
    }

    @Override
    public Optional<String> unreachable() {
        return Optional.ofNullable(unreachable);
    }

    @Override
    public void close() {
        dropConnection();
    }
}
