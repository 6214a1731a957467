package dev.cadence.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.channel.OutboxTransport;
import dev.cadence.channel.OutgoingMessage;
import dev.cadence.channel.SendResult;
import dev.cadence.channel.Transport;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.Channel;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overlapped path of the runner (a transport of batches: the sending on a second thread while
 * the run's thread records the batch before and claims the one after): what it may leave claimed
 * and unrecorded, and what the batch claimed ahead sees of the one on the wire.
 */
class RunnerOverlapTest {
    @TempDir
    Path tmp;

    static final Clock NOW = Clock.fixed(Instant.parse(RunFixture.MONDAY_10), ZoneOffset.UTC);

    /** An outbox transport of batches of {@code batch}, each send through {@code send} (which may call the outbox). */
    static Transport transport(OutboxTransport outbox, int batch, Function<OutgoingMessage, SendResult> send) {
        return new Transport() {
            public String name() {
                return "test";
            }

            public boolean carries(Channel c) {
                return outbox.carries(c);
            }

            public int batchSize() {
                return batch;
            }

            public Map<String, String> flush() {
                return outbox.flush();
            }

            public SendResult send(OutgoingMessage m) {
                return send.apply(m);
            }
        };
    }

    Runner runner(RunFixture f, Ledger ledger, Transport t, RunOptions options) {
        Problems problems = new Problems();
        Workspace ws = new Workspace(f.ws, ConfigLoader.load(f.ws.resolve("cadence.yaml"), problems));
        SequenceLibrary library = SequenceLoader.loadAll(ws, problems);
        return new Runner(ledger, ws.config(), library, Renderer.of(ws), UnsubscribeToken.unkeyed(), t, NOW,
                Clock.systemUTC(), options);
    }

    static long sending(RunFixture f) {
        try (Ledger other = Ledger.open("jdbc:sqlite:" + f.db, Clock.systemUTC())) {
            return other.jdbc().queryLong("SELECT COUNT(*) FROM touches WHERE status = 'sending'");
        }
    }

    @Test
    void aSlowServerCuttingEveryBatchShortNeverLeavesMoreThanTwoBatchesClaimedAndUnrecorded() throws Exception {
        // about five sends fit in a slice of 100 ms: every batch of ten is cut short, its rest put
        // back in front of the batch claimed meanwhile; a kill at any send leaves what is 'sending'
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(60);
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), NOW);
        List<Long> sendingAtEachSend = new CopyOnWriteArrayList<>();
        Transport slow = transport(outbox, 10, m -> {
            sendingAtEachSend.add(sending(f));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return outbox.send(m);
        });
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, NOW)) {
            RunSummary s = runner(f, ledger, slow, RunOptions.defaults()).maxUnrecorded(Duration.ofMillis(100)).run("test:1:z");
            assertThat(s.line()).isEqualTo("sent 60, failed 0, in_doubt 0, skipped 0, deferred 0");
        }
        assertThat(sendingAtEachSend).hasSize(60);
        assertThat(sendingAtEachSend).as("claimed and unrecorded at each send: at most two batches")
                .allMatch(n -> n <= 20);
        assertThat(sendingAtEachSend).as("the run did claim ahead").anyMatch(n -> n > 10);
    }

    @Test
    void aHardBounceInOneBatchIsSeenByTheBatchClaimedWhileItWasOnTheWire() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        dev.cadence.sequence.Fixture.write(f.ws, "sequences/t.yaml", """
                name: t
                description: Another sequence, the same first email.
                steps:
                  - id: intro
                    day: 1
                    channel: email
                    purpose: First email.
                    template: intro.mustache
                """);
        // batches of two, in enrollment order: (1, 2), then (3, 4) on the wire while (5, 6) is
        // claimed; enrollments 3 and 6 are the same contact (c2), in s and in t
        List<Long> ids = f.contacts(5);
        try (Ledger l = f.ledger()) {
            l.inTransaction(() -> l.enrollments().enroll(ids.get(2), "t", RunFixture.START));
        }
        long tEnrollment = f.read(l -> l.jdbc().queryLong("SELECT id FROM enrollments WHERE sequence = 't'"));
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), NOW);
        java.util.concurrent.CountDownLatch claimedAhead = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> sentTo = new CopyOnWriteArrayList<>();
        Transport t = transport(outbox, 2, m -> {
            sentTo.add(m.to().email());
            if (m.to().email().equals("c2@example.com")) {
                try {
                    // the second batch's bounce comes back once the third batch is claimed
                    overlapped.set(claimedAhead.await(20, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new SendResult.Permanent("550 5.1.1 no such user");
            }
            return outbox.send(m);
        });
        RunSummary s;
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, NOW)) {
            s = runner(f, ledger, t, RunOptions.defaults()).afterClaim(touch -> {
                if (touch.enrollmentId() == tEnrollment) claimedAhead.countDown();
            }).run("test:1:b");
        }
        assertThat(overlapped).as("the third batch was claimed while the second was on the wire").isTrue();
        assertThat(sentTo).as("c2 emailed once: the bounce, never again").containsOnlyOnce("c2@example.com");
        assertThat(s.line()).isEqualTo("sent 4, failed 1, in_doubt 0, skipped 1, deferred 0");
        assertThat(s.lines()).contains("skipped t/intro enrollment " + tEnrollment
                + ": c2@example.com was suppressed before the send; not sent");
    }

    @Test
    void aServerLostMidRunDefersTheBatchClaimedMeanwhileWithoutAnAttempt() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(50); // five batches of ten
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), NOW);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch thirdClaimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        Transport lost = new Transport() {
            volatile String down;

            public String name() {
                return "lost";
            }

            public boolean carries(Channel c) {
                return outbox.carries(c);
            }

            public int batchSize() {
                return 10;
            }

            public Map<String, String> flush() {
                return outbox.flush();
            }

            public java.util.Optional<String> unreachable() {
                return java.util.Optional.ofNullable(down);
            }

            public SendResult send(OutgoingMessage m) {
                int n = sends.incrementAndGet();
                if (down != null) return new SendResult.Temporary(down + " (not tried again in this run)");
                if (n == 15) {
                    // lost in the second batch, once the third is claimed
                    try {
                        overlapped.set(thirdClaimed.await(20, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    down = "cannot connect";
                    return new SendResult.Temporary(down);
                }
                return outbox.send(m);
            }
        };
        RunSummary s;
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, NOW)) {
            // no slice cut short by time on a loaded machine: the loss, not the clock, ends the second batch
            s = runner(f, ledger, lost, RunOptions.defaults()).maxUnrecorded(Duration.ofMinutes(1)).afterClaim(touch -> {
                if (touch.enrollmentId() == 21) thirdClaimed.countDown();
            }).run("test:1:l");
        }
        assertThat(overlapped).as("the third batch was claimed while the second was on the wire").isTrue();
        // the batch on the wire fails from the loss on (as in a run without overlap); the third,
        // claimed meanwhile, never reaches the transport: released, deferred with the rest
        assertThat(sends.get()).as("sends handed to the transport").isEqualTo(20);
        assertThat(s.line()).isEqualTo("sent 14, failed 6, in_doubt 0, skipped 0, deferred 30");
        assertThat(s.lines()).contains("deferred 30 more: cannot connect");
        List<dev.cadence.ledger.Touch> touches = f.touches();
        assertThat(touches).hasSize(20).allMatch(t -> t.attempts() == 1);
        assertThat(touches).filteredOn(t -> t.status() == dev.cadence.ledger.TouchStatus.FAILED)
                .extracting(dev.cadence.ledger.Touch::enrollmentId).containsExactly(15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(f.count("SELECT COUNT(*) FROM touches WHERE enrollment_id > 20")).as("no touch, no attempt").isZero();
    }

    @Test
    void aReleasedClaimLeavesNoAttempt() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(1);
        try (Ledger l = Ledger.open("jdbc:sqlite:" + f.db, NOW)) {
            dev.cadence.ledger.SendRepository sends = new dev.cadence.ledger.SendRepository(l);
            // a first claim: released, the touch is gone
            dev.cadence.ledger.Touch first = l.inTransaction(() -> sends.claim(1, 1, "s", "intro", 1, Channel.EMAIL,
                    "<m1@example.com>", null, NOW.instant(), false)).orElseThrow();
            assertThat(l.inTransaction(() -> sends.release(first, java.util.Optional.empty()))).isTrue();
            assertThat(sends.find(1, "intro", 1)).isEmpty();
            // a retry of a failed touch: released, back to failed with its one attempt and its error
            dev.cadence.ledger.Touch claimed = l.inTransaction(() -> sends.claim(1, 1, "s", "intro", 1, Channel.EMAIL,
                    "<m1@example.com>", null, NOW.instant(), false)).orElseThrow();
            l.inTransaction(() -> sends.markFailed(claimed.id(), null, null, "421 try later"));
            dev.cadence.ledger.Touch failed = sends.findById(claimed.id()).orElseThrow();
            dev.cadence.ledger.Touch retry = l.inTransaction(() -> sends.claim(1, 1, "s", "intro", 1, Channel.EMAIL,
                    "<m1@example.com>", null, NOW.instant(), false)).orElseThrow();
            assertThat(retry.attempts()).isEqualTo(2);
            assertThat(l.inTransaction(() -> sends.release(retry, java.util.Optional.of(failed)))).isTrue();
            dev.cadence.ledger.Touch back = sends.findById(claimed.id()).orElseThrow();
            assertThat(back.status()).isEqualTo(dev.cadence.ledger.TouchStatus.FAILED);
            assertThat(back.attempts()).isEqualTo(1);
            assertThat(back.error()).isEqualTo("421 try later");
            assertThat(back.at()).isEqualTo(failed.at());
            // a touch no longer 'sending' (another run found it in doubt) is left alone
            assertThat(l.inTransaction(() -> sends.release(back, java.util.Optional.empty()))).isFalse();
            // a stalled run's release after a takeover: the other run found its claim in doubt and
            // claimed it again (--resend-in-doubt, one more attempt); that claim is not undone
            dev.cadence.ledger.Touch stale = l.inTransaction(() -> sends.claim(1, 1, "s", "intro", 1, Channel.EMAIL,
                    "<m1@example.com>", null, NOW.instant(), false)).orElseThrow();
            l.inTransaction(() -> sends.recoverSending("run 1 lost its lease"));
            dev.cadence.ledger.Touch theirs = l.inTransaction(() -> sends.claim(1, 1, "s", "intro", 1, Channel.EMAIL,
                    "<m1@example.com>", null, NOW.instant(), true)).orElseThrow();
            assertThat(theirs.attempts()).isEqualTo(stale.attempts() + 1);
            assertThat(l.inTransaction(() -> sends.release(stale, java.util.Optional.of(back)))).isFalse();
            dev.cadence.ledger.Touch still = sends.findById(theirs.id()).orElseThrow();
            assertThat(still.status()).isEqualTo(dev.cadence.ledger.TouchStatus.SENDING);
            assertThat(still.attempts()).isEqualTo(theirs.attempts());
        }
    }

    @Test
    void aFailureOfTheRunsThreadWhileABatchIsOnTheWireStopsTheSenderAtItsNextSend() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(30); // three batches of ten
        OutboxTransport outbox = new OutboxTransport("outbox", f.ws.resolve("outbox"), NOW);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        Transport t = transport(outbox, 10, m -> {
            if (sends.incrementAndGet() == 21) {
                // the third batch's first send: the run's thread fails meanwhile, recording the second
                try {
                    overlapped.set(failed.await(20, java.util.concurrent.TimeUnit.SECONDS));
                    Thread.sleep(300); // time for the run's thread to leave
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return outbox.send(m);
        });
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + f.db, NOW)) {
            Runner r = runner(f, ledger, t, RunOptions.defaults()).progress(line -> {
                if (line.contains("enrollment 11:")) {
                    failed.countDown();
                    throw new IllegalStateException("recording failed");
                }
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.run("test:1:f")).hasMessage("recording failed");
        }
        assertThat(overlapped).as("the second batch recorded while the third was on the wire").isTrue();
        assertThat(sends.get()).as("no send after the run's thread failed").isEqualTo(21);
        try (var files = java.nio.file.Files.list(f.ws.resolve("outbox"))) {
            assertThat(files.count()).isEqualTo(21);
        }
    }
}
