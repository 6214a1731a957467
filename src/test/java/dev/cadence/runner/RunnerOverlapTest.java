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
}
