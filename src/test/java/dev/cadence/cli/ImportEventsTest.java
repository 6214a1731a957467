package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import --events}: events in bulk from an email service export (issue 6, item 3). */
class ImportEventsTest {
    static final String NOW = "2026-03-10T15:00:00Z";
    @TempDir
    Path tmp;
    Path ws;
    Cli cli;

    @BeforeEach
    void contactsEnrolled() throws Exception {
        ws = tmp.resolve("w");
        cli = Cli.in(tmp);
        assertThat(cli.run("init", ws.toString()).code()).isZero();
        Path csv = Files.writeString(tmp.resolve("c.csv"), """
                Email,First Name,Company
                ana@a.example,Ana,Acme
                bo@b.example,Bo,Beta
                cy@c.example,Cy,Gamma
                """);
        // imported a week before the events
        Cli.Result r = cli.run("-w", ws.toString(), "--as-of", "2026-03-02T12:00:00Z", "import", csv.toString(),
                "--enroll", "cold-outbound", "--start", "2026-03-02");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-w";
        all[1] = ws.toString();
        all[2] = "--as-of";
        all[3] = NOW;
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.run(all);
    }

    @Test
    void anEmailServiceExportStopsSuppressesAndReportsWhatItCouldNotRead() throws Exception {
        Path events = Files.writeString(tmp.resolve("activity.csv"), """
                Email Address,Activity,Timestamp,Note
                ana@a.example,replied,2026-03-09T14:00:00Z,Sounds good
                bo@b.example,open,2026-03-09,
                cy@c.example,unsubscribed,2026-03-08 10:30,
                nobody@x.example,click,2026-03-09,
                bo@b.example,teleported,2026-03-09,
                """);
        Cli.Result r = run("import", "--events", events.toString(), "--format", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("recorded").asLong()).isEqualTo(3);
        assertThat(s.get("rejected").asLong()).isEqualTo(2);
        assertThat(r.err()).contains("activity.csv:5: ").contains("nobody@x.example")
                .contains("activity.csv:6: type: 'teleported' is not an event");

        // the reply stopped Ana's sequence, the open did not stop Bo's, the unsubscribe suppressed Cy
        assertThat(run("contacts", "show", "ana@a.example").out()).contains("stopped").contains("reply on 2026-03-09");
        assertThat(run("contacts", "show", "bo@b.example").out()).contains("cold-outbound  active");
        assertThat(run("contacts", "show", "cy@c.example").out()).contains("SUPPRESSED").contains("optout");

        // an opt-out survives a re-import of the same contact, and enrolling again is refused
        Path again = Files.writeString(tmp.resolve("again.csv"), "Email,First Name\ncy@c.example,Cyrus\n");
        assertThat(run("import", again.toString(), "--enroll", "quarterly-nurture").code()).isZero();
        assertThat(run("contacts", "show", "cy@c.example").out()).contains("Cyrus").contains("SUPPRESSED");
        Cli.Result enroll = run("enroll", "cy@c.example", "--sequence", "quarterly-nurture");
        assertThat(enroll.code()).isEqualTo(4);
        assertThat(enroll.out() + enroll.err()).contains("suppressed");
    }

    @Test
    void anEventsFileWithoutTheColumnsItNeedsIsOneClearError() throws Exception {
        Path events = Files.writeString(tmp.resolve("x.csv"), "Who,When\nana@a.example,2026-03-09\n");
        Cli.Result r = run("import", "--events", events.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("x.csv:1: an events file needs an email (or contact) column and a type");
    }
}
