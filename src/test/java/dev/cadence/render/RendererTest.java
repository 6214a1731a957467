package dev.cadence.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.ExitStatus;
import dev.cadence.ledger.Contact;
import dev.cadence.model.Channel;
import dev.cadence.sequence.Fixture;
import dev.cadence.sequence.Reenroll;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Timing;
import dev.cadence.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
    @TempDir
    Path tmp;

    private Path templates() {
        return tmp.resolve("templates");
    }

    private Path file(String name) {
        return templates().resolve(name).toAbsolutePath().normalize();
    }

    private Renderer with(String name, String text) {
        Fixture.write(templates(), name, text);
        return new Renderer(templates());
    }

    static Step step(String id, boolean thread) {
        Location at = new Location(Path.of("sequences/s.yaml"), 1, 1);
        return new Step(id, new Timing.Day(3), Optional.empty(), Channel.EMAIL, false, "Share a case.", Optional.of("t.mustache"),
                thread, List.of(), List.of(), List.of(), at, at);
    }

    static Sequence sequence(Map<String, String> defaults) {
        Location at = new Location(Path.of("sequences/s.yaml"), 1, 1);
        return new Sequence("outbound", "Cold outreach.", Optional.empty(), true, Reenroll.NEVER, Set.of(), Optional.empty(),
                defaults, List.of(step("intro", false)), Path.of("sequences/s.yaml"), at);
    }

    static RenderContext context(Contact c, Map<String, String> defaults) {
        return RenderContext.builder(c, Contexts.WORKSPACE_ZONE, Contexts.NOW).sender(Optional.of(Contexts.FULL_SENDER))
                .sequence(sequence(defaults)).step(step("intro", false)).build();
    }

    static RenderContext context(Contact c) {
        return context(c, Map.of());
    }

    static Contact contact(String first, String company) {
        return Contact.builder("ann@client.example").firstName(first).company(company).build();
    }

    static Rendered rendered(RenderResult r) {
        assertThat(r).as("%s", r).isInstanceOf(Rendered.class);
        return (Rendered) r;
    }

    static RenderFailure failed(RenderResult r) {
        assertThat(r).as("%s", r).isInstanceOf(RenderFailure.class);
        return (RenderFailure) r;
    }

    // ---- strictness

    @Test
    void aMissingVariableFailsWithTheVariableTheTemplateLineAndTheContact() {
        Renderer r = with("cold/t.mustache", "subject: A question\n---\nHello,\n\nHow is {{company}} doing?\n");
        RenderFailure f = failed(r.render("cold/t.mustache", context(contact("Ann", null))));
        assertThat(f.variable()).contains("company");
        assertThat(f.template()).isEqualTo("cold/t.mustache");
        assertThat(f.location()).isEqualTo(new Location(file("cold/t.mustache"), 5, 8));
        assertThat(f.message()).startsWith("{{company}} has no value for ann@client.example in templates/cold/t.mustache:5:8;")
                .contains("fallback {{^company}}...{{/company}}").contains("defaults: company");
    }

    @Test
    void aMissingVariableInTheSubjectIsReportedAtTheSubjectLine() {
        Renderer r = with("t.mustache", "subject: For {{company}}\n---\nHi {{first_name}}\n");
        RenderFailure f = failed(r.render("t.mustache", context(contact(null, null))));
        assertThat(f.variable()).contains("company");
        assertThat(f.location()).isEqualTo(new Location(file("t.mustache"), 1, 14));
        assertThat(f.message()).contains("templates/t.mustache:1:14").contains("(also missing: {{first_name}})");
    }

    @Test
    void aBlankValueCountsAsMissing() {
        Renderer r = with("t.mustache", "Hi {{first_name}},\n");
        for (String blank : List.of("", "   ", "\t", "\u00A0", "\u200B")) {
            RenderFailure f = failed(r.render("t.mustache", context(contact(blank, "Acme"))));
            assertThat(f.variable()).contains("first_name");
            assertThat(f.message()).startsWith("{{first_name}} is blank for ann@client.example in templates/t.mustache:1:4");
        }
        // and a custom field too
        Contact c = Contact.builder("ann@client.example").custom("industry", " ").build();
        Renderer r2 = with("u.mustache", "Teams in {{industry}}\n");
        assertThat(failed(r2.render("u.mustache", context(c))).message()).startsWith("{{industry}} is blank");
    }

    @Test
    void aSectionOverABlankValueIsFalseSoItsFallbackShows() {
        Renderer r = with("t.mustache", "{{#company}}at {{company}}{{/company}}{{^company}}at your company{{/company}}.\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", "  ")))).textBody()).isEqualTo("at your company.\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null)))).textBody()).isEqualTo("at your company.\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", " Acme ")))).textBody()).isEqualTo("at Acme.\n");
    }

    @Test
    void anInvertedSectionAnywhereIsAFallbackForTheValue() {
        Renderer r = with("t.mustache", "Hi {{first_name}}{{^first_name}}there{{/first_name}},\n");
        assertThat(rendered(r.render("t.mustache", context(contact(null, null)))).textBody()).isEqualTo("Hi there,\n");
        assertThat(rendered(r.render("t.mustache", context(contact("", null)))).textBody()).isEqualTo("Hi there,\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null)))).textBody()).isEqualTo("Hi Ann,\n");
    }

    @Test
    void onlyTagsThatAreRenderedCount() {
        // {{phone}} sits in a section about last_note; no note, so the tag never runs
        Renderer r = with("t.mustache", "Call.\n{{#last_note}}Note: {{last_note}} ({{phone}}){{/last_note}}\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null)))).textBody()).isEqualTo("Call.\n\n");
        RenderContext withNote = RenderContext.builder(contact("Ann", null), Contexts.WORKSPACE_ZONE, Contexts.NOW)
                .notes(Contexts.notes()).build();
        RenderFailure f = failed(r.render("t.mustache", withNote));
        assertThat(f.variable()).contains("phone");
        assertThat(f.location()).isEqualTo(new Location(file("t.mustache"), 2, 36));
    }

    @Test
    void defaultsCoverAMissingOrBlankValueAndTheContactWins() {
        Renderer r = with("t.mustache", "Teams in {{industry}} and {{sender.company}}\n");
        Map<String, String> defaults = Map.of("industry", "your industry", "sender.company", "ignored");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null), defaults))).textBody())
                .isEqualTo("Teams in your industry and Vendor & Sons\n");
        Contact blank = Contact.builder("a@x.example").custom("industry", "  ").build();
        assertThat(rendered(r.render("t.mustache", context(blank, defaults))).textBody()).startsWith("Teams in your industry ");
        Contact own = Contact.builder("a@x.example").custom("industry", "logistics").build();
        assertThat(rendered(r.render("t.mustache", context(own, defaults))).textBody()).startsWith("Teams in logistics ");
        // a dotted default fills a missing part of a group
        RenderContext noCompany = RenderContext.builder(own, Contexts.WORKSPACE_ZONE, Contexts.NOW)
                .sender(Optional.of(Contexts.BARE_SENDER)).defaults(Map.of("sender.company", "Vendor Ltd")).build();
        assertThat(rendered(r.render("t.mustache", noCompany)).textBody()).isEqualTo("Teams in logistics and Vendor Ltd\n");
    }

    @Test
    void oneFailureDoesNotStopTheOthers() {
        Renderer r = with("t.mustache", "subject: Hello\n---\nHi {{first_name}}, about {{company}}.\n");
        List<RenderResult> results = new ArrayList<>();
        for (Contact c : List.of(contact("Ann", "Acme"), contact("Bob", null), contact("Cy", "Cyan"))) {
            results.add(r.render("t.mustache", context(c)));
        }
        assertThat(results).hasSize(3);
        assertThat(rendered(results.get(0)).textBody()).isEqualTo("Hi Ann, about Acme.\n");
        assertThat(failed(results.get(1)).variable()).contains("company");
        assertThat(rendered(results.get(2)).textBody()).isEqualTo("Hi Cy, about Cyan.\n");
    }

    @Test
    void aMissingVariableInAPartialPointsIntoThePartial() {
        Fixture.write(templates(), "parts/footer.mustache", "Regards,\n{{sender.name}}\n{{sender.address}}\n");
        Renderer r = with("t.mustache", "subject: Hi\n---\nBody\n{{> parts/footer}}\n");
        RenderFailure f = failed(r.render("t.mustache", RenderContext.builder(contact("Ann", null), Contexts.WORKSPACE_ZONE,
                Contexts.NOW).sender(Optional.of(Contexts.BARE_SENDER)).build()));
        assertThat(f.variable()).contains("sender.address");
        assertThat(f.template()).isEqualTo("t.mustache");
        assertThat(f.location()).isEqualTo(new Location(file("parts/footer.mustache"), 3, 1));
        assertThat(f.message()).contains("templates/parts/footer.mustache:3:1");
    }

    @Test
    void aBrokenOrMissingTemplateIsAFailureOfTheItemNotAnException() {
        Renderer r = with("bad.mustache", "subject: Hi\n---\n{{#company}}\nno close\n");
        RenderFailure f = failed(r.render("bad.mustache", context(contact("Ann", "Acme"))));
        assertThat(f.location()).isEqualTo(new Location(file("bad.mustache"), 3, 1));
        assertThat(f.message()).startsWith("templates/bad.mustache:3:1: section {{#company}}").contains("never closed");
        assertThat(f.variable()).isEmpty();
        RenderFailure missing = failed(r.render("nope.mustache", context(contact("Ann", "Acme"))));
        assertThat(missing.message()).contains("template 'nope.mustache' not found");
    }

    @Test
    void templatesAreCompiledOnce() {
        Renderer r = with("t.mustache", "Hi {{first_name}}\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null)))).textBody()).isEqualTo("Hi Ann\n");
        Fixture.write(templates(), "t.mustache", "Changed {{first_name}}\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null)))).textBody()).isEqualTo("Hi Ann\n");
        assertThat(rendered(new Renderer(templates()).render("t.mustache", context(contact("Ann", null)))).textBody())
                .isEqualTo("Changed Ann\n");
    }

    @Test
    void groupSectionsAndDottedNames() {
        Renderer r = with("t.mustache", "{{#sender}}{{name}} <{{email}}>{{/sender}} / {{sender.name}}"
                + "{{#sender.reply_to}}, reply to {{sender.reply_to}}{{/sender.reply_to}}\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", null)))).textBody())
                .isEqualTo("Dana Seller <dana@vendor.example> / Dana Seller, reply to replies@vendor.example\n");
    }

    @Test
    void oneRendererServesSeveralThreads() throws Exception {
        Renderer r = with("t.mustache", "subject: For {{company}}\n---\nHi {{first_name}}{{^first_name}}there{{/first_name}},"
                + " {{company}}\n");
        List<java.util.concurrent.Callable<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            jobs.add(() -> {
                RenderResult res = r.render("t.mustache", context(contact(n % 3 == 0 ? null : "P" + n, n % 5 == 0 ? null : "C" + n)));
                return res instanceof Rendered ok ? ok.textBody() : ((RenderFailure) res).variable().orElseThrow();
            });
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> out = pool.invokeAll(jobs);
            for (int n = 0; n < out.size(); n++) {
                String expected = n % 5 == 0 ? "company" : "Hi " + (n % 3 == 0 ? "there" : "P" + n) + ", C" + n + "\n";
                assertThat(out.get(n).get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void startsFromTemplatesCompiledByTheValidator() {
        Fixture.write(templates(), "t.html.mustache", "<b>{{company}}</b>\n");
        Fixture.write(templates(), "t.mustache", "subject: Hi\nhtml: t.html.mustache\n---\n{{company}}\n");
        dev.cadence.yaml.Problems problems = new dev.cadence.yaml.Problems();
        TemplateFile text = TemplateFile.read(templates(), "t.mustache", problems);
        TemplateFile html = TemplateFile.readWithoutFrontMatter(templates(), "t.html.mustache", problems, null);
        assertThat(problems.isEmpty()).isTrue();
        Renderer r = new Renderer(templates(), Map.of("t.mustache", text, "t.html.mustache", html));
        // the files are not read again
        Fixture.write(templates(), "t.mustache", "subject: Changed\n---\nChanged\n");
        Rendered out = rendered(r.render("t.mustache", context(contact("Ann", "A&B"))));
        assertThat(out.subject()).contains("Hi");
        assertThat(out.textBody()).isEqualTo("A&B\n");
        assertThat(out.htmlBody()).contains("<b>A&amp;B</b>\n");
    }

    // ---- escaping

    @Test
    void plainTextIsNotEscaped() {
        Renderer r = with("t.mustache", "subject: For {{company}}\n---\n{{company}} <{{email}}> \"{{last_name}}\" = {{title}}\n");
        Contact c = Contact.builder("ann@client.example").company("O'Brien & Co").lastName("O'Brien").title("A<B> & `C`").build();
        Rendered out = rendered(r.render("t.mustache", context(c)));
        assertThat(out.subject()).contains("For O'Brien & Co");
        assertThat(out.textBody()).isEqualTo("O'Brien & Co <ann@client.example> \"O'Brien\" = A<B> & `C`\n");
        assertThat(out.htmlBody()).isEmpty();
    }

    @Test
    void theHtmlPartIsEscaped() {
        Fixture.write(templates(), "t.html.mustache", "<p>Hi {{first_name}} at {{company}}</p>{{{sender.company}}}\n");
        Renderer r = with("t.mustache", "subject: For {{company}}\nhtml: t.html.mustache\n---\nHi {{first_name}} at {{company}}\n");
        Rendered out = rendered(r.render("t.mustache", context(contact("Ann", "O'Brien & <Co>"))));
        assertThat(out.subject()).contains("For O'Brien & <Co>");
        assertThat(out.textBody()).isEqualTo("Hi Ann at O'Brien & <Co>\n");
        assertThat(out.htmlBody()).contains("<p>Hi Ann at O&#39;Brien &amp; &lt;Co&gt;</p>Vendor & Sons\n");
    }

    @Test
    void theHtmlPartIsStrictToo() {
        Fixture.write(templates(), "t.html.mustache", "<p>Hi</p>\n<p>{{title}}</p>\n");
        Renderer r = with("t.mustache", "subject: Hi\nhtml: t.html.mustache\n---\nHi\n");
        RenderFailure f = failed(r.render("t.mustache", context(contact("Ann", "Acme"))));
        assertThat(f.variable()).contains("title");
        assertThat(f.location()).isEqualTo(new Location(file("t.html.mustache"), 2, 4));
    }

    // ---- threads

    @Test
    void aThreadedStepRepliesToTheFirstSubject() {
        Renderer r = with("t.mustache", "subject: Own subject {{first_name}}\n---\nBody\n");
        RenderContext ctx = context(contact("Ann", null));
        assertThat(rendered(r.render(step("value", true), "t.mustache", ctx, Optional.of("A question for Acme"))).subject())
                .contains("Re: A question for Acme");
        assertThat(rendered(r.render(step("value", true), "t.mustache", ctx, Optional.of("Re: RE:  re[2]: A question"))).subject())
                .contains("Re: A question");
        // the first email of the thread keeps its own subject
        assertThat(rendered(r.render(step("intro", true), "t.mustache", ctx, Optional.empty())).subject())
                .contains("Own subject Ann");
        // not threaded: its own subject
        assertThat(rendered(r.render(step("angle", false), "t.mustache", ctx, Optional.of("A question"))).subject())
                .contains("Own subject Ann");
        assertThat(Renderer.replySubject("  Re:Re: Hello ")).isEqualTo("Re: Hello");
        assertThat(Renderer.replySubject("Regarding pricing")).isEqualTo("Re: Regarding pricing");
    }

    @Test
    void aReplyIsNotBlockedByAMissingVariableOfTheUnusedSubject() {
        Renderer r = with("t.mustache", "subject: For {{company}}\n---\nBody\n");
        assertThat(rendered(r.render(step("value", true), "t.mustache", context(contact("Ann", null)), Optional.of("Hi"))).subject())
                .contains("Re: Hi");
    }

    // ---- header safety

    @Test
    void lineBreaksFromContactDataInTheSubjectAreRejected() {
        Renderer r = with("t.mustache", "subject: For {{company}}\n---\nAt {{company}}\n");
        for (String bad : List.of("Acme\r\nBcc: x@evil.example", "Acme\nBcc: x", "Acme\0", "Acme\u0085Bcc: x", "Acme\u2028x")) {
            RenderFailure f = failed(r.render("t.mustache", context(contact("Ann", bad))));
            assertThat(f.message()).startsWith("templates/t.mustache: the rendered subject contains ")
                    .contains("at character 9").contains("rejected (not stripped)").contains("ann@client.example");
        }
        assertThat(failed(r.render("t.mustache", context(contact("Ann", "A\rB")))).message())
                .contains("a carriage return (CR, U+000D)");
        assertThat(failed(r.render("t.mustache", context(contact("Ann", "A\nB")))).message()).contains("a line feed (LF, U+000A)");
        assertThat(failed(r.render("t.mustache", context(contact("Ann", "A\0B")))).message()).contains("a NUL character (U+0000)");
        assertThat(failed(r.render("t.mustache", context(contact("Ann", "A\u0085B")))).message()).contains("(NEL, U+0085)");
        // the body may have line breaks
        assertThat(with("b.mustache", "subject: Hi\n---\nAt {{company}}\n").render("b.mustache", context(contact("Ann", "A\nB"))))
                .isInstanceOf(Rendered.class);
    }

    @Test
    void theSubjectIsTrimmedAndMustNotBeEmptyOrTooLong() {
        Renderer r = with("t.mustache", "subject: \"  {{#company}}{{company}}{{/company}}  \"\n---\nBody\n");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", "Acme")))).subject()).contains("Acme");
        assertThat(failed(r.render("t.mustache", context(contact("Ann", null)))).message()).contains("subject is empty");
        assertThat(rendered(r.render("t.mustache", context(contact("Ann", "x".repeat(998))))).subject()).hasValue("x".repeat(998));
        assertThat(failed(r.render("t.mustache", context(contact("Ann", "x".repeat(999))))).message())
                .contains("subject is 999 characters long; at most 998 are allowed");
    }

    @Test
    void headerSafetyForNamesAndAddresses() {
        assertThat(HeaderSafety.problem("sender name", "Dana Seller")).isEmpty();
        assertThat(HeaderSafety.problem("to name", "Ann\u0085Bcc: x@evil.example")).hasValue(
                "to name contains a next-line character (NEL, U+0085) at character 4; a header must be one line,"
                        + " so the value is rejected (not stripped): fix the data");
        assertThat(HeaderSafety.problem("to name", "Ann\r\nBcc: x")).get().asString().contains("carriage return");
        assertThat(HeaderSafety.problem("to address", "ann@x.example\n")).get().asString().contains("line feed");
        assertThat(HeaderSafety.problem("to address", "ann\0@x.example")).get().asString().contains("NUL");
        assertThat(HeaderSafety.problem("to name", "A\u2029B")).get().asString().contains("paragraph separator");
        assertThat(HeaderSafety.require("to name", "Ann O'Brien")).isEqualTo("Ann O'Brien");
        assertThatThrownBy(() -> HeaderSafety.require("sender name", "Dana\nBcc: x"))
                .isInstanceOf(HeaderSafety.UnsafeHeaderException.class)
                .hasMessageStartingWith("sender name contains a line feed")
                .satisfies(e -> assertThat(((HeaderSafety.UnsafeHeaderException) e).status()).isEqualTo(ExitStatus.INVALID));
        assertThat(HeaderSafety.subject("  Hello there \t")).isEqualTo("Hello there");
        assertThatThrownBy(() -> HeaderSafety.subject("x".repeat(999))).hasMessageContaining("at most 998");
    }
}
