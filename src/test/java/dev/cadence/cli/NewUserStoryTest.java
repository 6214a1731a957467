package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadence.sequence.WorkspaceValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user does first (issue 2, "Done when"), through the real command line. */
class NewUserStoryTest {
    @TempDir
    Path tmp;

    @Test
    void initThenValidateThenShowTheBuiltInPlans() throws Exception {
        Path ws = tmp.resolve("w");
        Cli cli = Cli.in(tmp);
        assertThat(cli.run("init", ws.toString()).code()).isZero();

        Cli.Result validate = cli.run("-w", ws.toString(), "validate");
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("6 sequences");
        assertThat(validate.err()).isEmpty();

        // the real validator, not only the command's summary: every built-in sequence and template is clean
        WorkspaceValidator.Result result = WorkspaceValidator.validate(ws, List.of());
        assertThat(result.problems().asList()).isEmpty();
        assertThat(result.library().names()).containsExactlyInAnyOrder("cold-outbound", "quarterly-nurture",
                "multichannel", "inbound-lead", "reactivation", "post-purchase");
        assertThat(result.library().broken()).isEmpty();

        Cli.Result show = cli.run("-w", ws.toString(), "--as-of", "2026-11-23", "sequences", "show", "cold-outbound");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("intro").contains("breakup").contains("Mon 2026-11-23");

        Cli.Result json = cli.run("-w", ws.toString(), "sequences", "list", "--format", "json");
        JsonNode list = new ObjectMapper().readTree(json.out());
        assertThat(list.size()).isEqualTo(6);
    }

    @Test
    void aWorkspaceFoundFromTheCurrentFolderOrTheEnvironment() throws Exception {
        Path ws = tmp.resolve("w");
        assertThat(Cli.in(tmp).run("init", ws.toString()).code()).isZero();
        Path deep = Files.createDirectories(ws.resolve("sequences/drafts"));
        assertThat(Cli.in(deep).run("validate").code()).isZero();
        assertThat(Cli.in(tmp).env("CADENCE_WORKSPACE", ws.toString()).run("validate").code()).isZero();
    }

    @Test
    void aWorkspaceThatDoesNotExistIsOneClearMessage() {
        Cli.Result r = Cli.in(tmp).run("-w", tmp.resolve("nope").toString(), "validate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("does not exist").contains("cadence init").doesNotContain("Exception");
    }

    @Test
    void brokenFilesAreReportedTogetherWithLinesAndNothingIsWritten() throws Exception {
        Path ws = tmp.resolve("w");
        assertThat(Cli.in(tmp).run("init", ws.toString()).code()).isZero();
        Files.writeString(ws.resolve("cadence.yaml"), "timezone: Mars/Base\nwindoww: \"09:00-17:00\"\n");
        Files.writeString(ws.resolve("templates/cold/value.mustache"), "subject: A case\n---\nHello {{#company}}{{company}}\n");
        Cli.Result r = Cli.in(tmp).run("-w", ws.toString(), "validate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cadence.yaml:1:11: ").contains("unknown time zone 'Mars/Base'")
                .contains("cadence.yaml:2:1: unknown key 'windoww'")
                .contains("templates/cold/value.mustache:3:")
                .doesNotContain("Exception");
        assertThat(ws.resolve("cadence.db")).doesNotExist();
    }
}
