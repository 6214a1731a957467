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
}
