package dev.cadence.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.sequence.Fixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render(..., body = false)} leaves the text body out only where rendering it could not
 * change the result: otherwise the result is exactly the full render's (same failure, same
 * message, including "also missing" from the body).
 */
class RendererBodyLeftOutTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> TEMPLATES = Map.ofEntries(
            Map.entry("plain.mustache", "subject: A question for {{company}}\n---\nHi {{first_name}},\n\n{{company}} and {{sender.name}}.\n"),
            Map.entry("body-miss.mustache", "subject: A question\n---\nHi {{first_name}}, about {{title}}.\n"),
            Map.entry("both-miss.mustache", "subject: For {{title}}\n---\nHi {{phone}} {{first_name}}\n"),
            Map.entry("fallback.mustache", "subject: Hi\n---\nHi {{first_name}}{{^first_name}}there{{/first_name}},\n"),
            Map.entry("section.mustache", "subject: Hi\n---\n{{#company}}at {{company}} {{title}}{{/company}}{{^company}}x{{/company}}\n"),
            Map.entry("group.mustache", "subject: Hi\n---\n{{#previous}}Last: {{subject}} {{note}}{{/previous}}\n"),
            Map.entry("group-blank.mustache", "subject: Hi\n---\n{{#sender}}{{company}}{{/sender}} {{first_name}}\n"),
            Map.entry("dot.mustache", "subject: Hi\n---\n{{#first_name}}{{.}}{{/first_name}}\n"),
            Map.entry("partial.mustache", "subject: Hi {{first_name}}\n---\nBody\n{{> parts/footer}}\n"),
            Map.entry("parts/footer.mustache", "-- {{title}}\n"),
            Map.entry("html.mustache", "subject: Hi\nhtml: html.html.mustache\n---\n{{first_name}}\n"),
            Map.entry("html.html.mustache", "<b>{{title}}</b>\n"),
            Map.entry("nosubject.mustache", "Hi {{first_name}} at {{company}}\n"),
            // the same partial guarded in one place and not in the other; a partial including itself
            Map.entry("partial-twice.mustache", "subject: Hi\n---\n{{#phone}}{{> parts/call}}{{/phone}}\n{{> parts/call}}\n"),
            Map.entry("parts/call.mustache", "Call {{phone}}\n"),
            Map.entry("loop.mustache", "subject: Hi\n---\n{{> parts/loop}}\n"),
            Map.entry("parts/loop.mustache", "x{{> loop}}"));

    @Test
    void theResultIsTheFullRendersWhereverTheBodyCouldMatter() {
        TEMPLATES.forEach((name, text) -> Fixture.write(tmp.resolve("templates"), name, text));
        Renderer renderer = new Renderer(tmp.resolve("templates"));
        Contact full = Contact.builder("ann@client.example").firstName("Ann").company("Acme").title("CEO").phone("+1 212 555 0100").build();
        Contact bare = Contact.builder("bob@client.example").build();
        Contact blankTitle = Contact.builder("cy@client.example").firstName("Cy").company("Acme").title("  ").build();
        Touch previous = new Touch(1, 1L, 1, "outbound", "intro", 1, Channel.EMAIL, TouchKind.AUTO, TouchStatus.SENT, null, null,
                "Hello", null, null, null, null, 1, Contexts.NOW,
                Contexts.NOW.minusSeconds(86_400), Contexts.NOW);
        int leftOut = 0;
        for (String template : TEMPLATES.keySet()) {
            if (template.startsWith("parts/") || template.endsWith(".html.mustache")) continue;
            for (Contact c : List.of(full, bare, blankTitle)) {
                for (Touch p : new Touch[] {null, previous}) {
                    RenderContext ctx = RenderContext.builder(c, Contexts.WORKSPACE_ZONE, Contexts.NOW)
                            .sender(Optional.of(Contexts.FULL_SENDER)).sequence(RendererTest.sequence(Map.of()))
                            .step(RendererTest.step("intro", false)).previous(p).build();
                    RenderResult all = renderer.render(RendererTest.step("intro", false), template, ctx, Optional.empty());
                    RenderResult some = renderer.render(RendererTest.step("intro", false), template, ctx, Optional.empty(), false);
                    String what = template + " for " + c.email() + (p == null ? "" : " with previous");
                    if (some instanceof Rendered r && r.textBody() == null) {
                        leftOut++;
                        assertThat(all).as(what).isInstanceOf(Rendered.class);
                        Rendered a = (Rendered) all;
                        assertThat(r.subject()).as(what).isEqualTo(a.subject());
                        assertThat(r.htmlBody()).as(what).isEqualTo(a.htmlBody());
                    } else {
                        assertThat(some).as(what).isEqualTo(all);
                    }
                }
            }
        }
        // the plain cases are left out: plain and nosubject for the full contact, fallback for all...
        assertThat(leftOut).isGreaterThanOrEqualTo(8);
    }

    @Test
    void aBodyThatCanFailIsRenderedAndItsMissesAreReported() {
        TEMPLATES.forEach((name, text) -> Fixture.write(tmp.resolve("templates"), name, text));
        Renderer renderer = new Renderer(tmp.resolve("templates"));
        Contact bare = Contact.builder("bob@client.example").build();
        RenderContext ctx = RendererTest.context(bare);
        RenderResult r = renderer.render(RendererTest.step("intro", false), "both-miss.mustache", ctx, Optional.empty(), false);
        assertThat(r).isInstanceOf(RenderFailure.class);
        assertThat(((RenderFailure) r).message()).contains("{{title}}").contains("also missing: {{phone}}, {{first_name}}");
        RenderResult body = renderer.render(RendererTest.step("intro", false), "body-miss.mustache", ctx, Optional.empty(), false);
        assertThat(body).isInstanceOf(RenderFailure.class);
        Contact full = Contact.builder("ann@client.example").firstName("Ann").company("Acme").title("CEO").build();
        Rendered ok = (Rendered) renderer.render(RendererTest.step("intro", false), "plain.mustache", RendererTest.context(full),
                Optional.empty(), false);
        assertThat(ok.textBody()).isNull();
        assertThat(ok.subject()).contains("A question for Acme");
    }
}
