package dev.cadence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.agenda.DueItem;
import dev.cadence.agenda.DueList;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The table of {@code due} leaves out the bodies of auto items where they cannot fail: what it
 * prints (and the items but for those bodies) is what the table of fully rendered items prints,
 * also with templates whose bodies fail for some contacts or read a group in a section.
 */
class DueTableBodiesTest {
    @TempDir
    Path tmp;

    @Test
    void theTableIsTheSameWithAndWithoutTheAutoBodies() throws Exception {
        Path ws = tmp.resolve("w");
        Cli.Result init = Cli.in(tmp).run("--as-of", ExampleMorningTest.NOW, "init", "--example", ws.toString());
        assertThat(init.code()).as(init.toString()).isZero();
        // bodies that fail for contacts without a LinkedIn address, and one that reads the previous touch in a section
        for (String t : List.of("intro", "breakup", "angle-a")) {
            Files.writeString(ws.resolve("templates/cold/" + t + ".mustache"), "\nSee {{linkedin}}\n", StandardOpenOption.APPEND);
        }
        Files.writeString(ws.resolve("templates/cold/value.mustache"), "\n{{#previous}}(re: {{subject}} {{note}}){{/previous}}\n",
                StandardOpenOption.APPEND);

        CommandLine cl = new CommandLine(new CadenceCommand(Map.of(), tmp));
        cl.parseArgs("-w", ws.toString(), "--as-of", ExampleMorningTest.NOW);
        try (Session session = Session.of(cl.getCommandSpec())) {
            DueList list = new DueList(session.workspace(), session.existingLedger(), ControlSupport.library(session), session.clock());
            java.time.Instant upTo = DueList.endOfDay(session.clock(), session.workspace().config().timezone(), 3);
            List<DueItem> all = list.list(upTo, DueList.Filter.ALL, true).items();
            List<DueItem> some = list.list(upTo, DueList.Filter.ALL, false).items();

            assertThat(some).hasSameSizeAs(all);
            int leftOut = 0;
            int failed = 0;
            for (int i = 0; i < all.size(); i++) {
                DueItem a = all.get(i);
                DueItem b = some.get(i);
                if (a.error().isPresent()) failed++;
                if (b.body().isEmpty() && a.body().isPresent()) {
                    leftOut++;
                    assertThat(b.kind()).isEqualTo(DueItem.Kind.AUTO);
                    assertThat(b.withBody(a.body())).isEqualTo(a);
                } else {
                    assertThat(b).isEqualTo(a);
                }
            }
            assertThat(leftOut).as("auto bodies left out").isPositive();
            assertThat(failed).as("items whose body fails").isPositive();
            assertThat(table(some)).isEqualTo(table(all));
        }
    }

    private static String table(List<DueItem> items) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        DueCommand.DueTable.print(out, items);
        out.flush();
        return s.toString();
    }
}
