package dev.cadence.agenda;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The two weeks before the first morning of {@code init --example}: each past day, what was due
 * that day is recorded as done — automatic emails as sent (marked as example history: nothing
 * left the machine), manual steps as logged with a plausible outcome — and a few contacts reply,
 * book a meeting or get a note. The first {@code due} then shows a real morning (follow-ups,
 * calls, LinkedIn, first emails, a few overdue) instead of forty overdue first emails, and
 * {@code contacts show} a real timeline.
 */
public final class ExampleHistory {
    /** Marks every touch this class records, in its note. */
    public static final String MARK = "example history: recorded by init --example, nothing was sent";

    private ExampleHistory() {}

    /** What was recorded. */
    public record Summary(int touches, int replies, int meetings, int notes) {}

    public static Summary replay(Workspace workspace, Ledger ledger, Clock clock, int days) {
        ZoneId zone = workspace.config().timezone();
        SequenceLibrary library = SequenceLoader.loadAll(workspace, new Problems());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        int touches = 0;
        int replies = 0;
        int meetings = 0;
        for (LocalDate day = today.minusDays(days); day.isBefore(today); day = day.plusDays(1)) {
            Instant evening = day.atTime(18, 0).atZone(zone).toInstant();
            Clock then = Clock.fixed(evening, zone);
            DueList list = new DueList(workspace, ledger, library, then);
            DueList.Result due = list.list(DueList.endOfDay(then, zone, 0), DueList.Filter.ALL);
            for (DueItem item : due.items()) {
                if (item.error().isPresent()) continue; // left for the user to see in `due`
                Instant at = item.dueAt().isAfter(evening) ? evening : item.dueAt();
                boolean auto = item.kind() == DueItem.Kind.AUTO;
                String key = item.enrollmentId() + "." + item.step() + "." + item.occurrence();
                ledger.touches().insert(new Touch(0, item.enrollmentId(), item.contact().id(), item.sequence(), item.step(),
                        item.occurrence(), item.channel(), auto ? TouchKind.AUTO : TouchKind.MANUAL,
                        auto ? TouchStatus.SENT : TouchStatus.DONE, auto ? null : outcome(item.channel(), item.contact()),
                        MARK, item.subject().orElse(null), item.body().orElse(null),
                        auto ? "<" + key + ".example@cadence.invalid>" : null, item.variant().orElse(null), null, 1,
                        item.dueAt(), at, null));
                touches++;
                // a few stories: some reply to the second email, one books a meeting after a call
                long id = item.contact().id();
                if (auto && item.step().equals("value") && id % 9 == 4) {
                    ledger.events().add(dev.cadence.ledger.Event.of(id, EventType.REPLY, at.plusSeconds(3 * 3600),
                            "Interesting - can you send pricing for 20 seats?", "example"));
                    replies++;
                } else if (!auto && item.channel() == Channel.CALL && id % 7 == 3) {
                    ledger.events().add(dev.cadence.ledger.Event.of(id, EventType.MEETING, at.plusSeconds(600),
                            "Demo booked for next week", "example"));
                    meetings++;
                }
            }
        }
        int notes = 0;
        List<Contact> contacts = ledger.contacts().list(dev.cadence.ledger.ContactFilter.ALL);
        for (Contact c : contacts) {
            if (c.id() % 10 == 2) {
                ledger.notes().add(c.id(), "Met at the SaaStr booth; their team is hiring two SDRs this quarter.", "example");
                notes++;
            }
        }
        return new Summary(touches, replies, meetings, notes);
    }

    /** A plausible, valid outcome for a manual step of {@code channel} (see model/Outcome). */
    private static String outcome(Channel channel, Contact c) {
        return switch (channel) {
            case CALL -> c.id() % 3 == 0 ? "voicemail" : "no-answer";
            case VOICEMAIL -> "left";
            case LINKEDIN -> "connection-sent";
            case MAIL, EMAIL, SMS -> "sent";
            default -> "done";
        };
    }
}
