package dev.cadence.workspace;

import java.time.Duration;
import java.util.Optional;

/** A named transport of {@code cadence.yaml}: how auto touches leave. Secrets only as env variable names. */
public sealed interface TransportConfig permits TransportConfig.Outbox, TransportConfig.Smtp, TransportConfig.Webhook {

    String name();

    String type();

    /** Files in a folder of the workspace (default {@code outbox/}). */
    record Outbox(String name, String dir) implements TransportConfig {
        public String type() {
            return "outbox";
        }
    }

    record Smtp(String name, String host, int port, boolean starttls, boolean tls, Optional<String> username,
                Optional<String> passwordEnv, Optional<Integer> dailyLimit, Optional<Integer> perMinute,
                Duration timeout) implements TransportConfig {
        public String type() {
            return "smtp";
        }
    }

    record Webhook(String name, String url, Optional<String> tokenEnv, Duration timeout) implements TransportConfig {
        public String type() {
            return "webhook";
        }
    }
}
