package dev.cadence.sequence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small valid workspace in a temp folder: cadence.yaml, two sequences, their templates. */
public final class Fixture {
    public static final String CONFIG = """
            timezone: America/New_York
            business_days: [mon, tue, wed, thu, fri]
            window: "09:00-17:00"
            holidays: { extra: [2026-03-04] }
            sender: { name: Acme Sales, email: sales@example.com, company: Acme }
            custom_fields: [industry]
            silence: { after: 10 days, enroll: nurture }
            """;

    public static final String OUTBOUND = """
            name: outbound
            description: Day 1/3/5/7 outreach, then nurture.
            window: "09:00-11:30"
            on_complete: { enroll: nurture }
            defaults: { pain: slow follow-up }
            steps:
              - id: intro
                day: 1
                channel: email
                purpose: First outreach with one specific observation.
                template: cold/intro.mustache
              - id: value
                day: 3
                channel: email
                thread: true
                purpose: Share a relevant case study.
                template: cold/value.mustache
              - id: call
                day: 5
                channel: call
                if: { has: [phone] }
                purpose: Reference the case study; leave a voicemail if no answer.
                template: cold/call.mustache
              - id: angle
                day: 7
                channel: email
                unless: { event: { type: opened, min: 2 } }
                purpose: A different angle that answers the most common objection.
                variants:
                  - { id: a, template: cold/angle-a.mustache }
                  - { id: b, template: cold/angle-b.mustache }
              - id: linkedin
                after: 2 business days
                channel: linkedin
                if: { sent: { channel: email, min: 3 }, has: [linkedin] }
                purpose: Three emails unanswered, try where they are.
            """;

    public static final String NURTURE = """
            name: nurture
            description: Quarterly value, no pitch.
            reenroll: after-complete
            stop_on: [reply, optout]
            steps:
              - id: quarterly
                day: 1
                channel: email
                repeat: { every: 90 days, times: 4 }
                purpose: One useful idea per quarter.
                template: nurture/quarterly.mustache
            """;

    private Fixture() {}

    /** Writes the valid workspace into {@code dir} and returns it. */
    public static Path workspace(Path dir) {
        write(dir, "cadence.yaml", CONFIG);
        write(dir, "sequences/outbound.yaml", OUTBOUND);
        write(dir, "sequences/nurture.yaml", NURTURE);
        write(dir, "templates/cold/intro.mustache", """
                subject: A question about {{company}}
                ---
                Hi {{first_name}}{{^first_name}}there{{/first_name}},

                I noticed {{company}} is growing in {{industry}}{{^industry}}your market{{/industry}}.
                Teams like yours often struggle with {{pain}}.

                {{sender.name}}
                {{#sender}}{{company}}{{/sender}}
                """);
        write(dir, "templates/cold/value.mustache", """
                Hi {{first_name}}{{^first_name}}there{{/first_name}},

                Here is how a team like {{company}} cut their response time in half.
                {{#previous}}(Following up on "{{subject}}".){{/previous}}
                """);
        write(dir, "templates/cold/call.mustache", """
                Call {{name}} at {{phone}}. Mention the case study sent on {{previous.date}}.
                Last note: {{last_note}}{{^last_note}}none{{/last_note}}
                """);
        write(dir, "templates/cold/angle-a.mustache", """
                subject: Is {{pain}} the real problem?
                ---
                Hi {{first_name}}{{^first_name}}there{{/first_name}}, most teams tell us budget is the issue.
                """);
        write(dir, "templates/cold/angle-b.mustache", """
                subject: {{company}} and {{pain}}
                ---
                Hi {{first_name}}{{^first_name}}there{{/first_name}}, a different angle on {{pain}}.
                Unsubscribe: {{unsubscribe_url}}
                """);
        write(dir, "templates/nurture/quarterly.mustache", """
                subject: An idea for {{company}} this quarter
                ---
                Hi {{first_name}}{{^first_name}}there{{/first_name}}, {{today}} seemed a good day to share this.
                """);
        return dir;
    }

    public static Path write(Path dir, String relative, String text) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
