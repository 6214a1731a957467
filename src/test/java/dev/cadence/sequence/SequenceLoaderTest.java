package dev.cadence.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.model.Span;
import dev.cadence.workspace.ConfigLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceLoaderTest {
    @TempDir
    Path tmp;

    /** Line 1 name, line 2 steps:, line 3 "  - id: a" and so on. */
    private static final String HEAD = "name: s\nsteps:\n";

    private SequenceLibrary library;

    private List<Problem> load(String yaml) {
        Fixture.write(tmp, "cadence.yaml", "timezone: UTC\n");
        Fixture.write(tmp, "sequences/s.yaml", yaml);
        Problems problems = new Problems();
        Workspace ws = new Workspace(tmp, ConfigLoader.load(tmp.resolve("cadence.yaml"), problems));
        library = SequenceLoader.loadAll(ws, problems);
        return problems.sorted();
    }

    private void assertOne(String yaml, int line, int column, String fragment) {
        List<Problem> problems = load(yaml);
        assertThat(problems).as(problems.toString()).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.location().file()).isEqualTo(tmp.resolve("sequences/s.yaml"));
        assertThat(p.location().line()).as(p.toString()).isEqualTo(line);
        assertThat(p.location().column()).as(p.toString()).isEqualTo(column);
        assertThat(p.message()).contains(fragment);
        assertThat(library.find("s")).isEmpty();
        assertThat(library.declaredNames()).contains("s");
    }

    private static String step(String body) {
        return "  - id: a\n" + body;
    }

    private static final String MANUAL = "    day: 1\n    channel: call\n    purpose: Call them.\n";

    @Test
    void validFixtureLoadsIntoTheModel() {
        Fixture.workspace(tmp);
        Problems problems = new Problems();
        Workspace ws = new Workspace(tmp, ConfigLoader.load(tmp.resolve("cadence.yaml"), problems));
        SequenceLibrary lib = SequenceLoader.loadAll(ws, problems);
        assertThat(problems.sorted()).isEmpty();
        assertThat(lib.names()).containsExactly("nurture", "outbound");
        Sequence s = lib.find("outbound").orElseThrow();
        assertThat(s.exclusive()).isTrue();
        assertThat(s.reenroll()).isEqualTo(Reenroll.NEVER);
        assertThat(s.stopOn()).containsExactlyInAnyOrder(EventType.REPLY, EventType.OPTOUT, EventType.BOUNCE, EventType.MEETING);
        assertThat(s.onCompleteEnroll()).contains("nurture");
        assertThat(s.defaults()).containsEntry("pain", "slow follow-up");
        assertThat(s.window().orElseThrow().toString()).isEqualTo("09:00-11:30");
        assertThat(s.steps()).extracting(Step::id).containsExactly("intro", "value", "call", "angle", "linkedin");
        Step call = s.step("call").orElseThrow();
        assertThat(call.automatic()).isFalse();
        assertThat(call.manual()).isTrue();
        assertThat(call.when()).containsExactly(new Condition.Has(List.of("phone")));
        assertThat(s.step("value").orElseThrow().thread()).isTrue();
        Step angle = s.step("angle").orElseThrow();
        assertThat(angle.variants()).extracting(Variant::id).containsExactly("a", "b");
        assertThat(angle.unless()).containsExactly(new Condition.Event(EventType.OPENED, 2));
        Step li = s.step("linkedin").orElseThrow();
        assertThat(li.timing()).isEqualTo(new Timing.After(new Span(2, Span.Unit.BUSINESS_DAYS)));
        assertThat(li.when()).contains(new Condition.Sent(Optional.of(Channel.EMAIL), 3));
        assertThat(s.spanDays()).isEqualTo(7);
        assertThat(s.automaticSteps()).isEqualTo(3);
        Sequence n = lib.find("nurture").orElseThrow();
        assertThat(n.reenroll()).isEqualTo(Reenroll.AFTER_COMPLETE);
        assertThat(n.stopOn()).containsExactlyInAnyOrder(EventType.REPLY, EventType.OPTOUT);
        assertThat(n.steps().get(0).repeat()).contains(new Repeat(new Span(90, Span.Unit.DAYS), Optional.of(4)));
        assertThat(n.steps().get(0).automatic()).isTrue();
    }

    @Test
    void unknownStepKeySuggestsTheKnownOne() {
        assertOne(HEAD + step(MANUAL + "    chanel: call\n"), 7, 5, "unknown key 'chanel' in step 'a'; did you mean 'channel'?");
    }

    @Test
    void wrongTypeOfDay() {
        assertOne(HEAD + step("    day: three\n    channel: call\n    purpose: p\n"), 4, 10, "'day' must be a whole number, found the text 'three'");
    }

    @Test
    void misspelledSpan() {
        assertOne(HEAD + step("    after: 2 bussiness days\n    channel: call\n    purpose: p\n"), 4, 12,
                "cannot read \"2 bussiness days\" as a length of time");
    }

    @Test
    void unknownChannel() {
        assertOne(HEAD + step("    day: 1\n    channel: emial\n    purpose: p\n"), 5, 14, "unknown channel 'emial'; did you mean 'email'?");
    }

    @Test
    void unknownEventInStopOn() {
        assertOne("name: s\nstop_on: [reply, unsubscribe]\nsteps:\n" + step(MANUAL), 2, 18, "unknown event 'unsubscribe'");
    }

    @Test
    void missingPurpose() {
        assertOne(HEAD + step("    day: 1\n    channel: call\n"), 3, 5, "step 'a' needs a 'purpose'");
    }

    @Test
    void blankPurpose() {
        assertOne(HEAD + step("    day: 1\n    channel: call\n    purpose: \"   \"\n"), 6, 14, "'purpose' must not be empty");
    }

    @Test
    void badStepId() {
        assertOne(HEAD + "  - id: Intro\n" + MANUAL, 3, 9, "step id 'Intro' must start with a lower-case letter or digit");
    }

    @Test
    void dayZero() {
        assertOne(HEAD + step("    day: 0\n    channel: call\n    purpose: p\n"), 4, 10, "'day' must be 1 or more");
    }

    @Test
    void bothDayAndAfter() {
        assertOne(HEAD + step("    day: 1\n    after: 2 days\n    channel: call\n    purpose: p\n"), 5, 12, "has both 'day' and 'after'");
    }

    @Test
    void neitherDayNorAfter() {
        assertOne(HEAD + step("    channel: call\n    purpose: p\n"), 3, 5, "step 'a' needs a timing");
    }

    @Test
    void templateAndVariants() {
        assertOne(HEAD + step("    day: 1\n    channel: email\n    purpose: p\n    template: x.mustache\n"
                + "    variants: [{id: a, template: a.mustache}, {id: b, template: b.mustache}]\n"), 8, 15, "has both 'template' and 'variants'");
    }

    @Test
    void singleVariant() {
        assertOne(HEAD + step("    day: 1\n    channel: email\n    purpose: p\n    variants: [{id: a, template: a.mustache}]\n"),
                7, 15, "'variants' needs at least 2 variants");
    }

    @Test
    void duplicateVariantIds() {
        assertOne(HEAD + step("    day: 1\n    channel: email\n    purpose: p\n    variants:\n"
                + "      - {id: a, template: a.mustache}\n      - {id: a, template: b.mustache}\n"), 9, 14,
                "duplicate variant id 'a' (first at line 8)");
    }

    @Test
    void threadOnSmsStep() {
        assertOne(HEAD + step("    day: 1\n    channel: sms\n    purpose: p\n    template: t.mustache\n    thread: true\n"),
                8, 13, "'thread: true' only applies to email steps");
    }

    @Test
    void threadOnFirstEmailStep() {
        assertOne(HEAD + step(MANUAL) + "  - id: b\n    day: 2\n    channel: email\n    purpose: p\n    template: t.mustache\n"
                + "    thread: true\n", 12, 13, "'thread: true' on the first email step");
    }

    @Test
    void manualFalseOnCall() {
        assertOne(HEAD + step(MANUAL + "    manual: false\n"), 7, 13, "channel 'call' is always done by a person");
    }

    @Test
    void automaticStepWithoutTemplate() {
        assertOne(HEAD + step("    day: 1\n    channel: email\n    purpose: p\n"), 3, 5,
                "step 'a' sends email automatically and needs a 'template'");
    }

    @Test
    void manualEmailWithoutTemplateIsFine() {
        assertThat(load(HEAD + step("    day: 1\n    channel: email\n    manual: true\n    purpose: p\n"))).isEmpty();
        assertThat(library.find("s").orElseThrow().steps().get(0).automatic()).isFalse();
    }

    @Test
    void repeatWithoutEvery() {
        assertOne(HEAD + step(MANUAL + "    repeat: { times: 4 }\n"), 7, 13, "'repeat' needs 'every'");
    }

    @Test
    void nameMustMatchFileName() {
        assertOne("name: cold\nsteps:\n" + step(MANUAL), 1, 7, "sequence name 'cold' must match its file name: write name: s");
    }

    @Test
    void duplicateStepIdPointsAtTheSecondAndNamesTheFirstLine() {
        assertOne(HEAD + step(MANUAL) + "  - id: a\n    day: 2\n    channel: call\n    purpose: p\n", 7, 9,
                "duplicate step id 'a' (first at line 3)");
    }

    @Test
    void stepsOutOfOrder() {
        assertOne(HEAD + "  - id: a\n    day: 5\n    channel: call\n    purpose: p\n"
                + "  - id: b\n    day: 3\n    channel: call\n    purpose: p\n", 8, 10,
                "step 'b' is on day 3 but comes after step 'a' on day 5");
    }

    @Test
    void badWindow() {
        assertOne("name: s\nwindow: \"9 to 5\"\nsteps:\n" + step(MANUAL), 2, 9, "window must look like \"09:00-17:00\"");
    }

    @Test
    void windowOutsideTheDay() {
        assertOne("name: s\nwindow: \"09:00-25:00\"\nsteps:\n" + step(MANUAL), 2, 9, "window must look like");
    }

    @Test
    void unknownConditionKey() {
        assertOne(HEAD + step(MANUAL + "    if: { hass: [phone] }\n"), 7, 11, "unknown key 'hass' in 'if'; did you mean 'has'?");
    }

    @Test
    void unknownConditionKeyInUnlessListsTheVocabulary() {
        assertOne(HEAD + step(MANUAL + "    unless: { replied: true }\n"), 7, 15, "known keys: has, field, sent, outcome, event");
    }

    @Test
    void allConditionForms() {
        assertThat(load(HEAD + step(MANUAL + "    if:\n      field: { industry: saas }\n      outcome: { channel: call, is: no-answer, min: 2 }\n"
                + "      sent: { min: 4 }\n"))).isEmpty();
        assertThat(library.find("s").orElseThrow().steps().get(0).when()).containsExactly(
                new Condition.FieldIs("industry", "saas"), new Condition.Sent(Optional.empty(), 4),
                new Condition.Outcome(Channel.CALL, "no-answer", 2));
    }

    @Test
    void unknownEventTypeInCondition() {
        assertOne(HEAD + step(MANUAL + "    if: { event: { type: replied } }\n"), 7, 26, "unknown event 'replied'");
    }

    @Test
    void badReenroll() {
        assertOne("name: s\nreenroll: sometimes\nsteps:\n" + step(MANUAL), 2, 11, "must be one of never, after-complete, always");
    }

    @Test
    void onCompleteToUnknownSequence() {
        assertOne("name: s\non_complete: { enroll: nurtur }\nsteps:\n" + step(MANUAL), 2, 24,
                "on_complete.enroll: 'nurtur' is not a sequence of this workspace");
    }

    @Test
    void templateOutsideTemplatesFolder() {
        assertOne(HEAD + step("    day: 1\n    channel: email\n    purpose: p\n    template: ../secret.txt\n"), 7, 15,
                "must be a path inside templates/");
    }

    @Test
    void tabIndentedFile() {
        assertOne("name: s\nsteps:\n\t- id: a\n", 3, 1, "tab character used for indentation");
    }

    @Test
    void malformedYaml() {
        List<Problem> problems = load("name: s\nsteps: [\n  - id: a\n");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).startsWith("YAML syntax error");
        assertThat(problems.get(0).location().line()).isGreaterThan(1);
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        List<Problem> problems = load("name: s\nreenroll: sometimes\nsteps:\n  - id: a\n    day: 0\n    channel: fax\n"
                + "  - id: a\n    day: 1\n    channel: call\n    purpose: p\n    colour: red\n");
        assertThat(problems).extracting(p -> p.location().line()).containsExactly(2, 4, 5, 6, 7, 11);
    }

    @Test
    void theSameSequenceInTwoFilesIsAnError() {
        Fixture.write(tmp, "sequences/s.yml", HEAD + step(MANUAL));
        List<Problem> problems = load(HEAD + step(MANUAL));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).location().file()).isEqualTo(tmp.resolve("sequences/s.yml"));
        assertThat(problems.get(0).message()).contains("sequence 's' is defined twice");
    }
}
