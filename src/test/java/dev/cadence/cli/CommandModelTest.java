package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link CadenceCommand#newCommandLine(String...)} builds the model of the named command only:
 * what picocli prints and does must be the same as with every command.
 */
class CommandModelTest {
    @TempDir
    Path tmp;

    @Test
    void everyCommandIsListedUnderItsOwnName() {
        CommandLine full = full();
        assertThat(full.getSubcommands().keySet()).containsExactlyElementsOf(CadenceCommand.COMMANDS.keySet());
        for (Map.Entry<String, CommandLine> c : full.getSubcommands().entrySet()) {
            assertThat(c.getValue().getCommandSpec().userObject()).isInstanceOf(CadenceCommand.COMMANDS.get(c.getKey()));
            assertThat(c.getValue().getCommandName()).isEqualTo(c.getKey());
        }
    }

    @Test
    void theCommandIsFoundAfterGlobalOptionsOnly() {
        assertThat(CadenceCommand.commandOf("due")).isEqualTo(DueCommand.class);
        // a command's name as an option's value: the full model decides (as it does for "-wdue")
        assertThat(CadenceCommand.commandOf("-w", "due", "run")).isNull();
        assertThat(CadenceCommand.commandOf("-w", "ws", "run")).isEqualTo(RunCommand.class);
        assertThat(CadenceCommand.commandOf("--workspace=ws", "-vv", "--as-of", "2026-03-10", "-q", "due", "--format", "json"))
                .isEqualTo(DueCommand.class);
        assertThat(CadenceCommand.commandOf("--ledger", "x", "--log-file", "f", "--verbose", "contacts", "show", "1"))
                .isEqualTo(ContactsCommand.class);
        // anything unusual builds every command, so picocli answers as always
        assertThat(CadenceCommand.commandOf()).isNull();
        assertThat(CadenceCommand.commandOf("help", "due")).isNull();
        assertThat(CadenceCommand.commandOf("--help")).isNull();
        assertThat(CadenceCommand.commandOf("-wws", "due")).isNull();
        assertThat(CadenceCommand.commandOf("-qv", "due")).isNull();
        assertThat(CadenceCommand.commandOf("--", "due")).isNull();
        assertThat(CadenceCommand.commandOf("dew")).isNull();
        assertThat(CadenceCommand.commandOf("-w")).isNull();
    }

    @Test
    void oneCommandsModelPrintsWhatTheWholeModelPrints() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("cadence.yaml"), "timezone: Europe/Paris\n");
        List<String[]> lines = new ArrayList<>();
        for (String name : CadenceCommand.COMMANDS.keySet()) {
            if (name.equals("help")) continue;
            lines.add(new String[] {name, "--help"});
            lines.add(new String[] {"-w", ws.toString(), name, "--no-such-option"});
            lines.add(new String[] {name, "-w", ws.toString(), "--as-of", "not a time"});
        }
        lines.add(new String[] {"-w", ws.toString(), "--as-of", "2026-03-10T12:00:00Z", "-q", "due", "--format", "json"});
        lines.add(new String[] {"-w", ws.toString(), "due", "--days", "-1"});
        lines.add(new String[] {"-w", ws.toString(), "sequences", "lst"});
        for (String[] args : lines) {
            Class<?> only = CadenceCommand.commandOf(args);
            assertThat(only).as(String.join(" ", args)).isNotNull();
            String[] a = run(full(), args);
            CommandLine one = new CommandLine(new CadenceCommand(Map.of(), tmp));
            CadenceCommand.addCommands(one, only);
            String[] b = run(one, args);
            assertThat(one.getSubcommands()).hasSize(1);
            assertThat(b).as(String.join(" ", args)).containsExactly(a);
        }
    }

    private CommandLine full() {
        CommandLine cl = new CommandLine(new CadenceCommand(Map.of(), tmp));
        CadenceCommand.addCommands(cl, null);
        return cl;
    }

    private static String[] run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CadenceCommand.configure(cl, new PrintWriter(out, true), new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
