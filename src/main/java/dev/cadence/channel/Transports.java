package dev.cadence.channel;

import dev.cadence.error.CadenceException;
import dev.cadence.workspace.TransportConfig;
import dev.cadence.workspace.Workspace;
import java.time.Clock;
import java.util.Map;

/** Opens the transport named in {@code cadence.yaml} (or by {@code --transport}). */
public final class Transports {
    private Transports() {}

    /**
     * The transport {@code name} (null: the workspace's default). Secrets come from {@code env},
     * by the variable names the config gives. An unknown name is invalid input.
     */
    public static Transport open(Workspace ws, String name, Map<String, String> env, Clock clock, Pacer.Sleeper sleeper) {
        String n = name == null ? ws.config().transport() : name;
        TransportConfig tc = ws.config().transports().get(n);
        if (tc == null) {
            throw CadenceException.invalid("--transport: no transport '" + n + "'; defined: "
                    + String.join(", ", ws.config().transports().keySet()));
        }
        if (tc instanceof TransportConfig.Outbox o) {
            return new OutboxTransport(o.name(), ws.root().resolve(o.dir()), clock);
        }
        if (tc instanceof TransportConfig.Smtp s) {
            return new SmtpTransport(s, env, clock, sleeper);
        }
        TransportConfig.Webhook w = (TransportConfig.Webhook) tc;
        return new WebhookTransport(w, env);
    }
}
