package dev.cadence.runner;

import dev.cadence.cli.Cli;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.sequence.Fixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A workspace for run tests: UTC, window 09:00-17:00 Monday to Friday, a sender with reply-to,
 * unsubscribe mailto and URL, an {@code smtp} transport on {@code 127.0.0.1:port} (no TLS) and
 * sequence {@code s}: {@code intro} on day 1, {@code follow} threaded on day 3. Contacts are
 * enrolled on Monday 2 March 2026; {@link #MONDAY_10} is inside everybody's window (UTC contacts).
 */
final class RunFixture {
    static final String MONDAY_10 = "2026-03-02T10:00:00Z";
    static final String WEDNESDAY_10 = "2026-03-04T10:00:00Z";
    static final LocalDate START = LocalDate.parse("2026-03-02");
    static final Clock SETUP = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    final Path ws;
    final Path db;

    RunFixture(Path dir, int smtpPort) {
        this(dir, smtpPort, "");
    }

    RunFixture(Path dir, int smtpPort, String smtpExtra) {
        ws = dir.resolve("ws");
        db = ws.resolve("cadence.db");
        Fixture.write(ws, "cadence.yaml", """
                timezone: UTC
                business_days: [mon, tue, wed, thu, fri]
                window: "09:00-17:00"
                sender: { name: Acme Sales, email: sales@example.com, company: Acme, address: "1 Main St", reply_to: replies@example.com }
                unsubscribe: { mailto: unsubscribe@example.com, url: "https://example.com/u/{{token}}" }
                transports:
                  smtp: { host: 127.0.0.1, port: %d, starttls: false, timeout: 10s%s }
                """.formatted(smtpPort, smtpExtra));
        Fixture.write(ws, "sequences/s.yaml", """
                name: s
                description: Two emails.
                steps:
                  - id: intro
                    day: 1
                    channel: email
                    purpose: First email.
                    template: intro.mustache
                  - id: follow
                    day: 3
                    channel: email
                    thread: true
                    purpose: Threaded follow-up.
                    template: follow.mustache
                """);
        Fixture.write(ws, "templates/intro.mustache", """
                subject: A question for {{company}}
                ---
                Hi {{first_name}},

                A short note for {{company}}.

                {{sender.name}}
                """);
        Fixture.write(ws, "templates/follow.mustache", """
                Hi {{first_name}}, following up.
                """);
        ledger().close();
    }

    Ledger ledger() {
        return Ledger.open("jdbc:sqlite:" + db, SETUP);
    }

    <T> T read(Function<Ledger, T> f) {
        try (Ledger l = ledger()) {
            return f.apply(l);
        }
    }

    /** {@code n} contacts c0..c(n-1)@example.com in UTC, each enrolled in {@code s}; returns their ids. */
    List<Long> contacts(int n) {
        return contacts(n, i -> Contact.builder("c" + i + "@example.com").firstName("Name" + i).company("Co" + i)
                .timezone("UTC").build());
    }

    List<Long> contacts(int n, java.util.function.IntFunction<Contact> make) {
        try (Ledger l = ledger()) {
            return l.inTransaction(() -> {
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Contact c = l.contacts().insert(make.apply(i));
                    l.enrollments().enroll(c.id(), "s", START);
                    ids.add(c.id());
                }
                return ids;
            });
        }
    }

    List<Touch> touches() {
        return read(l -> l.jdbc().query("SELECT id FROM touches ORDER BY id", r -> r.longValue("id")).stream()
                .map(id -> new dev.cadence.ledger.SendRepository(l).findById(id).orElseThrow()).toList());
    }

    long count(String sql) {
        return read(l -> l.jdbc().queryLong(sql));
    }

    Cli.Result run(String asOf, String... args) {
        return cli().run(args(asOf, args));
    }

    Cli cli() {
        return Cli.in(ws.getParent());
    }

    String[] args(String asOf, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "-w";
        all[1] = ws.toString();
        all[2] = "--as-of";
        all[3] = asOf;
        all[4] = "run";
        System.arraycopy(args, 0, all, 5, args.length);
        return all;
    }
}
