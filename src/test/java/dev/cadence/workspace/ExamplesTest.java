package dev.cadence.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.model.Window;
import dev.cadence.workspace.WorkspaceConfig.Requirements;
import dev.cadence.workspace.WorkspaceConfig.StageDef;
import dev.cadence.yaml.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The documented examples in {@code examples/} load without a problem, so they cannot rot. */
class ExamplesTest {
    /** Surefire runs with the project folder as working directory. */
    private static final Path FULL = Path.of("examples", "cadence.full.yaml");

    @Test
    void fullConfigLoadsWithoutProblemsAndSetsEveryKey() {
        assertThat(FULL).exists();
        Problems problems = new Problems();

        WorkspaceConfig c = ConfigLoader.load(FULL, problems);

        assertThat(problems.asList()).isEmpty();
        assertThat(c.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(c.businessDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(c.window()).isEqualTo(new Window(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(c.holidays().country()).contains("US");
        assertThat(c.holidays().extra()).containsExactly(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31));
        assertThat(c.sender()).hasValueSatisfying(s -> {
            assertThat(s.email()).isEqualTo("sales@example.com");
            assertThat(s.replyTo()).contains("replies@example.com");
        });
        assertThat(c.transport()).isEqualTo("outbox");
        assertThat(c.transports()).containsOnlyKeys("outbox", "smtp", "webhook", "archive");
        assertThat(c.transports().get("smtp")).isInstanceOfSatisfying(TransportConfig.Smtp.class, s -> {
            assertThat(s.host()).isEqualTo("smtp.example.com");
            assertThat(s.port()).isEqualTo(587);
            assertThat(s.starttls()).isTrue();
            assertThat(s.passwordEnv()).contains("CADENCE_SMTP_PASSWORD");
            assertThat(s.dailyLimit()).contains(300);
            assertThat(s.perMinute()).contains(10);
        });
        assertThat(c.transports().get("webhook")).isInstanceOfSatisfying(TransportConfig.Webhook.class,
                w -> assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(10)));
        assertThat(c.transports().get("archive")).isEqualTo(new TransportConfig.Outbox("archive", "outbox-archive"));
        assertThat(c.caps().minGap()).contains(Duration.ofHours(20));
        assertThat(c.caps().perWeek()).contains(4);
        assertThat(c.unsubscribe()).hasValueSatisfying(u -> assertThat(u.url()).contains("https://example.com/u/{{token}}"));
        assertThat(c.stages()).extracting(StageDef::name).containsExactly("new", "contacted", "qualified", "customer", "lost");
        assertThat(c.stage("qualified")).map(StageDef::requires).contains(new Requirements(3, 2, false, 0));
        assertThat(c.stage("lost")).map(StageDef::requires).contains(new Requirements(5, 0, true, 21));
        assertThat(c.silence()).hasValueSatisfying(s -> {
            assertThat(s.after().calendarDays()).isEqualTo(10);
            assertThat(s.enroll()).contains("reactivation");
        });
        assertThat(c.priority().halfLife()).isEqualTo(Duration.ofDays(7));
        assertThat(c.customFields()).containsExactly("industry", "employees", "source");
        assertThat(c.onEvent()).containsOnlyKeys(dev.cadence.model.EventType.PURCHASED);
        assertThat(c.onEvent().get(dev.cadence.model.EventType.PURCHASED).enroll()).isEqualTo("post-purchase");
    }

    @Test
    void fullConfigNamesEveryTopLevelKeyTheLoaderAccepts() throws Exception {
        String text = Files.readString(FULL);
        for (String key : new String[] {"timezone", "business_days", "window", "holidays", "sender", "transport",
                "transports", "caps", "unsubscribe", "stages", "silence", "priority", "custom_fields"}) {
            assertThat(text).as("examples/cadence.full.yaml documents '%s'", key).containsPattern("(?m)^" + key + ":");
        }
    }
}
