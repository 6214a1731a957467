package dev.cadence.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.cadence.channel.Pacer;
import dev.cadence.cli.Cli;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.sequence.Fixture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The webhook transport against a real HTTP server; SMTP daily limit and per-minute pacing. */
class WebhookAndLimitsTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    record Request(String key, String auth, JsonNode body) {}

    @Test
    void webhookPostsJsonWithTheTouchKeyAndBearerToken2xxSent4xxFailedForGoodAndNoBounce() throws Exception {
        List<Request> got = new CopyOnWriteArrayList<>();
        AtomicInteger status = new AtomicInteger(200);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/send", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            got.add(new Request(ex.getRequestHeaders().getFirst("Idempotency-Key"),
                    ex.getRequestHeaders().getFirst("Authorization"), new ObjectMapper().readTree(in)));
            byte[] answer = "{\"id\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        http.start();
        try {
            RunFixture f = new RunFixture(tmp, 25);
            Path cfg = f.ws.resolve("cadence.yaml");
            Files.writeString(cfg, Files.readString(cfg) + "  hook: { type: webhook, url: \"http://127.0.0.1:"
                    + http.getAddress().getPort() + "/send\", token_env: HOOK_TOKEN, timeout: 5s }\n");
            Fixture.write(f.ws, "sequences/s.yaml", """
                    name: s
                    description: One sms.
                    steps:
                      - id: text
                        day: 1
                        channel: sms
                        purpose: A short text.
                        template: sms.mustache
                    """);
            Fixture.write(f.ws, "templates/sms.mustache", "Hi {{first_name}}, a quick note from {{sender.name}}.\n");
            f.contacts(2, i -> Contact.builder("p" + i + "@example.com").firstName("P" + i).phone("+1 212 555 010" + i).phoneE164("+1212555010" + i)
                    .timezone("UTC").build());

            Cli.Result r = f.cli().env("HOOK_TOKEN", "t0ken").run(f.args(RunFixture.MONDAY_10, "--transport", "hook", "--limit", "1"));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().strip()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 1");
            assertThat(got).hasSize(1);
            Request q = got.get(0);
            assertThat(q.key()).isEqualTo("e1-text-1");
            assertThat(q.auth()).isEqualTo("Bearer t0ken");
            assertThat(q.body().get("channel").asText()).isEqualTo("sms");
            assertThat(q.body().get("to").asText()).isEqualTo("+12125550100");
            assertThat(q.body().get("body").asText()).isEqualTo("Hi P0, a quick note from Acme Sales.\n");
            assertThat(q.body().get("contact").get("first_name").asText()).isEqualTo("P0");
            assertThat(f.touches().get(0).note()).startsWith("200");

            status.set(422);
            Cli.Result rejected = f.cli().env("HOOK_TOKEN", "t0ken").run(f.args(RunFixture.MONDAY_10, "--transport", "hook"));
            assertThat(rejected.code()).isEqualTo(3);
            assertThat(rejected.out().strip()).isEqualTo("sent 0, failed 1, in_doubt 0, skipped 0, deferred 0");
            Touch t = f.touches().get(1);
            assertThat(t.status()).isEqualTo(TouchStatus.FAILED);
            assertThat(t.error()).startsWith("permanent: 422");
            assertThat(f.count("SELECT COUNT(*) FROM events")).isZero();
            assertThat(f.count("SELECT COUNT(*) FROM suppressions")).isZero();
            // held for a person, not retried
            status.set(200);
            assertThat(f.cli().env("HOOK_TOKEN", "t0ken").run(f.args("2026-03-03T10:00:00Z", "--transport", "hook")).out().strip())
                    .isEqualTo("sent 0, failed 0, in_doubt 0, skipped 0, deferred 0");
            assertThat(got).hasSize(2);
            assertThat(f.<EnrollmentState>read(l -> l.enrollments().findById(2).orElseThrow().state())).isEqualTo(EnrollmentState.ACTIVE);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void theSmtpDailyLimitCountsTheLedgersLast24Hours() throws Exception {
        RunFixture f = new RunFixture(tmp, MAIL.getSmtp().getPort(), ", daily_limit: 2");
        f.contacts(3);
        Cli.Result r = f.run(RunFixture.MONDAY_10, "--transport", "smtp");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("sent 2, failed 0, in_doubt 0, skipped 0, deferred 1");
        assertThat(f.run("2026-03-02T16:00:00Z", "--transport", "smtp").out().strip())
                .isEqualTo("sent 0, failed 0, in_doubt 0, skipped 0, deferred 1");
        // 24 hours after the first two: the third goes
        assertThat(f.run("2026-03-03T10:00:01Z", "--transport", "smtp").out().strip())
                .isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(MAIL.getReceivedMessages()).hasSize(3);
    }

    @Test
    void thePacerSleepsUntilTheOldestOfTheLastNSendsIsAMinuteOld() {
        AtomicLong now = new AtomicLong(0);
        List<Duration> slept = new ArrayList<>();
        Pacer pacer = new Pacer(3, now::get, d -> {
            slept.add(d);
            now.addAndGet(d.toNanos());
        });
        for (int i = 0; i < 3; i++) {
            pacer.acquire();
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertThat(slept).isEmpty();
        pacer.acquire(); // 4th at t=3s: waits until t=60s
        assertThat(slept).containsExactly(Duration.ofSeconds(57));
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        pacer.acquire();
        assertThat(slept).hasSize(1);
    }
}
