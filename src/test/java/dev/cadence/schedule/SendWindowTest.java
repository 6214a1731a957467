package dev.cadence.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.model.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Design §6 point 5: run sends only inside the contact's window on a business day. */
class SendWindowTest {
    static final ZoneId NY = ZoneId.of("America/New_York");
    final BusinessCalendar cal = BusinessCalendar.weekdays();

    @Test
    void sendableOnlyInsideTheWindowOnABusinessDayInTheContactsZone() {
        assertThat(SendWindow.isSendableNow(NY, Window.DEFAULT, cal, Instant.parse("2026-03-06T14:00:00Z"))).isTrue(); // Fri 09:00 EST
        assertThat(SendWindow.isSendableNow(NY, Window.DEFAULT, cal, Instant.parse("2026-03-06T13:59:59Z"))).isFalse();
        assertThat(SendWindow.isSendableNow(NY, Window.DEFAULT, cal, Instant.parse("2026-03-06T22:00:00Z"))).isFalse(); // 17:00 closes
        assertThat(SendWindow.isSendableNow(NY, Window.DEFAULT, cal, Instant.parse("2026-03-07T15:00:00Z"))).isFalse(); // Saturday
        // 03:00 local because cron ran late is never sendable
        assertThat(SendWindow.isSendableNow(NY, Window.DEFAULT, cal, Instant.parse("2026-03-10T07:00:00Z"))).isFalse();
        assertThat(SendWindow.isSendableNow(ZoneId.of("Asia/Kolkata"), Window.DEFAULT, cal,
                Instant.parse("2026-03-06T03:30:00Z"))).isTrue();
        assertThat(SendWindow.isSendableNow(ZoneId.of("America/St_Johns"), Window.DEFAULT, cal,
                Instant.parse("2026-03-06T12:29:00Z"))).isFalse(); // 08:59 NST (-03:30)
    }

    @Test
    void aClosedWindowWaitsForTheNextOpening() {
        SendWindow w = new SendWindow(Window.DEFAULT, cal, NY);
        assertThat(w.nextOpeningAfter(Instant.parse("2026-03-06T22:30:00Z"))).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(w.nextOpeningAfter(Instant.parse("2026-03-09T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(w.nextOpeningAfter(Instant.parse("2026-03-09T13:00:00Z"))).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
        assertThat(w.firstOpenAtOrAfter(Instant.parse("2026-03-09T15:00:00Z"))).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
    }

    @Test
    void theNovemberChangeKeepsTheLocalOpening() {
        SendWindow w = new SendWindow(Window.DEFAULT, cal, NY);
        assertThat(w.opening(LocalDate.of(2026, 10, 30))).isEqualTo(Instant.parse("2026-10-30T13:00:00Z")); // EDT
        assertThat(w.opening(LocalDate.of(2026, 11, 2))).isEqualTo(Instant.parse("2026-11-02T14:00:00Z")); // EST
    }

    @Test
    void anOpeningInTheRepeatedHourIsItsFirstOccurrence() {
        SendWindow w = new SendWindow(Window.parse("01:30-03:00"), new BusinessCalendar(java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                java.util.Set.of()), NY);
        Instant first = Instant.parse("2026-11-01T05:30:00Z"); // 01:30 EDT
        assertThat(w.opening(LocalDate.of(2026, 11, 1))).isEqualTo(first);
        // 01:15 EST (after clocks went back) is before 01:30 local again: the second 01:30 is next
        assertThat(w.firstOpenAtOrAfter(Instant.parse("2026-11-01T06:15:00Z"))).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
        assertThat(w.contains(Instant.parse("2026-11-01T05:45:00Z"))).isTrue();
    }
}
