package dev.cadence.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Note;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.WorkspaceConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderContextTest {
    static final Sequence SEQ = RendererTest.sequence(Map.of("industry", "your industry", "problem", "slow follow-up"));
    static final Step STEP = RendererTest.step("value", true);

    @Test
    void theFullContextOfDesignSection5() {
        RenderContext ctx = Contexts.full(SEQ, STEP);
        Map<String, Object> v = ctx.values();
        assertThat(ctx.get("email")).hasValue("ann.obrien@client.example");
        assertThat(ctx.get("first_name")).hasValue("Ann");
        assertThat(ctx.get("last_name")).hasValue("O'Brien");
        assertThat(ctx.get("name")).hasValue("Ann O'Brien");
        assertThat(ctx.get("company")).hasValue("O'Brien & Co");
        assertThat(ctx.get("title")).hasValue("Head of Sales");
        assertThat(ctx.get("phone")).hasValue("+1 212 555 0100");
        assertThat(ctx.get("linkedin")).hasValue("https://www.linkedin.com/in/ann-obrien");
        assertThat(ctx.get("timezone")).hasValue("America/New_York");
        assertThat(ctx.get("owner")).hasValue("dana");
        assertThat(ctx.get("stage")).hasValue("contacted");
        assertThat(ctx.get("id")).as("a contact not yet in the ledger has no id").isEmpty();
        // custom fields at the top level, over the sequence's defaults
        assertThat(ctx.get("industry")).hasValue("logistics");
        assertThat(ctx.get("problem")).hasValue("stalled renewals");
        assertThat(v.get("sender")).isEqualTo(Map.of("name", "Dana Seller", "email", "dana@vendor.example",
                "company", "Vendor & Sons", "address", "1 Main St, Springfield", "reply_to", "replies@vendor.example"));
        assertThat(v.get("sequence")).isEqualTo(Map.of("name", "outbound", "description", "Cold outreach."));
        assertThat(v.get("step")).isEqualTo(Map.of("id", "value", "channel", "email", "purpose", "Share a case.", "day", "3"));
        // the call was at 20:30 UTC on 27 February: 15:30 in New York, a Friday
        assertThat(v.get("previous")).isEqualTo(Map.of("channel", "call", "date", "Friday 27 February",
                "outcome", "no-answer", "note", "left a voicemail"));
        assertThat(ctx.get("last_note")).hasValue("I saw you're hiring three account executives in Austin.");
        assertThat(ctx.get("unsubscribe_url")).hasValue("https://vendor.example/unsubscribe?t="
                + UnsubscribeToken.withSecret("s3cret").token("ann.obrien@client.example"));
        assertThat(ctx.get("today")).hasValue("Tuesday 3 March");
        assertThat(ctx.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(ctx.contactEmail()).isEqualTo("ann.obrien@client.example");
    }

    @Test
    void aBareContactHasOnlyWhatIsKnown() {
        RenderContext ctx = Contexts.bare(SEQ, STEP);
        assertThat(ctx.values().keySet()).containsExactlyInAnyOrder("industry", "problem", "email", "sender", "sequence", "step",
                "today");
        assertThat(ctx.get("name")).as("an address is not a name").isEmpty();
        assertThat(ctx.get("industry")).hasValue("your industry");
        assertThat(ctx.get("sender.company")).isEmpty();
        assertThat(ctx.zone()).as("no time zone of its own: the workspace's").isEqualTo(Contexts.WORKSPACE_ZONE);
    }

    @Test
    void datesAreTheContactsLocalDates() {
        // 03:30 UTC on Wednesday 4 March is still Tuesday 3 March in New York, already Wednesday in Tokyo
        Instant now = Instant.parse("2026-03-04T03:30:00Z");
        Contact ny = Contact.builder("a@x.example").timezone("America/New_York").build();
        Contact tokyo = Contact.builder("a@x.example").timezone("Asia/Tokyo").build();
        Contact bogus = Contact.builder("a@x.example").timezone("Mars/Olympus").build();
        assertThat(RenderContext.builder(ny, ZoneId.of("UTC"), now).build().get("today")).hasValue("Tuesday 3 March");
        assertThat(RenderContext.builder(tokyo, ZoneId.of("UTC"), now).build().get("today")).hasValue("Wednesday 4 March");
        assertThat(RenderContext.builder(bogus, ZoneId.of("America/New_York"), now).build().get("today"))
                .as("an unknown zone falls back to the workspace's").hasValue("Tuesday 3 March");
        assertThat(RenderContext.readableDate(LocalDate.of(2025, 11, 14), LocalDate.of(2026, 3, 3)))
                .isEqualTo("Friday 14 November 2025");
    }

    @Test
    void previousTouchOfAnEmailAndTheLatestNote() {
        Touch email = new Touch(3, 1L, 1, "outbound", "intro", 1, Channel.EMAIL, TouchKind.AUTO, TouchStatus.SENT, null, null,
                "A question for Acme", "body", "<m@x>", null, null, 1, Instant.parse("2026-03-02T09:00:00Z"), null, null);
        List<Note> notes = List.of(new Note(9, 1, "newest", null, Instant.parse("2026-03-01T00:00:00Z")),
                new Note(4, 1, "older", null, Instant.parse("2026-02-01T00:00:00Z")),
                new Note(10, 1, "   ", null, Instant.parse("2026-01-01T00:00:00Z")));
        RenderContext ctx = RenderContext.builder(Contact.builder("a@x.example").build(), ZoneId.of("UTC"), Contexts.NOW)
                .previous(email).notes(notes).build();
        assertThat(ctx.values().get("previous")).as("not yet done: the due time is the date")
                .isEqualTo(Map.of("channel", "email", "date", "Monday 2 March", "subject", "A question for Acme"));
        assertThat(ctx.get("last_note")).hasValue("newest");
    }

    @Test
    void valuesAreTrimmedAndBlankOnesAreKeptEmptySoTheyCountAsMissing() {
        Contact c = Contact.builder(" a@x.example ").firstName("  Ann ").lastName(" ").company("\t").build();
        RenderContext ctx = RenderContext.builder(c, ZoneId.of("UTC"), Contexts.NOW).build();
        assertThat(ctx.get("first_name")).hasValue("Ann");
        assertThat(ctx.get("name")).hasValue("Ann");
        assertThat(ctx.values()).containsEntry("last_name", "").containsEntry("company", "");
        assertThat(ctx.get("company")).isEmpty();
        assertThat(RenderContext.isBlank("\u00A0 \u200B")).isTrue();
        assertThat(RenderContext.isBlank(" x ")).isFalse();
    }

    @Test
    void ofBuildsFromTheWorkspaceConfig() {
        WorkspaceConfig defaults = WorkspaceConfig.defaults(Path.of("cadence.yaml"));
        WorkspaceConfig config = new WorkspaceConfig(defaults.file(), ZoneId.of("Europe/Paris"), defaults.businessDays(),
                defaults.window(), defaults.holidays(), Optional.of(Contexts.BARE_SENDER), defaults.transport(),
                defaults.transports(), defaults.caps(), Optional.of(new WorkspaceConfig.Unsubscribe(Optional.empty(),
                Optional.of("https://u.example/{{ token }}/done"))), defaults.stages(), defaults.silence(), defaults.priority(),
                List.of("industry"));
        Contact c = Contact.builder("Bob@Example.com").firstName("Bob").build();
        RenderContext ctx = RenderContext.of(config, c, SEQ, STEP, Contexts.previousCall(), Contexts.notes(),
                UnsubscribeToken.unkeyed(), Contexts.NOW);
        assertThat(ctx.get("sender.name")).hasValue("Dana Seller");
        assertThat(ctx.get("unsubscribe_url")).hasValue("https://u.example/" + UnsubscribeToken.unkeyed().token("bob@example.com")
                + "/done");
        assertThat(ctx.get("previous.date")).hasValue("Friday 27 February");
        assertThat(ctx.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(ctx.get("industry")).hasValue("your industry");
    }

    @Test
    void theUnsubscribeTokenIsStableAndDifferentPerContact() {
        UnsubscribeToken t = UnsubscribeToken.withSecret("workspace-secret");
        String ann = t.token("ann@x.example");
        assertThat(ann).matches("[A-Za-z0-9_-]{22}");
        assertThat(UnsubscribeToken.withSecret("workspace-secret").token(" Ann@X.example ")).as("stable, normalised").isEqualTo(ann);
        assertThat(t.token("bob@x.example")).isNotEqualTo(ann);
        assertThat(t.token("ann@x.example.")).isNotEqualTo(ann);
        assertThat(UnsubscribeToken.withSecret("other").token("ann@x.example")).as("keyed").isNotEqualTo(ann);
        assertThat(UnsubscribeToken.unkeyed().token("ann@x.example")).isNotEqualTo(ann)
                .isEqualTo(UnsubscribeToken.unkeyed().token("ann@x.example"));
        assertThat(t.matches("ANN@x.example", ann)).isTrue();
        assertThat(t.matches("bob@x.example", ann)).isFalse();
        assertThat(t.matches("ann@x.example", null)).isFalse();
        // a known vector, so that the scheme cannot change unnoticed (links already sent must keep working)
        assertThat(UnsubscribeToken.withSecret("s3cret").token("ann.obrien@client.example")).isEqualTo("mPp9a5RX1eAjv78u6HzBkw");
        Contact c = Contact.builder("ann@x.example").build();
        assertThat(t.url("https://x.example/u?t={{token}}&again={{token}}", c))
                .isEqualTo("https://x.example/u?t=" + ann + "&again=" + ann);
    }
}
