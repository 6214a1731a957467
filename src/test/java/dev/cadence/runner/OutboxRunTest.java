package dev.cadence.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.cli.Cli;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cadence run} with the default outbox transport, end to end through the CLI. */
class OutboxRunTest {
    @TempDir
    Path tmp;

    static MimeMessage parse(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesOneParsableEmlPerDueTouchWithTheHeadersAndASecondRunSendsNothing() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(3);
        Cli.Result r = f.run(RunFixture.MONDAY_10);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("sent 3, failed 0, in_doubt 0, skipped 0, deferred 0");

        List<Path> emls = files(f.ws.resolve("outbox"));
        assertThat(emls).extracting(p -> p.getFileName().toString())
                .containsExactly("e1-intro-1.eml", "e2-intro-1.eml", "e3-intro-1.eml");
        List<Touch> touches = f.touches();
        assertThat(touches).extracting(Touch::status).containsOnly(TouchStatus.SENT);
        assertThat(touches).extracting(Touch::messageId).doesNotHaveDuplicates().allMatch(id -> id.endsWith("@example.com>"));

        MimeMessage m = parse(emls.get(0));
        Touch t = touches.get(0);
        assertThat(m.getHeader("Message-ID", null)).isEqualTo(t.messageId());
        assertThat(m.getSubject()).isEqualTo("A question for Co0").isEqualTo(t.subject());
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("sales@example.com");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Acme Sales");
        assertThat(((InternetAddress) m.getReplyTo()[0]).getAddress()).isEqualTo("replies@example.com");
        assertThat(((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress()).isEqualTo("c0@example.com");
        assertThat(m.getHeader("List-Unsubscribe", null))
                .startsWith("<mailto:unsubscribe@example.com?subject=unsubscribe>, <https://example.com/u/");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getHeader("In-Reply-To")).isNull();
        assertThat(((String) m.getContent()).replace("\r\n", "\n")).contains("Hi Name0,\n\nA short note for Co0.").isEqualTo(t.body());
        assertThat(f.count("SELECT COUNT(*) FROM runs WHERE finished_at IS NOT NULL")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM run_lease WHERE holder IS NULL")).isEqualTo(1);

        Cli.Result again = f.run(RunFixture.MONDAY_10);
        assertThat(again.code()).isZero();
        assertThat(again.out().strip()).isEqualTo("sent 0, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(files(f.ws.resolve("outbox"))).hasSize(3);
        assertThat(f.touches()).hasSize(3);
    }

    @Test
    void twoEnrollmentsOfOneContactInOneBatchRespectTheCapAcrossSequences() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        java.nio.file.Files.writeString(f.ws.resolve("cadence.yaml"), "caps: { min_gap: 20h }\n",
                java.nio.file.StandardOpenOption.APPEND);
        dev.cadence.sequence.Fixture.write(f.ws, "sequences/t.yaml", """
                name: t
                description: One email.
                steps:
                  - id: hello
                    day: 1
                    channel: email
                    purpose: Another first email.
                    template: intro.mustache
                """);
        long contact = f.contacts(3).get(1);
        try (dev.cadence.ledger.Ledger l = f.ledger()) {
            l.enrollments().enroll(contact, "t", RunFixture.START);
        }
        // the four enrollments are claimed in one batch; the second of c1 must see the first one's claim
        Cli.Result r = f.run(RunFixture.MONDAY_10);
        assertThat(r.out().strip()).isEqualTo("sent 3, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(f.count("SELECT COUNT(*) FROM touches WHERE contact_id = " + contact)).isEqualTo(1);
        // the other one goes once the gap has passed
        assertThat(f.run("2026-03-03T10:00:00Z").out().strip()).startsWith("sent 1,");
        assertThat(f.count("SELECT COUNT(*) FROM touches WHERE contact_id = " + contact + " AND status = 'sent'"))
                .isEqualTo(2);
    }

    @Test
    void theThreadedFollowUpRepliesToTheFirstEmail() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(1);
        assertThat(f.run(RunFixture.MONDAY_10).code()).isZero();
        Cli.Result r = f.run(RunFixture.WEDNESDAY_10);
        assertThat(r.out().strip()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 0");
        List<Touch> t = f.touches();
        MimeMessage follow = parse(f.ws.resolve("outbox/e1-follow-1.eml"));
        assertThat(follow.getSubject()).isEqualTo("Re: A question for Co0");
        assertThat(follow.getHeader("In-Reply-To", null)).isEqualTo(t.get(0).messageId());
        assertThat(follow.getHeader("References", null)).isEqualTo(t.get(0).messageId());
        assertThat(follow.getHeader("Message-ID", null)).isEqualTo(t.get(1).messageId()).isNotEqualTo(t.get(0).messageId());
    }

    @Test
    void aContactOutsideTheirWindowNowGetsNothing() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        // due Monday 09:00 in Los Angeles (17:00 UTC); cron runs late, Tuesday 11:00 UTC = 03:00 there:
        // nothing for her; the UTC contact gets hers
        f.contacts(2, i -> Contact.builder("z" + i + "@example.com").firstName("Z").company("Co")
                .timezone(i == 0 ? "America/Los_Angeles" : "UTC").build());
        Cli.Result r = f.run("2026-03-03T11:00:00Z", "--format", "json");
        assertThat(r.out()).contains("\"sent\":1,\"failed\":0,\"in_doubt\":0,\"skipped\":0,\"deferred\":1");
        assertThat(f.touches()).extracting(Touch::contactId).containsExactly(2L);
        // 17:30 UTC is 09:30 in Los Angeles: now it goes
        Cli.Result later = f.run("2026-03-03T17:30:00Z");
        assertThat(later.out().strip()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 0");
    }

    @Test
    void dryRunRendersAndReportsButWritesNothing() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(2);
        Cli.Result r = f.run(RunFixture.MONDAY_10, "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("would send s/intro enrollment 1: A question for Co0")
                .contains("dry run: would send 2, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(Files.exists(f.ws.resolve("outbox"))).isFalse();
        assertThat(f.count("SELECT COUNT(*) FROM touches")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM runs")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM enrollments WHERE next_due_at IS NOT NULL")).isZero();
    }

    @Test
    void aRenderFailureFailsThatTouchOnlyAndExits3() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(2, i -> Contact.builder("r" + i + "@example.com").firstName("R").company(i == 0 ? null : "Co")
                .timezone("UTC").build());
        Cli.Result r = f.run(RunFixture.MONDAY_10, "--format", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("\"sent\":1,\"failed\":1,\"in_doubt\":0,\"skipped\":0,\"deferred\":0");
        Touch failed = f.touches().get(0);
        assertThat(failed.status()).isEqualTo(TouchStatus.FAILED);
        assertThat(failed.error()).contains("company").contains("intro.mustache");
        assertThat(files(f.ws.resolve("outbox"))).extracting(p -> p.getFileName().toString()).containsExactly("e2-intro-1.eml");
    }

    @Test
    void headerInjectionInContactDataFailsTheTouchAndNothingIsStripped() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        String[] names = {"Eve\r\nBcc: all@evil.example", "Eve\u0085X", "Eve\0", "Eve\u2028X"};
        f.contacts(names.length + 1, i -> Contact.builder("h" + i + "@example.com")
                .firstName(i < names.length ? "F" : "Ok").lastName(i < names.length ? names[i] : "Fine")
                .company("Co").timezone("UTC").build());
        Cli.Result r = f.run(RunFixture.MONDAY_10);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("sent 1, failed 4");
        List<Touch> t = f.touches();
        assertThat(t.get(0).error()).contains("contact name contains a carriage return (CR, U+000D)");
        assertThat(t.get(1).error()).contains("contact name contains a next-line character (NEL, U+0085)");
        assertThat(t.get(2).error()).contains("contact name contains a NUL character");
        assertThat(t.get(3).error()).contains("contact name contains a line separator (U+2028)");
        List<Path> emls = files(f.ws.resolve("outbox"));
        assertThat(emls).hasSize(1);
        MimeMessage ok = parse(emls.get(0));
        List<String> names1 = java.util.Collections.list(ok.getAllHeaders()).stream().map(jakarta.mail.Header::getName).toList();
        assertThat(names1).containsExactlyInAnyOrder("Date", "From", "Reply-To", "To", "Message-ID", "Subject",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "List-Unsubscribe", "List-Unsubscribe-Post");
    }

    @Test
    void aLiveLeaseOfAnotherRunMeansExit0WithANoticeAndAnExpiredOneIsTakenOver() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(1);
        f.read(l -> l.jdbc().update("UPDATE run_lease SET holder = 'elsewhere:1:x', expires_at = ?", Long.MAX_VALUE / 2));
        Cli.Result r = f.run(RunFixture.MONDAY_10);
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("another run is in progress (elsewhere:1:x");
        assertThat(r.out()).isEmpty();
        assertThat(f.touches()).isEmpty();

        f.read(l -> l.jdbc().update("UPDATE run_lease SET expires_at = 1"));
        Cli.Result taken = f.run(RunFixture.MONDAY_10);
        assertThat(taken.out().strip()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 0");
    }

    @Test
    void aSendingTouchOfADeadRunBecomesInDoubtAndIsResentOnlyOnRequest() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(1);
        // a run died after claiming: the touch is 'sending', the outbox has nothing
        f.read(l -> l.jdbc().update("INSERT INTO touches (enrollment_id, contact_id, sequence, step_id, occurrence, channel,"
                + " kind, status, message_id, attempts, at, created_at) VALUES (1, 1, 's', 'intro', 1, 'email', 'auto',"
                + " 'sending', '<dead@example.com>', 1, 1772445600000, 1772445600000)"));
        Cli.Result r = f.run(RunFixture.MONDAY_10);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out().strip()).isEqualTo("sent 0, failed 0, in_doubt 1, skipped 0, deferred 0");
        assertThat(f.touches().get(0).status()).isEqualTo(TouchStatus.IN_DOUBT);
        assertThat(f.run(RunFixture.MONDAY_10).out().strip()).isEqualTo("sent 0, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(files(f.ws.resolve("outbox"))).isEmpty();

        Cli.Result resend = f.run(RunFixture.MONDAY_10, "--resend-in-doubt");
        assertThat(resend.out().strip()).isEqualTo("sent 1, failed 0, in_doubt 0, skipped 0, deferred 0");
        Touch t = f.touches().get(0);
        assertThat(t.status()).isEqualTo(TouchStatus.SENT);
        assertThat(t.attempts()).isEqualTo(2);
        assertThat(parse(f.ws.resolve("outbox/e1-intro-1.eml")).getHeader("Message-ID", null)).isEqualTo("<dead@example.com>");
    }

    @Test
    void aFileThatCannotBeWrittenFailsThatTouchOnly() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(2);
        Files.createDirectories(f.ws.resolve("outbox/e1-intro-1.eml/in-the-way"));
        Cli.Result r = f.run(RunFixture.MONDAY_10);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out().strip()).isEqualTo("sent 1, failed 1, in_doubt 0, skipped 0, deferred 0");
        List<Touch> t = f.touches();
        assertThat(t.get(0).status()).isEqualTo(TouchStatus.FAILED);
        assertThat(t.get(0).error()).startsWith("cannot write ").contains("e1-intro-1.eml");
        assertThat(t.get(1).status()).isEqualTo(TouchStatus.SENT);
        assertThat(files(f.ws.resolve("outbox"))).extracting(p -> p.getFileName().toString())
                .containsExactly("e1-intro-1.eml", "e2-intro-1.eml");
    }

    @Test
    void limitSendsAtMostNAndDefersTheRest() throws Exception {
        RunFixture f = new RunFixture(tmp, 25);
        f.contacts(5);
        assertThat(f.run(RunFixture.MONDAY_10, "--limit", "2").out().strip())
                .isEqualTo("sent 2, failed 0, in_doubt 0, skipped 0, deferred 3");
        assertThat(f.run(RunFixture.MONDAY_10).out().strip()).isEqualTo("sent 3, failed 0, in_doubt 0, skipped 0, deferred 0");
        assertThat(f.run(RunFixture.MONDAY_10, "--limit", "0").code()).isEqualTo(2);
    }
}
