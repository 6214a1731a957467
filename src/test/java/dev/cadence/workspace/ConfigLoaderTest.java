package dev.cadence.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.model.Window;
import dev.cadence.yaml.Problem;
import dev.cadence.yaml.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private Path write(String yaml) throws Exception {
        Path f = tmp.resolve("cadence.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private List<Problem> problemsOf(String yaml) throws Exception {
        Problems p = new Problems();
        ConfigLoader.load(write(yaml), p);
        return p.sorted();
    }

    @Test
    void theDesignExampleLoadsCompletely() throws Exception {
        Path f = write("""
                timezone: America/New_York        # default for contacts without one
                business_days: [mon, tue, wed, thu, fri]
                window: "09:00-17:00"
                holidays: { country: US, extra: [2026-12-24] }
                sender: { name: Acme Sales, email: sales@example.com, company: Acme, address: "1 Main St, Springfield" }
                transport: outbox
                transports:
                  smtp:    { host: smtp.example.com, port: 587, starttls: true, username: sales@example.com,
                             password_env: CADENCE_SMTP_PASSWORD, daily_limit: 300, per_minute: 10 }
                  webhook: { url: https://sms.example.com/send, token_env: CADENCE_WEBHOOK_TOKEN }
                caps: { min_gap: 20h, per_week: 4 }
                unsubscribe: { mailto: unsubscribe@example.com, url: "https://example.com/u/{{token}}" }
                stages:
                  - new
                  - contacted
                  - { name: qualified, requires: { attempts: 3, channels: 2 } }
                  - customer
                  - { name: lost, requires: { attempts: 5, note: true } }
                silence: { after: 10 days, enroll: reactivation }
                """);
        Problems p = new Problems();
        WorkspaceConfig c = ConfigLoader.load(f, p);
        assertThat(p.asList()).isEmpty();
        assertThat(c.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(c.businessDays()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(c.window()).isEqualTo(new Window(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(c.holidays().country()).contains("US");
        assertThat(c.holidays().extra()).containsExactly(LocalDate.of(2026, 12, 24));
        assertThat(c.sender()).get().extracting(WorkspaceConfig.Sender::email).isEqualTo("sales@example.com");
        assertThat(c.transports()).containsKeys("outbox", "smtp", "webhook");
        TransportConfig.Smtp smtp = (TransportConfig.Smtp) c.transports().get("smtp");
        assertThat(smtp.passwordEnv()).contains("CADENCE_SMTP_PASSWORD");
        assertThat(smtp.dailyLimit()).contains(300);
        assertThat(c.caps().minGap()).contains(Duration.ofHours(20));
        assertThat(c.caps().perWeek()).contains(4);
        assertThat(c.stage("qualified")).get().extracting(s -> s.requires().attempts()).isEqualTo(3);
        assertThat(c.stage("lost")).get().extracting(s -> s.requires().note()).isEqualTo(true);
        assertThat(c.silence()).get().satisfies(s -> {
            assertThat(s.enroll()).contains("reactivation");
            assertThat(s.after().calendarDays()).isEqualTo(10);
        });
    }

    @Test
    void anEmptyFileMeansAllDefaults() throws Exception {
        Problems p = new Problems();
        WorkspaceConfig c = ConfigLoader.load(write(""), p);
        assertThat(p.asList()).isEmpty();
        assertThat(c.timezone()).isEqualTo(ZoneId.of("Z"));
        assertThat(c.transport()).isEqualTo("outbox");
        assertThat(c.sender()).isEmpty();
        assertThat(c.stages()).extracting(WorkspaceConfig.StageDef::name).contains("new", "contacted", "lost");
    }

    @Test
    void unknownKeyIsReportedAtItsLineAndColumnWithASuggestion() throws Exception {
        List<Problem> ps = problemsOf("timezone: UTC\nwindoww: \"09:00-17:00\"\n");
        assertThat(ps).hasSize(1);
        assertThat(ps.get(0).location().line()).isEqualTo(2);
        assertThat(ps.get(0).location().column()).isEqualTo(1);
        assertThat(ps.get(0).message()).contains("unknown key 'windoww'").contains("did you mean 'window'");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        List<Problem> ps = problemsOf("""
                timezone: Mars/Olympus
                window: "9 to 5"
                caps: { min_gap: soon, per_week: many }
                business_days: [mon, funday]
                """);
        assertThat(ps).extracting(p -> p.location().line()).containsExactly(1, 2, 3, 3, 4);
        assertThat(ps.get(0).message()).contains("unknown time zone 'Mars/Olympus'");
        assertThat(ps.get(0).location().column()).isEqualTo(11);
        assertThat(ps.get(1).message()).contains("window must look like");
        assertThat(ps.get(2).message()).contains("min_gap").contains("soon");
        assertThat(ps.get(3).message()).contains("per_week").contains("whole number");
        assertThat(ps.get(4).message()).contains("unknown day 'funday'");
        assertThat(ps.get(4).location().column()).isEqualTo(22);
    }

    @Test
    void wrongTypeNamesWhatWasFound() throws Exception {
        List<Problem> ps = problemsOf("sender: Acme Sales\n");
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.location().column()).isEqualTo(9);
            assertThat(p.message()).contains("must be a mapping").contains("'Acme Sales'");
        });
    }

    @Test
    void unknownChannelInTransportsAndSecretsInTheFileAreRefused() throws Exception {
        List<Problem> ps = problemsOf("""
                transport: carrier-pigeon
                transports:
                  smtp: { host: smtp.example.com, password: hunter2 }
                """);
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0).message()).contains("transport 'carrier-pigeon' is not defined");
        assertThat(ps.get(1).location().line()).isEqualTo(3);
        assertThat(ps.get(1).message()).contains("password_env");
    }

    @Test
    void tabIndentationIsNamedAsSuch() throws Exception {
        List<Problem> ps = problemsOf("sender:\n\tname: Acme\n");
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.message()).contains("tab");
        });
    }

    @Test
    void malformedYamlGivesTheSyntaxErrorPosition() throws Exception {
        List<Problem> ps = problemsOf("timezone: UTC\nwindow: [09:00-17:00\ncaps: {}\n");
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("YAML syntax error");
            assertThat(p.location().line()).isBetween(2, 4);
        });
    }

    @Test
    void syntaxErrorsSayWhatIsWrongAndWhere() throws Exception {
        List<Problem> bracket = problemsOf("timezone: [America/New_York\nwindow: x\n");
        assertThat(bracket).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.location().column()).isEqualTo(7);
            assertThat(p.message()).contains("expected ',' or ']'").contains("flow sequence that starts at line 1, column 11");
        });
        List<Problem> quote = problemsOf("timezone: UTC\nwindow: \"09:00-17:00\ncaps: {}\nsender: x\n");
        assertThat(quote).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.location().column()).isEqualTo(9);
            assertThat(p.message()).contains("end of stream").contains("quoted scalar");
        });
    }

    @Test
    void duplicateKeysAreErrors() throws Exception {
        List<Problem> ps = problemsOf("timezone: UTC\ntimezone: Europe/Paris\n");
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(2);
            assertThat(p.message()).contains("duplicate key 'timezone'").contains("line 1");
        });
    }

    @Test
    void silenceNeedsAnActionAndStagesNeedValidNames() throws Exception {
        List<Problem> ps = problemsOf("""
                silence: { after: 10 days }
                stages: [new, New Leads, new]
                """);
        assertThat(ps).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("'silence' needs either"))
                .anySatisfy(m -> assertThat(m).contains("stage name 'New Leads'"))
                .anySatisfy(m -> assertThat(m).contains("stage 'new' is listed twice"));
    }

    @Test
    void onEventEnrollsOnAnEventAndEveryMistakeIsLocated() throws Exception {
        Problems ok = new Problems();
        WorkspaceConfig c = ConfigLoader.load(write("on_event: { purchased: { enroll: post-purchase }, reply: { enroll: inbound } }\n"), ok);
        assertThat(ok.asList()).isEmpty();
        assertThat(c.onEvent()).containsOnlyKeys(dev.cadence.model.EventType.PURCHASED, dev.cadence.model.EventType.REPLY);
        assertThat(c.onEvent().get(dev.cadence.model.EventType.PURCHASED).enroll()).isEqualTo("post-purchase");

        List<Problem> ps = problemsOf("""
                on_event:
                  purchassed: { enroll: post-purchase }
                  optout: { enroll: goodbye }
                  meeting: { enrol: prep }
                  clicked: nurture
                  sold: { enroll: x }
                """);
        assertThat(ps).extracting(p -> p.location().line() + ":" + p.location().column() + " " + p.message())
                .containsExactly(
                        "2:3 on_event: unknown event 'purchassed'; did you mean 'purchased'?",
                        "3:3 on_event: optout suppresses the address for good; it cannot enroll the contact anywhere",
                        "4:12 on_event.meeting is missing required key 'enroll'",
                        "4:14 unknown key 'enrol' in on_event.meeting; did you mean 'enroll'?",
                        "5:12 on_event.clicked must be a mapping of key: value, found the text 'nurture'",
                        "6:3 on_event: unknown event 'sold'; valid events: reply, optout, bounce, meeting, opened,"
                                + " clicked, purchased");
    }

    @Test
    void missingFileIsAProblemNotACrash() {
        Problems p = new Problems();
        ConfigLoader.load(tmp.resolve("nope.yaml"), p);
        assertThat(p.asList()).singleElement().satisfies(x -> assertThat(x.message()).isEqualTo("file not found"));
    }
}
