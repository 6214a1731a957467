package dev.cadence.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.channel.OutboxTransport;
import dev.cadence.enrollment.Outcomes;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.EventType;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner in-process, with its after-claim hook: what happens between claim and send. */
class RunnerHookTest {
    @TempDir
    Path tmp;

    @Test
    void aLateRunDefersAContactWhoseWindowIsClosedAndSaysWhy() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(2, i -> dev.cadence.ledger.Contact.builder("z" + i + "@example.com").firstName("Z").company("Co")
                .timezone(i == 0 ? "America/Los_Angeles" : "UTC").build());
        Problems problems = new Problems();
        Workspace ws = new Workspace(f.ws, ConfigLoader.load(f.ws.resolve("cadence.yaml"), problems));
        SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
        Clock now = Clock.fixed(Instant.parse("2026-03-03T11:00:00Z"), ZoneOffset.UTC); // 03:00 in Los Angeles
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, now)) {
            RunSummary s = new Runner(ledger, ws.config(), library, Renderer.of(ws), UnsubscribeToken.unkeyed(),
                    new OutboxTransport("outbox", f.ws.resolve("outbox"), now), now, Clock.systemUTC(), RunOptions.defaults())
                    .run("test:1:b");
            assertThat(s.line()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 1");
            assertThat(s.lines()).contains(
                    "deferred s enrollment 1: intro: outside z0@example.com's send window now (America/Los_Angeles)");
        }
    }

    @Test
    void theDailyLimitReasonIsReported() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(2);
        Problems problems = new Problems();
        Workspace ws = new Workspace(f.ws, ConfigLoader.load(f.ws.resolve("cadence.yaml"), problems));
        SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), now);
        dev.cadence.channel.Transport limited = new dev.cadence.channel.Transport() {
            public String name() {
                return "limited";
            }

            public boolean carries(dev.cadence.model.Channel c) {
                return outbox.carries(c);
            }

            public dev.cadence.channel.SendResult send(dev.cadence.channel.OutgoingMessage m) {
                return outbox.send(m);
            }

            public int batchSize() {
                return outbox.batchSize();
            }

            public java.util.Map<String, String> flush() {
                return outbox.flush();
            }

            public int dailyLimit() {
                return 1;
            }
        };
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, now)) {
            RunSummary s = new Runner(ledger, ws.config(), library, Renderer.of(ws), UnsubscribeToken.unkeyed(), limited,
                    now, Clock.systemUTC(), new RunOptions(0, false, false, RunOptions.DEFAULT_LEASE_TTL)).run("test:1:c");
            assertThat(s.line()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 1");
            assertThat(s.lines()).contains("deferred s enrollment 2: intro: daily limit of 1 emails reached (rolling 24 h)");
        }
    }

    @Test
    void anOptOutCommittedBetweenClaimAndSendMeansNothingIsSent() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(2);
        Problems problems = new Problems();
        Workspace ws = new Workspace(f.ws, ConfigLoader.load(f.ws.resolve("cadence.yaml"), problems));
        SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
        problems.throwIfAny();
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), now);
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, now)) {
            Runner runner = new Runner(ledger, ws.config(), library, Renderer.of(ws), UnsubscribeToken.unkeyed(), outbox,
                    now, Clock.systemUTC(), RunOptions.defaults());
            runner.afterClaim(t -> {
                if (t.contactId() != 1) return;
                // another process (its own connection) records the opt-out after the claim committed
                try (Ledger other = Ledger.open("jdbc:sqlite:" + f.db, now)) {
                    new Outcomes(other, library, ws.config(), now).event(other.contacts().findById(1).orElseThrow(),
                            EventType.OPTOUT, now.instant(), "unsubscribe link", "test");
                }
            });
            RunSummary s = runner.run("test:1:a");
            assertThat(s.line()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 1, deferred 0");
            assertThat(s.lines()).contains("skipped s/intro enrollment 1: c0@example.com was suppressed before the send; not sent");
        }
        Touch dropped = f.touches().get(0);
        assertThat(dropped.status()).isEqualTo(TouchStatus.SKIPPED);
        assertThat(Files.exists(f.ws.resolve("outbox/e1-intro-1.eml"))).isFalse();
        assertThat(Files.exists(f.ws.resolve("outbox/e2-intro-1.eml"))).isTrue();
        assertThat(f.<EnrollmentState>read(l -> l.enrollments().findById(1).orElseThrow().state())).isEqualTo(EnrollmentState.STOPPED);
    }

    /** An outbox that says how many touches were already recorded 'sent' (another connection) at each send. */
    private static class Watching implements dev.cadence.channel.Transport {
        final OutboxTransport outbox;
        final Path db;
        final int batch;
        final java.util.List<Long> sentAtEachSend = new java.util.ArrayList<>();

        Watching(OutboxTransport outbox, Path db, int batch) {
            this.outbox = outbox;
            this.db = db;
            this.batch = batch;
        }

        public String name() {
            return "watching";
        }

        public boolean carries(dev.cadence.model.Channel c) {
            return outbox.carries(c);
        }

        public dev.cadence.channel.SendResult send(dev.cadence.channel.OutgoingMessage m) {
            try (Ledger other = Ledger.open("jdbc:sqlite:" + db, Clock.systemUTC())) {
                sentAtEachSend.add(other.jdbc().queryLong("SELECT COUNT(*) FROM touches WHERE status = 'sent'"));
            }
            return outbox.send(m);
        }

        public int batchSize() {
            return batch;
        }

        public java.util.Map<String, String> flush() {
            return outbox.flush();
        }
    }

    private final java.util.List<Ledger> opened = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeLedgers() {
        opened.forEach(Ledger::close);
    }

    private Runner runner(RunFixture f, dev.cadence.channel.Transport t) {
        return runner(f, t, Clock.systemUTC(), RunOptions.defaults());
    }

    /** A runner at Monday 10:00 over {@code t}, its lease timed by {@code leaseClock}. */
    private Runner runner(RunFixture f, dev.cadence.channel.Transport t, Clock leaseClock, RunOptions options) {
        Problems problems = new Problems();
        Workspace ws = new Workspace(f.ws, ConfigLoader.load(f.ws.resolve("cadence.yaml"), problems));
        SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
        problems.throwIfAny();
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, now);
        opened.add(ledger);
        return new Runner(ledger, ws.config(), library, Renderer.of(ws),
                UnsubscribeToken.unkeyed(), t, now, leaseClock, options);
    }

    @Test
    void aBatchIsClaimedTogetherSentThenRecordedTogether() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(5);
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        Watching t = new Watching(new OutboxTransport("outbox", f.ws.resolve("outbox"), now), f.db, 10);
        java.util.List<Long> sendingAtFirstHook = new java.util.ArrayList<>();
        Runner r = runner(f, t).afterClaim(touch -> {
            if (sendingAtFirstHook.isEmpty()) {
                sendingAtFirstHook.add(f.count("SELECT COUNT(*) FROM touches WHERE status = 'sending'"));
            }
        });
        assertThat(r.run("test:1:d").line()).isEqualTo("sent 5, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(sendingAtFirstHook).containsExactly(5L); // all five claimed in one transaction
        assertThat(t.sentAtEachSend).containsExactly(0L, 0L, 0L, 0L, 0L); // recorded after the last send
        assertThat(f.count("SELECT COUNT(*) FROM touches WHERE status = 'sent'")).isEqualTo(5);
    }

    @Test
    void aSlowBatchIsRecordedInSlicesSoLittleIsLeftInDoubt() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(4);
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        Watching t = new Watching(new OutboxTransport("outbox", f.ws.resolve("outbox"), now), f.db, 10);
        // no time allowed unrecorded: every send is recorded before the next one goes
        Runner r = runner(f, t).maxUnrecorded(java.time.Duration.ZERO);
        assertThat(r.run("test:1:e").line()).isEqualTo("sent 4, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(t.sentAtEachSend).containsExactly(0L, 1L, 2L, 3L);
        assertThat(f.touches()).extracting(Touch::status).containsOnly(TouchStatus.SENT);
        assertThat(f.<String>read(l -> l.enrollments().findById(4).orElseThrow().currentStep())).isEqualTo("follow");
    }

    @Test
    void smtpSendsInBatchesOfAboutASecondOfItsPace() {
        int[][] cases = {{0, dev.cadence.channel.SmtpTransport.BATCH}, {10, 1}, {90, 1}, {600, 10}, {100_000, 50}};
        for (int[] c : cases) {
            RunFixture f = new RunFixture(tmp.resolve("pace" + c[0]), 25, c[0] == 0 ? "" : ", per_minute: " + c[0]);
            Problems problems = new Problems();
            Workspace ws = new Workspace(f.ws, ConfigLoader.load(f.ws.resolve("cadence.yaml"), problems));
            problems.throwIfAny();
            dev.cadence.channel.Transport smtp = dev.cadence.channel.Transports.open(ws, "smtp", java.util.Map.of(),
                    Clock.systemUTC(), d -> { });
            assertThat(smtp.batchSize()).as("per_minute " + c[0]).isEqualTo(c[1]);
        }
    }

    /** A clock a test moves by hand (the lease clock). */
    /**
     * The lease runs out (the send took longer) and another run takes it over, turning the touches
     * left {@code sending} into {@code in_doubt}, as every run does first.
     */
    private static void takeOver(RunFixture f, MovableClock leaseClock, Clock now) {
        leaseClock.now = leaseClock.now.plus(RunOptions.defaults().leaseTtl()).plusSeconds(1);
        try (Ledger other = Ledger.open("jdbc:sqlite:" + f.db, now)) {
            assertThat(new dev.cadence.ledger.RunRepository(other, leaseClock)
                    .tryAcquire("other:2:b", RunOptions.defaults().leaseTtl(), h -> false)).isEmpty();
            other.inTransaction(() -> new dev.cadence.ledger.SendRepository(other).recoverSending("taken over"));
        }
    }

    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse(RunFixture.MONDAY_10);

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRunWhoseLeaseIsTakenOverMidBatchStopsSendingAtOnce() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(4);
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        MovableClock leaseClock = new MovableClock();
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), now);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        dev.cadence.channel.Transport slow = new Watching(outbox, f.db, 10) {
            @Override
            public dev.cadence.channel.SendResult send(dev.cadence.channel.OutgoingMessage m) {
                if (sends.incrementAndGet() == 2) {
                    // this send took longer than the lease: another run took it over
                    takeOver(f, leaseClock, now);
                }
                return outbox.send(m);
            }
        };
        RunSummary s = runner(f, slow, leaseClock, RunOptions.defaults()).run("test:1:f");
        assertThat(s.leaseLost()).isTrue();
        assertThat(sends.get()).as("no send after the lease was lost").isEqualTo(2);
        try (var files = Files.list(f.ws.resolve("outbox"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("e1-intro-1.eml", "e2-intro-1.eml");
        }
        // what this run knows went out is recorded as sent (over the takeover's in_doubt); the two it
        // never sent stay in_doubt, as the run that took over found them, for a person to check
        assertThat(f.touches()).hasSize(4).extracting(Touch::status)
                .containsExactly(TouchStatus.SENT, TouchStatus.SENT, TouchStatus.IN_DOUBT, TouchStatus.IN_DOUBT);
    }

    // ------------------------------------------------------------ the overlapped path (batches > 1)

    @Test
    void theNextBatchIsClaimedAndTheLastOneRecordedWhileABatchIsOnTheWire() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(30); // three batches of ten
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        java.util.concurrent.CountDownLatch thirdClaimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Long> sendingAtEachSend = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        Watching t = new Watching(new OutboxTransport("outbox", f.ws.resolve("outbox"), now), f.db, 10) {
            @Override
            public dev.cadence.channel.SendResult send(dev.cadence.channel.OutgoingMessage m) {
                int n = sends.incrementAndGet();
                try (Ledger other = Ledger.open("jdbc:sqlite:" + f.db, Clock.systemUTC())) {
                    sendingAtEachSend.add(other.jdbc().queryLong("SELECT COUNT(*) FROM touches WHERE status = 'sending'"));
                }
                if (n == 11) {
                    // the second batch's first send waits until the third batch is claimed: only a
                    // ledger thread working while this batch is on the wire gets there
                    try {
                        overlapped.set(thirdClaimed.await(20, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.send(m);
            }
        };
        Runner r = runner(f, t).afterClaim(touch -> {
            if (touch.enrollmentId() == 21) thirdClaimed.countDown();
        });
        assertThat(r.run("test:1:g").line()).isEqualTo("sent 30, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(overlapped).as("batch 3 claimed while batch 2 was on the wire").isTrue();
        // the first batch was recorded (sent) by the time the third was claimed and the second was sending
        assertThat(t.sentAtEachSend.subList(11, 20)).allMatch(n -> n >= 10);
        // never more than two batches claimed and not recorded: what a kill would leave in doubt
        assertThat(sendingAtEachSend).allMatch(n -> n <= 20);
        assertThat(sendingAtEachSend.subList(11, 20)).contains(20L);
        assertThat(f.touches()).hasSize(30).extracting(Touch::status).containsOnly(TouchStatus.SENT);
        try (var files = Files.list(f.ws.resolve("outbox"))) {
            assertThat(files.count()).isEqualTo(30);
        }
    }

    @Test
    void aLeaseLostWhileABatchIsOnTheWireStopsAtTheNextSendAndTheBatchClaimedMeanwhileNeverGoes() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(30); // three batches of ten
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        MovableClock leaseClock = new MovableClock();
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), now);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch thirdClaimed = new java.util.concurrent.CountDownLatch(1);
        dev.cadence.channel.Transport slow = new Watching(outbox, f.db, 10) {
            @Override
            public dev.cadence.channel.SendResult send(dev.cadence.channel.OutgoingMessage m) {
                if (sends.incrementAndGet() == 15) {
                    try {
                        // the third batch is claimed meanwhile (the ledger thread)
                        assertThat(thirdClaimed.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    // this send took longer than the lease: another run took it over
                    takeOver(f, leaseClock, now);
                }
                return outbox.send(m);
            }
        };
        RunSummary s = runner(f, slow, leaseClock, RunOptions.defaults()).afterClaim(touch -> {
                    if (touch.enrollmentId() == 21) thirdClaimed.countDown();
                }).run("test:1:h");
        assertThat(s.leaseLost()).isTrue();
        assertThat(sends.get()).as("no send after the lease was lost").isEqualTo(15);
        try (var files = Files.list(f.ws.resolve("outbox"))) {
            assertThat(files.count()).isEqualTo(15);
        }
        // what went out is recorded as sent; the rest of the second batch and the whole third stay
        // in doubt, as the run that took over found them: none of them was sent
        java.util.List<Touch> touches = f.touches();
        assertThat(touches).hasSize(30);
        assertThat(touches.subList(0, 15)).extracting(Touch::status).containsOnly(TouchStatus.SENT);
        assertThat(touches.subList(15, 30)).extracting(Touch::status).containsOnly(TouchStatus.IN_DOUBT);
        assertThat(s.sent()).isEqualTo(15);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aLeaseDueForRenewalAtEverySendStillSendsEveryTouchRenewingBetweenThem() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(15); // two batches of ten
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        // a lease clock a second later at every look, a lease of a second: a renewal is due before every send
        java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        Clock ticking = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.parse(RunFixture.MONDAY_10).plusSeconds(ticks.incrementAndGet());
            }
        };
        Watching t = new Watching(new OutboxTransport("outbox", f.ws.resolve("outbox"), now), f.db, 10);
        RunSummary s = runner(f, t, ticking, new RunOptions(0, false, false, java.time.Duration.ofSeconds(1))).run("test:1:i");
        assertThat(s.line()).isEqualTo("sent 15, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(s.leaseLost()).isFalse();
        // renewed between every two sends, each cut short there and recorded before the rest went
        // (the first send of the second batch may overlap the recording of the last of the first)
        assertThat(t.sentAtEachSend).hasSize(15);
        for (int i = 0; i < 15; i++) assertThat(t.sentAtEachSend.get(i)).as("send " + i).isBetween(i - 1L, (long) i);
    }

    @Test
    void messageIdsAndTouchKeysStayTheSameAcrossVersions() throws Exception {
        // a touch's Message-ID is how a person checks a touch in doubt: it must not change between versions
        RunFixture f = new RunFixture(tmp, 25);
        Clock now = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);
        Runner r = runner(f, new OutboxTransport("outbox", f.ws.resolve("outbox"), now));
        dev.cadence.ledger.Enrollment e = new dev.cadence.ledger.Enrollment(42, 7, "s", EnrollmentState.ACTIVE, null,
                java.time.LocalDate.parse("2026-03-02"), "intro", 1, null, null, Instant.parse("2026-03-01T08:00:00Z"), null);
        assertThat(r.messageId(e, "intro", 1)).isEqualTo("<42.intro.1.c14ec6ad85a5@example.com>");
        assertThat(r.messageId(e, "step two/é", 3)).isEqualTo("<42.step_two__.3.086095acb453@example.com>");
        assertThat(Runner.touchKey(new Touch(1, 42L, 7, "s", "step two/é", 3, dev.cadence.model.Channel.EMAIL,
                dev.cadence.ledger.TouchKind.AUTO, TouchStatus.SENDING, null, null, null, null, null, null, null, 1, null,
                null, null))).isEqualTo("e42-step_two__-3");
    }
}
