package dev.cadence.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.workspace.WorkspaceConfig;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountryHolidaysTest {
    final BusinessCalendar us = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Set.of(LocalDate.of(2026, 12, 24)), Optional.of("US"));

    @Test
    void usPublicHolidaysAreNotBusinessDays() {
        assertThat(us.isBusinessDay(LocalDate.of(2026, 11, 26))).isFalse(); // Thanksgiving
        assertThat(us.holiday(LocalDate.of(2026, 11, 26))).contains("Thanksgiving Day");
        assertThat(us.isBusinessDay(LocalDate.of(2026, 11, 27))).isTrue();
        assertThat(us.isBusinessDay(LocalDate.of(2026, 12, 25))).isFalse(); // Christmas
        assertThat(us.onOrAfter(LocalDate.of(2026, 11, 26))).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void extraDatesAreHolidaysToo() {
        assertThat(us.isBusinessDay(LocalDate.of(2026, 12, 24))).isFalse();
        assertThat(us.whyNot(LocalDate.of(2026, 12, 24))).contains("holiday (holidays.extra)");
        assertThat(us.plusBusinessDays(LocalDate.of(2026, 12, 23), 1)).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void observedDatesCloseOfficesAndYearBoundariesAreRespected() {
        // 4 July 2026 is a Saturday: observed on Friday 3 July
        assertThat(us.holiday(LocalDate.of(2026, 7, 3))).contains("Independence Day (observed)");
        // 1 January 2028 is a Saturday: observed on Friday 31 December 2027
        assertThat(us.isBusinessDay(LocalDate.of(2027, 12, 31))).isFalse();
        assertThat(us.isBusinessDay(LocalDate.of(2026, 11, 25))).isTrue();
    }

    @Test
    void otherCountriesHaveTheirOwn() {
        BusinessCalendar de = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Optional.of("de"));
        assertThat(de.isBusinessDay(LocalDate.of(2026, 10, 3))).isFalse(); // Saturday anyway
        assertThat(de.holiday(LocalDate.of(2026, 10, 3))).isPresent(); // German Unity Day
        assertThat(de.isBusinessDay(LocalDate.of(2026, 11, 26))).isTrue(); // no Thanksgiving in Germany
        assertThat(de.isBusinessDay(LocalDate.of(2026, 12, 25))).isFalse();
    }

    @Test
    void aCalendarFromTheWorkspaceConfig() {
        WorkspaceConfig d = WorkspaceConfig.defaults(Path.of("/w/cadence.yaml"));
        WorkspaceConfig c = new WorkspaceConfig(d.file(), d.timezone(), d.businessDays(), d.window(),
                new WorkspaceConfig.Holidays(Optional.of("US"), List.of(LocalDate.of(2026, 12, 24))), d.sender(),
                d.transport(), d.transports(), d.caps(), d.unsubscribe(), d.stages(), d.silence(), d.priority(), d.customFields());
        BusinessCalendar cal = BusinessCalendar.of(c);
        assertThat(cal.isBusinessDay(LocalDate.of(2026, 11, 26))).isFalse();
        assertThat(cal.isBusinessDay(LocalDate.of(2026, 12, 24))).isFalse();
        assertThat(BusinessCalendar.of(d).isBusinessDay(LocalDate.of(2026, 11, 26))).isTrue();
    }

    @Test
    void aCountryWithoutACalendarIsAClearError() {
        WorkspaceConfig d = WorkspaceConfig.defaults(Path.of("/w/cadence.yaml"));
        WorkspaceConfig c = new WorkspaceConfig(d.file(), d.timezone(), d.businessDays(), d.window(),
                new WorkspaceConfig.Holidays(Optional.of("AQ"), List.of()), d.sender(),
                d.transport(), d.transports(), d.caps(), d.unsubscribe(), d.stages(), d.silence(), d.priority(), d.customFields());
        assertThatThrownBy(() -> BusinessCalendar.of(c)).isInstanceOf(CadenceException.class)
                .hasMessage("/w/cadence.yaml: holidays.country: no public-holiday calendar for 'AQ';"
                        + " remove it and list the dates under holidays.extra");
    }
}
