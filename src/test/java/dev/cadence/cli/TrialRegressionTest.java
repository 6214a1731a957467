package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects a new-user trial found, kept fixed. */
class TrialRegressionTest {
    @TempDir
    Path tmp;
    Path ws;
    Cli cli;

    @BeforeEach
    void workspace() {
        ws = tmp.resolve("w");
        cli = Cli.in(tmp);
        assertThat(cli.run("init", ws.toString()).code()).isZero();
    }

    @Test
    void aTemplateMayUseAColumnImportedIntoTheLedger() throws Exception {
        Path intro = ws.resolve("templates/cold/intro.mustache");
        Files.writeString(intro, Files.readString(intro) + "\nGreetings to {{city}}.\n");
        Cli.Result before = cli.run("-w", ws.toString(), "validate");
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.err()).contains("unknown variable 'city'").contains("custom_fields:");

        Path csv = Files.writeString(tmp.resolve("c.csv"), "Email,First Name,City\nzoe@x.example,Zoë,Lyon\n");
        assertThat(cli.run("-w", ws.toString(), "import", csv.toString()).code()).isZero();
        Cli.Result after = cli.run("-w", ws.toString(), "validate");
        assertThat(after.code()).as(after.toString()).isZero();
    }

    @Test
    void unknownFilterValuesAreErrorsNotEmptyLists() throws Exception {
        Path csv = Files.writeString(tmp.resolve("c.csv"), "Email\nzoe@x.example\n");
        assertThat(cli.run("-w", ws.toString(), "import", csv.toString()).code()).isZero();
        Cli.Result stage = cli.run("-w", ws.toString(), "contacts", "list", "--stage", "qualifed");
        assertThat(stage.code()).isEqualTo(2);
        assertThat(stage.err()).contains("unknown stage 'qualifed'; did you mean 'qualified'?");
        Cli.Result seq = cli.run("-w", ws.toString(), "export", "contacts", "--sequence", "cold-outbond");
        assertThat(seq.code()).isEqualTo(2);
        assertThat(seq.err()).contains("did you mean 'cold-outbound'");
        assertThat(seq.out()).isEmpty();
    }

    @Test
    void everyDateOptionSaysWhatADateLooksLike() {
        Cli.Result r = cli.run("-w", ws.toString(), "sequences", "show", "cold-outbound", "--start", "garbage");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'garbage' is not a date; use YYYY-MM-DD").doesNotContain("java.time");
    }

    @Test
    void theLogFileRecordsEachRunItsErrorsAndItsExitStatus() throws Exception {
        Path log = tmp.resolve("cron.log");
        Cli.Result bad = cli.run("-q", "--log-file", log.toString(), "-w", ws.toString(), "contacts", "show", "ghost@x.example");
        assertThat(bad.code()).isEqualTo(2);
        Cli.Result ok = cli.run("-q", "--log-file", log.toString(), "-w", ws.toString(), "validate");
        assertThat(ok.code()).isZero();
        String text = Files.readString(log);
        assertThat(text).contains("start: cadence -q --log-file").contains("contacts show ghost@x.example")
                .contains("exit 2: ").contains("ghost@x.example")
                .contains("validate").contains("exit 0");
    }

    @Test
    void anExportIsReadableByTeammatesLikeAnyNewFile() throws Exception {
        Path csv = Files.writeString(tmp.resolve("c.csv"), "Email\nzoe@x.example\n");
        assertThat(cli.run("-w", ws.toString(), "import", csv.toString()).code()).isZero();
        Path out = tmp.resolve("out.csv");
        assertThat(cli.run("-w", ws.toString(), "export", "contacts", "-o", out.toString()).code()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void loggingTheLastManualStepCompletesTheSequenceAndChainsIntoOnComplete() throws Exception {
        Files.writeString(ws.resolve("sequences/one-call.yaml"), """
                name: one-call
                on_complete: { enroll: quarterly-nurture }
                steps:
                  - id: call
                    day: 1
                    channel: call
                    purpose: Ask the one question that decides whether to go on.
                """);
        Path csv = Files.writeString(tmp.resolve("c.csv"), "Email,First Name,Phone\nzoe@x.example,Zoë,+1 212 555 0100\n");
        String asOf = "2026-03-10T15:00:00Z";
        assertThat(cli.run("-w", ws.toString(), "--as-of", asOf, "import", csv.toString(), "--enroll", "one-call").code())
                .isZero();
        Cli.Result log = cli.run("-w", ws.toString(), "--as-of", asOf, "log", "zoe@x.example", "--channel", "call",
                "--outcome", "connected", "--note", "Interested in Q3");
        assertThat(log.code()).as(log.toString()).isZero();
        String show = cli.run("-w", ws.toString(), "--as-of", asOf, "contacts", "show", "zoe@x.example").out();
        assertThat(show).contains("one-call  completed").contains("quarterly-nurture  active");
    }

    @Test
    void eachRunAppliesTheSilenceRule() throws Exception {
        // the init cadence.yaml enrolls contacts silent for 90 days in reactivation
        Path csv = Files.writeString(tmp.resolve("c.csv"), "Email,First Name\nold@x.example,Olga\n");
        assertThat(cli.run("-w", ws.toString(), "--as-of", "2026-01-05T15:00:00Z", "import", csv.toString()).code()).isZero();
        Cli.Result run = cli.run("-w", ws.toString(), "--as-of", "2026-06-02T15:00:00Z", "run");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).contains("silence rule: 1 silent contacts enrolled in reactivation");
        assertThat(cli.run("-w", ws.toString(), "contacts", "show", "old@x.example").out()).contains("reactivation  active");
    }

    @Test
    void aLedgerPathInAFolderThatDoesNotExistSaysSo() {
        Cli.Result r = cli.run("-w", ws.toString(), "--ledger", tmp.resolve("nope/dir/x.db").toString(), "contacts", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("folder " + tmp.resolve("nope/dir") + " does not exist").doesNotContain("import contacts first");
        assertThat(tmp.resolve("nope")).doesNotExist();
    }
}
