package dev.cadence.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceValidatorTest {
    @TempDir
    Path tmp;

    @Test
    void theFixtureIsValid() {
        WorkspaceValidator.Result r = WorkspaceValidator.validate(Fixture.workspace(tmp), List.of());
        assertThat(r.problems().sorted()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.library().size()).isEqualTo(2);
        assertThat(r.library().stepCount()).isEqualTo(6);
        assertThat(r.templates()).hasSize(6);
    }

    @Test
    void severalProblemsFromSeveralFilesInOneRun() throws Exception {
        Path ws = Fixture.workspace(tmp);
        Fixture.write(ws, "cadence.yaml", Fixture.CONFIG.replace("silence: { after: 10 days, enroll: nurture }",
                "silence: { after: 10 days, enroll: reactivation }\ntimezon: UTC"));
        Fixture.write(ws, "sequences/nurture.yaml", Fixture.NURTURE.replace("channel: email", "channel: emial"));
        Files.delete(ws.resolve("templates/cold/call.mustache"));
        Fixture.write(ws, "templates/cold/value.mustache", "Hi {{first_name}},\n{{#company}}\nabout {{compnay}}\n");
        Fixture.write(ws, "templates/cold/angle-a.mustache", "subject: x\n---\nHi {{frist_name}}\n");

        WorkspaceValidator.Result r = WorkspaceValidator.validate(ws, List.of());
        List<Problem> problems = r.problems().sorted();
        assertThat(problems).extracting(p -> ws.relativize(p.location().file()).toString() + ":" + p.location().line()
                + ":" + p.location().column()).containsExactly(
                "cadence.yaml:7:36",        // silence.enroll: unknown sequence
                "cadence.yaml:8:1",         // unknown key timezon
                "sequences/nurture.yaml:8:14",   // unknown channel
                "sequences/outbound.yaml:23:15", // missing template cold/call.mustache
                "templates/cold/angle-a.mustache:3:4",  // unknown variable
                "templates/cold/value.mustache:2:1");   // unclosed section
        assertThat(problems.get(0).message()).contains("silence.enroll: 'reactivation' is not a sequence");
        assertThat(problems.get(3).message()).contains("template 'cold/call.mustache' not found");
        assertThat(problems.get(4).message()).contains("frist_name");
        assertThat(problems.get(5).message()).contains("never closed");
        // outbound itself is fine apart from its missing template; nurture is broken
        assertThat(r.library().names()).containsExactly("outbound");
    }

    @Test
    void automaticEmailTemplateNeedsASubjectUnlessThreaded() {
        Path ws = Fixture.workspace(tmp);
        Fixture.write(ws, "templates/cold/intro.mustache", "Hi {{first_name}}\n");
        List<Problem> problems = WorkspaceValidator.validate(ws, List.of()).problems().sorted();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location(ws.resolve("sequences/outbound.yaml"), 11, 15));
            assertThat(p.message()).contains("step 'intro'").contains("has no subject");
        });
    }

    @Test
    void variablesKnownOnlyToTheCallerOrToAnotherSequenceDefaults() {
        Path ws = Fixture.workspace(tmp);
        // 'pain' is a default of outbound only; nurture's template may not use it
        Fixture.write(ws, "templates/nurture/quarterly.mustache", "subject: {{pain}}\n---\n{{plan}}\n");
        List<Problem> problems = WorkspaceValidator.validate(ws, List.of("plan")).problems().sorted();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.message()).contains("unknown variable 'pain'");
        });
    }

    @Test
    void aTemplateSharedBySeveralStepsReportsItsProblemOnce() {
        Path ws = Fixture.workspace(tmp);
        Fixture.write(ws, "sequences/nurture.yaml", Fixture.NURTURE.replace("nurture/quarterly.mustache", "cold/angle-a.mustache"));
        Fixture.write(ws, "templates/cold/angle-a.mustache", "subject: x\n---\n{{nope}}\n");
        assertThat(WorkspaceValidator.validate(ws, List.of()).problems().sorted()).hasSize(1);
    }
}
