package dev.cadence.channel;

import dev.cadence.error.CadenceException;
import dev.cadence.model.Channel;
import dev.cadence.workspace.TransportConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON POST per touch ({@code to}, {@code channel}, {@code subject}, {@code body},
 * {@code contact}) with the touch key as {@code Idempotency-Key} and a bearer token from the
 * environment variable named by {@code token_env}. 2xx sent; 4xx permanent (but 408 and 429
 * temporary); 5xx, timeouts and connection failures temporary. One HTTP client (and its
 * connection pool) for the whole batch.
 */
public final class WebhookTransport implements Transport {
    private final TransportConfig.Webhook config;
    private final Optional<String> token;
    private final HttpClient client;

    public WebhookTransport(TransportConfig.Webhook config, Map<String, String> env) {
        this.config = config;
        this.token = config.tokenEnv().map(name -> {
            String v = env.get(name);
            if (v == null || v.isEmpty()) {
                throw CadenceException.invalid("transport '" + config.name() + "': environment variable " + name
                        + " (token_env) is not set");
            }
            return v;
        });
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean carries(Channel channel) {
        return channel == Channel.EMAIL || channel == Channel.SMS || channel == Channel.WEBHOOK;
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        if (m.channel() == Channel.EMAIL) MimeBuilder.check(m);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", m.key())
                .POST(HttpRequest.BodyPublishers.ofByteArray(OutboxTransport.json(m)));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            int code = r.statusCode();
            String answer = code + " " + SmtpTransport.oneLine(abbreviate(r.body()));
            if (code >= 200 && code < 300) return new SendResult.Sent(answer.strip());
            if (code == 408 || code == 429 || code >= 500) return new SendResult.Temporary(answer.strip());
            return new SendResult.Permanent(answer.strip());
        } catch (HttpTimeoutException e) {
            return new SendResult.Temporary("timed out after " + config.timeout().toSeconds() + " s: " + config.url());
        } catch (IOException e) {
            return new SendResult.Temporary("cannot reach " + config.url() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Temporary("interrupted");
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
