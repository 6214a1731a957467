package dev.cadence.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.sequence.Fixture;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Location;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateFileTest {
    @TempDir
    Path tmp;

    private Path templates() {
        return tmp.resolve("templates");
    }

    private TemplateFile read(String name, String text, Problems problems) {
        Fixture.write(templates(), name, text);
        return TemplateFile.read(templates(), name, problems);
    }

    private List<Problem> check(String text) {
        Problems problems = new Problems();
        TemplateFile t = read("t.mustache", text, problems);
        if (t != null) new TemplateVariables(List.of("industry"), Set.of("pain"), Set.of()).check(t, problems);
        return problems.sorted();
    }

    @Test
    void frontMatterGivesSubjectAndBodyStartsAfterIt() {
        Problems problems = new Problems();
        TemplateFile t = read("a/b.mustache", "subject: Hello {{first_name}}\n---\nHi {{company}}\n", problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(t.subject()).contains("Hello {{first_name}}");
        assertThat(t.body()).isEqualTo("Hi {{company}}\n");
        assertThat(t.bodyLine()).isEqualTo(3);
        assertThat(t.variableNames()).containsExactly("first_name", "company");
        assertThat(t.variables().get(0).location()).isEqualTo(new Location(templates().resolve("a/b.mustache"), 1, 16));
        assertThat(t.variables().get(1).location()).isEqualTo(new Location(templates().resolve("a/b.mustache"), 3, 4));
    }

    @Test
    void withoutFrontMatterEverythingIsBody() {
        Problems problems = new Problems();
        TemplateFile t = read("t.mustache", "Note: call {{name}}\nthen log it\n", problems);
        assertThat(t.subject()).isEmpty();
        assertThat(t.bodyLine()).isEqualTo(1);
        assertThat(t.body()).startsWith("Note: call");
    }

    @Test
    void unclosedSectionIsReportedAtItsFileLineAfterTheFrontMatter() {
        List<Problem> problems = check("subject: Hi\n---\nHello,\n\n  {{#company}}at {{company}}\nBye\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).location()).isEqualTo(new Location(tmp.resolve("templates/t.mustache"), 5, 3));
        assertThat(problems.get(0).message()).contains("section {{#company}}").contains("never closed").contains("{{/company}}");
    }

    @Test
    void mismatchedCloseTag() {
        List<Problem> problems = check("subject: Hi\n---\n{{#company}}\nx {{/compnay}}\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).location().line()).isEqualTo(4);
        assertThat(problems.get(0).location().column()).isEqualTo(3);
        assertThat(problems.get(0).message()).contains("{{/compnay}} does not match the open section {{#company}}");
    }

    @Test
    void syntaxErrorInSubjectIsAtTheSubjectLine() {
        List<Problem> problems = check("\nsubject: Hi {{#first_name}}\n---\nbody\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).location().line()).isEqualTo(2);
    }

    @Test
    void unknownVariableIsReportedWhereUsedWithCloseNames() {
        List<Problem> problems = check("subject: Hi\n---\nHello {{frist_name}},\nfrom {{sender.nmae}} {{company.x}}\n");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0).location()).isEqualTo(new Location(tmp.resolve("templates/t.mustache"), 3, 7));
        assertThat(problems.get(0).message()).contains("unknown variable 'frist_name'").contains("did you mean 'first_name'");
        assertThat(problems.get(1).location().column()).isEqualTo(6);
        assertThat(problems.get(1).message()).contains("unknown variable 'sender.nmae'; did you mean 'sender.name'?");
        assertThat(problems.get(2).message()).contains("company is a single value and has no parts");
    }

    @Test
    void customFieldsDefaultsContextAndSectionsAreKnown() {
        assertThat(check("subject: {{company}}\n---\n{{industry}} {{pain}} {{today}} {{unsubscribe_url}} {{last_note}}\n"
                + "{{#sender}}{{name}} {{reply_to}}{{/sender}} {{previous.subject}} {{step.purpose}} {{sequence.name}}\n"
                + "{{#phone}}call {{phone}}{{/phone}} {{! a comment }}\n")).isEmpty();
    }

    @Test
    void groupAsValueIsAnError() {
        List<Problem> problems = check("Hi from {{sender}}\n");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("is a group"));
    }

    @Test
    void fallbackSectionIsAcceptedAndMarked() {
        Problems problems = new Problems();
        TemplateFile t = read("t.mustache", "Hi {{first_name}}{{^first_name}}there{{/first_name}}, {{company}}\n", problems);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(t.variables()).extracting(VariableUse::name, VariableUse::kind, VariableUse::fallback).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first_name", VariableUse.Kind.VALUE, true),
                org.assertj.core.groups.Tuple.tuple("first_name", VariableUse.Kind.INVERTED, true),
                org.assertj.core.groups.Tuple.tuple("company", VariableUse.Kind.VALUE, false));
        new TemplateVariables(WorkspaceConfig.defaults(tmp.resolve("cadence.yaml")).customFields(), Set.of(), Set.of()).check(t, problems);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void missingTemplateIsReportedWhereItIsNamed() {
        Problems problems = new Problems();
        Fixture.write(templates(), "cold/intro.mustache", "x");
        Location at = new Location(tmp.resolve("sequences/s.yaml"), 9, 15);
        assertThat(TemplateFile.read(templates(), "cold/intor.mustache", problems, at)).isNull();
        assertThat(problems.sorted()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(at);
            assertThat(p.message()).contains("template 'cold/intor.mustache' not found").contains("did you mean 'cold/intro.mustache'?");
        });
    }

    @Test
    void templateNamesStayInsideTemplates() {
        Problems problems = new Problems();
        Fixture.write(tmp, "secret.txt", "x");
        assertThat(TemplateFile.read(templates(), "../secret.txt", problems)).isNull();
        assertThat(problems.sorted().get(0).message()).contains("must be a path inside templates/");
    }

    @Test
    void partialsAreFollowedAndMustStayInside() {
        Fixture.write(templates(), "parts/footer.mustache", "Regards,\n{{sender.nmae}}\n");
        List<Problem> problems = check("Hi\n{{> parts/footer}}\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location(templates().resolve("parts/footer.mustache"), 2, 1));
            assertThat(p.message()).contains("sender.nmae");
        });
        List<Problem> outside = check("Hi\n{{> ../secret}}\n");
        assertThat(outside).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.message()).contains("must stay inside templates/");
        });
    }

    @Test
    void unknownFrontMatterKey() {
        List<Problem> problems = check("subjet: Hi\n---\nbody\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.message()).contains("unknown front matter key 'subjet'; did you mean 'subject'?");
        });
    }
}
