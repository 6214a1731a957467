package dev.cadence.agenda;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Touch;
import dev.cadence.model.Channel;
import dev.cadence.schedule.Priority;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One line of {@code due} (design §6, §9): what to do for whom, when, why, and what to say.
 *
 * @param rank        1 for the first item in priority order
 * @param kind        {@code auto} (sent by {@code run}) or {@code manual} (a rep does it, then logs it)
 * @param dueAt       when it is due (the instant); {@link #dueAtLocal()} in the contact's zone
 * @param subject     the rendered subject (emails), when it rendered
 * @param body        the rendered body (email) or script (manual step), when it rendered
 * @param error       why it could not be rendered; the item is listed all the same
 * @param lastTouch   the contact's last touch that reached it on any sequence, for context
 * @param lastNote    the contact's latest note
 */
public record DueItem(int rank, long enrollmentId, Contact contact, String sequence, String step, int occurrence,
                      Channel channel, Kind kind, Instant dueAt, ZoneId zone, Priority.Score score, String purpose,
                      Optional<String> variant, Optional<String> template, Optional<String> subject, Optional<String> body,
                      Optional<String> error, Optional<Touch> lastTouch, Optional<String> lastNote) {

    public enum Kind {
        AUTO, MANUAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DueItem withRank(int r) {
        return new DueItem(r, enrollmentId, contact, sequence, step, occurrence, channel, kind, dueAt, zone, score, purpose,
                variant, template, subject, body, error, lastTouch, lastNote);
    }

    /** The same item with this body. */
    public DueItem withBody(Optional<String> b) {
        return new DueItem(rank, enrollmentId, contact, sequence, step, occurrence, channel, kind, dueAt, zone, score, purpose,
                variant, template, subject, b, error, lastTouch, lastNote);
    }

    public OffsetDateTime dueAtLocal() {
        return dueAt.atZone(zone).toOffsetDateTime();
    }

    public long overdueDays() {
        return score.overdueDays();
    }

    public long silenceDays() {
        return score.silenceDays();
    }

    public boolean blocking() {
        return score.blocking();
    }

    /** "Zoë Martin" or the email when the contact has no name. */
    public String name() {
        return contact.displayName();
    }

    /** A key that stays the same for this step occurrence of this enrollment (the ICS UID). */
    public String uid() {
        return "enrollment-" + enrollmentId + "-" + step + "-" + occurrence + "@cadence";
    }
}
