package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {
    @TempDir
    Path tmp;

    @Test
    void versionNamesToolJavaAndSchema() {
        Cli.Result r = Cli.in(tmp).run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("cadence ").contains("ledger schema");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.in(tmp).run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("missing command");
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        Cli.Result r = Cli.in(tmp).run("--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--frobnicate").doesNotContain("Exception");
    }

    @Test
    void globalOptionsAreAcceptedAfterTheCommandToo() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("cadence.yaml"), "timezone: Europe/Paris\n");
        CadenceCommand root = new CadenceCommand(java.util.Map.of(), tmp);
        picocli.CommandLine cl = new picocli.CommandLine(root);
        CadenceCommand.addCommands(cl, null);
        cl.parseArgs("validate", "-w", ws.toString(), "--as-of", "2026-03-06");
        assertThat(root.workspace).isEqualTo(ws);
        assertThat(root.asOf).isEqualTo("2026-03-06");
    }
}
