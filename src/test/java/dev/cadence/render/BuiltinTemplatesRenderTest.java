package dev.cadence.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.model.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every template of the built-in library ({@code sequences/templates}, copied by {@code cadence
 * init}) renders strictly for a contact with every field and for a contact with an email only,
 * with the defaults of the sequence that uses it, and reads cleanly when fields are missing.
 */
class BuiltinTemplatesRenderTest {
    static List<Contexts.Use> uses;
    static Renderer renderer;

    @BeforeAll
    static void library() {
        uses = Contexts.builtinUses();
        renderer = new Renderer(Contexts.BUILTIN_TEMPLATES);
    }

    @Test
    void everyTemplateFileIsUsedByASequence() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> walk = Files.walk(Contexts.BUILTIN_TEMPLATES)) {
            onDisk = walk.filter(Files::isRegularFile)
                    .map(p -> Contexts.BUILTIN_TEMPLATES.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(onDisk).hasSizeGreaterThan(20);
        assertThat(uses.stream().map(Contexts.Use::template).collect(Collectors.toSet())).containsAll(onDisk);
    }

    @Test
    void everyTemplateRendersForAFullContact() {
        for (Contexts.Use u : uses) {
            RenderResult r = renderer.render(u.template(), Contexts.full(u.sequence(), u.step()));
            assertThat(r).as(u.template() + " for a full contact").isInstanceOf(Rendered.class);
            Rendered out = (Rendered) r;
            String all = out.subject().orElse("") + "\n" + out.textBody();
            assertThat(all).as(u.template()).doesNotContain("{{").doesNotContain("&amp;").doesNotContain("&#39;");
            // what the contact's fields and the context put in
            if (u.template().contains("call") || u.template().contains("voicemail")) {
                assertThat(out.textBody()).as(u.template()).contains("Ann O'Brien").contains("+1 212 555 0100");
            }
            if (u.step().channel() == Channel.EMAIL) {
                assertThat(out.subject()).as(u.template() + " subject").isPresent();
                assertThat(out.textBody()).as(u.template()).startsWith(out.textBody().startsWith("Ann,") ? "Ann," : "Hi Ann,")
                        .contains("Dana Seller");
                if (u.template().contains("intro")) {
                    assertThat(out.textBody()).contains("I saw you're hiring three account executives in Austin.");
                }
            }
            assertNoSpacingArtifacts(u.template(), all);
        }
    }

    @Test
    void everyTemplateRendersForAContactWithAnEmailOnly() {
        for (Contexts.Use u : uses) {
            RenderResult r = renderer.render(u.template(), Contexts.bare(u.sequence(), u.step()));
            assertThat(r).as(u.template() + " for a bare contact: " + r).isInstanceOf(Rendered.class);
            Rendered out = (Rendered) r;
            String all = out.subject().orElse("") + "\n" + out.textBody();
            assertThat(all).as(u.template()).doesNotContain("{{").doesNotContain("Hi ,").doesNotContain("Hello ,")
                    .doesNotContain("bare@client.example,").doesNotContain("null");
            assertNoSpacingArtifacts(u.template(), all);
            if (u.step().channel() == Channel.EMAIL) {
                assertThat(out.subject()).as(u.template() + " subject").hasValueSatisfying(s -> assertThat(s).isNotBlank());
                assertThat(out.textBody()).as(u.template()).doesNotContain("Unsubscribe").doesNotContain("Vendor & Sons");
            }
        }
    }

    @Test
    void builtinEmailsCarryTheUnsubscribeLinkWhenConfigured() {
        Contexts.Use intro = uses.stream().filter(u -> u.template().equals("cold/intro.mustache")).findFirst().orElseThrow();
        Rendered out = (Rendered) renderer.render(intro.template(), Contexts.full(intro.sequence(), intro.step()));
        String token = UnsubscribeToken.withSecret("s3cret").token("ann.obrien@client.example");
        assertThat(out.textBody()).contains("Unsubscribe in one click: https://vendor.example/unsubscribe?t=" + token)
                .contains("Vendor & Sons\n").contains("1 Main St, Springfield");
        assertThat(out.subject()).contains("A question for O'Brien & Co");
    }

    /** No "Hi ," / " ." / "at  (": a missing value must not leave a hole before punctuation. */
    static void assertNoSpacingArtifacts(String template, String text) {
        for (String line : text.split("\n")) {
            assertThat(line).as(template + ": space before punctuation").doesNotContainPattern("\\S +[,.;:!?)]( |$)");
            assertThat(line.strip()).as(template + ": double space").doesNotContain("  ");
            assertThat(line).as(template + ": empty brackets or quotes").doesNotContain("()").doesNotContain("\"\"");
        }
    }
}
