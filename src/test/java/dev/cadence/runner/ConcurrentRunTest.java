package dev.cadence.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes on one ledger, GreenMail as the SMTP server: 8 runs started together, and
 * runs killed with SIGKILL mid-batch then re-run. Nothing is ever delivered twice.
 */
class ConcurrentRunTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    static Process start(RunFixture f, String asOf, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.cadence.cli.Main"));
        cmd.addAll(Arrays.asList(f.args(asOf, "--transport", "smtp")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("CADENCE_NOW");
        pb.environment().remove("CADENCE_LEDGER");
        pb.environment().remove("CADENCE_WORKSPACE");
        return pb.start();
    }

    static Map<String, Long> messageIdCounts() throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) ids.add(m.getHeader("Message-ID", null));
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void eightConcurrentRunsOnOneLedgerSendEachTouchExactlyOnce() throws Exception {
        int n = 1000;
        RunFixture f = new RunFixture(tmp, MAIL.getSmtp().getPort());
        f.contacts(n);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 8; i++) ps.add(start(f, RunFixture.MONDAY_10, tmp.resolve("run" + i + ".log")));
        for (Process p : ps) {
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        // a run that lost the race for the lease exits 0 with a notice; the winner sends everything
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < 8; i++) logs.add(java.nio.file.Files.readString(tmp.resolve("run" + i + ".log")));
        assertThat(logs).anyMatch(l -> l.contains("sent " + n + ", failed 0"));
        MAIL.waitForIncomingEmail(5000, n);
        Map<String, Long> counts = messageIdCounts();
        assertThat(MAIL.getReceivedMessages()).hasSize(n);
        assertThat(counts).hasSize(n).allSatisfy((id, c) -> assertThat(c).isEqualTo(1L));
        List<Touch> touches = f.touches();
        assertThat(touches).hasSize(n).extracting(Touch::status).containsOnly(TouchStatus.SENT);
        assertThat(touches.stream().map(Touch::messageId).collect(Collectors.toSet())).isEqualTo(counts.keySet());
    }

    @Test
    void runsKilledWithSigkillMidBatchThenRerunNeverDeliverTwice() throws Exception {
        // killed in the first batch (sent before the run claims ahead): at most one batch in doubt
        killedAndRerun(Integer.getInteger("cadence.kills", 20), 0, 15, dev.cadence.channel.SmtpTransport.BATCH);
    }

    @Test
    void runsKilledWhileTheLedgerThreadRecordsAndClaimsBehindTheSenderNeverDeliverTwice() throws Exception {
        // killed after the first batch, where the next batch is claimed and the previous one
        // recorded while a batch is on the wire: at most two batches in doubt
        killedAndRerun(Integer.getInteger("cadence.kills", 20) / 2, 60, 120, 2 * dev.cadence.channel.SmtpTransport.BATCH);
    }

    /**
     * {@code kills} runs killed with SIGKILL once the server received between {@code from} and
     * {@code from + spread} more messages, then one run to the end: nothing delivered twice, every
     * touch received but not recorded sent is in doubt, and each kill leaves at most
     * {@code maxLeft} touches claimed and unrecorded ({@code sending}, found in doubt by the next run).
     */
    private void killedAndRerun(int kills, int from, int spread, int maxLeft) throws Exception {
        // a kill leaves up to two batches in doubt (the one on the wire and the next one, claimed
        // meanwhile), never sent again: enough contacts for every round to find a batch to be
        // killed in, and some for the last run
        int n = kills * (from + spread + 2 * dev.cadence.channel.SmtpTransport.BATCH) + 200;
        RunFixture f = new RunFixture(tmp, MAIL.getSmtp().getPort());
        f.contacts(n);
        java.util.Random random = new java.util.Random(42);
        int killed = 0;
        long maxSending = 0;
        for (int round = 0; round < kills; round++) {
            Process p = start(f, RunFixture.MONDAY_10, tmp.resolve("kill" + round + ".log"));
            // let it get going: JVM start, then a random point of the batch
            long before = MAIL.getReceivedMessages().length;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int wait = from + random.nextInt(spread);
            while (p.isAlive() && MAIL.getReceivedMessages().length < before + 1 + wait && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL on Unix
                killed++;
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // what this kill left claimed and unrecorded (the next run finds it in doubt)
            long left = f.count("SELECT COUNT(*) FROM touches WHERE status = 'sending'");
            assertThat(left).as("touches left 'sending' by kill " + round).isLessThanOrEqualTo(maxLeft);
            maxSending = Math.max(maxSending, left);
        }
        // a final run to completion
        Process last = start(f, RunFixture.MONDAY_10, tmp.resolve("last.log"));
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(killed).as("runs killed mid-batch").isGreaterThanOrEqualTo(kills / 2);
        Map<String, Long> counts = messageIdCounts();
        assertThat(counts).allSatisfy((id, c) -> assertThat(c).as(id).isEqualTo(1L));
        List<Touch> touches = f.touches();
        assertThat(touches).hasSize(n);
        assertThat(touches).extracting(Touch::status).allMatch(s -> s == TouchStatus.SENT || s == TouchStatus.FAILED
                || s == TouchStatus.IN_DOUBT);
        Set<String> sentIds = touches.stream().filter(t -> t.status() == TouchStatus.SENT).map(Touch::messageId)
                .collect(Collectors.toCollection(HashSet::new));
        // every 'sent' touch was received; anything received but not marked sent is in doubt
        assertThat(counts.keySet()).containsAll(sentIds);
        for (Touch t : touches) {
            if (counts.containsKey(t.messageId()) && t.status() != TouchStatus.SENT) {
                assertThat(t.status()).isEqualTo(TouchStatus.IN_DOUBT);
            }
        }
        assertThat(f.<String>read(l -> l.jdbc().queryOne("PRAGMA integrity_check", r -> r.resultSet().getString(1)).orElseThrow())).isEqualTo("ok");
        System.out.println("kill test: " + killed + " kills, " + counts.size() + " received, "
                + touches.stream().filter(t -> t.status() == TouchStatus.IN_DOUBT).count() + " in doubt, at most "
                + maxSending + " left 'sending' by a kill");
    }
}
