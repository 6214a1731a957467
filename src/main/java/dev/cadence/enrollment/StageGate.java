package dev.cadence.enrollment;

import dev.cadence.ledger.Note;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.workspace.WorkspaceConfig.Requirements;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The gate of a stage (issue 6, design §3): what a contact's history lacks to meet a stage's
 * {@code requires}. A pure function of the requirements, the contact's touches and notes, and now.
 *
 * <ul>
 *   <li>{@code attempts}: touches that reached the contact, {@linkplain #counts counted} as the
 *       auto touches {@code sent} and the manual touches {@code done} (logged), on or off a
 *       sequence; {@code failed}, {@code in_doubt}, {@code skipped} and {@code sending} do not count;</li>
 *   <li>{@code channels}: distinct channels among those attempts;</li>
 *   <li>{@code note}: at least one note on the contact;</li>
 *   <li>{@code days_since_first}: whole days (24 hours) from the first attempt to now.</li>
 * </ul>
 * Touches and notes after {@code now} are ignored, so that {@code --as-of} in the past sees the
 * history as it was then.
 */
public final class StageGate {
    private StageGate() {}

    /** Whether a touch is an attempt: sent (auto) or done (manual). */
    public static boolean counts(Touch t) {
        return t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE;
    }

    /**
     * What is missing, one item per unmet requirement in the order attempts, channels, note,
     * days: "2 of 3 attempts", "1 of 2 channels", "no note", "4 of 21 days since the first
     * attempt". Empty when the gate is open.
     */
    public static List<String> evaluate(Requirements req, List<Touch> touches, List<Note> notes, Instant now) {
        int attempts = 0;
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Instant first = null;
        for (Touch t : touches) {
            if (!counts(t) || t.at() == null || t.at().isAfter(now)) continue;
            attempts++;
            channels.add(t.channel());
            if (first == null || t.at().isBefore(first)) first = t.at();
        }
        boolean hasNote = notes.stream().anyMatch(n -> n.createdAt() == null || !n.createdAt().isAfter(now));

        List<String> missing = new ArrayList<>();
        if (attempts < req.attempts()) missing.add(attempts + " of " + plural(req.attempts(), "attempt"));
        if (channels.size() < req.channels()) missing.add(channels.size() + " of " + plural(req.channels(), "channel"));
        if (req.note() && !hasNote) missing.add("no note");
        if (req.daysSinceFirst() > 0) {
            long days = first == null ? 0 : Duration.between(first, now).toDays();
            if (days < req.daysSinceFirst()) {
                missing.add(days + " of " + plural(req.daysSinceFirst(), "day") + " since the first attempt");
            }
        }
        return List.copyOf(missing);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
