package dev.cadence.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private final LocalDate friday = LocalDate.of(2026, 3, 6);
    private final BusinessCalendar cal = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Set.of(LocalDate.of(2026, 3, 9)));

    @Test
    void weekendsAndHolidaysAreNotBusinessDays() {
        assertThat(cal.isBusinessDay(friday)).isTrue();
        assertThat(cal.isBusinessDay(friday.plusDays(1))).isFalse();
        assertThat(cal.isBusinessDay(LocalDate.of(2026, 3, 9))).isFalse();
    }

    @Test
    void onOrAfterMovesPastWeekendAndHoliday() {
        assertThat(cal.onOrAfter(friday)).isEqualTo(friday);
        assertThat(cal.onOrAfter(friday.plusDays(1))).isEqualTo(LocalDate.of(2026, 3, 10));
    }

    @Test
    void plusBusinessDaysSkipsNonBusinessDays() {
        assertThat(cal.plusBusinessDays(friday, 1)).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(cal.plusBusinessDays(friday, 2)).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(cal.plusBusinessDays(friday, 0)).isEqualTo(friday);
        assertThat(BusinessCalendar.weekdays().plusBusinessDays(friday, 5)).isEqualTo(LocalDate.of(2026, 3, 13));
    }

    @Test
    void customBusinessDays() {
        BusinessCalendar sunThu = new BusinessCalendar(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), Set.of());
        assertThat(sunThu.onOrAfter(friday)).isEqualTo(LocalDate.of(2026, 3, 8));
    }

    @Test
    void aCalendarNeedsABusinessDay() {
        assertThatThrownBy(() -> new BusinessCalendar(Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
