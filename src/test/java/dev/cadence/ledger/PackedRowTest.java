package dev.cadence.ledger;

import static dev.cadence.ledger.TestLedgers.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows read packed ({@link Packed}, what {@link DueQuery} does) are the rows read column by
 * column: the same records from the same tables, whatever the values hold — NULLs and empty
 * text, the separator and backslashes, text beyond the basic plane, text that is not valid UTF-8,
 * a REAL or a text in a number column, dates that are and are not plain.
 */
class PackedRowTest {
    private static final String SEP = "\u001f";

    @TempDir
    Path dir;
    Ledger ledger;
    Jdbc jdbc;

    @BeforeEach
    void openLedger() {
        ledger = open(dir.resolve("cadence.db"));
        jdbc = ledger.jdbc();
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void decodeReadsBackValuesAndNullsAndRefusesWhatItCannotReadExactly() {
        Packed p = new Packed("a", "b", "NULL AS c");
        String[] v = new String[3];
        assertThat(p.decode("x" + SEP + "" + SEP, 0b100, v)).isTrue();
        assertThat(v).containsExactly("x", "", null);
        assertThat(p.decode("" + SEP + "y" + SEP, 0b101, v)).isTrue();
        assertThat(v).containsExactly(null, "y", null);
        assertThat(p.decode("x" + SEP + "y" + SEP + "z" + SEP + "w", 0, v)).as("a value holding the separator").isFalse();
        assertThat(p.decode("x" + SEP + "y", 0, v)).as("too few values").isFalse();
        assertThat(p.decode("x" + SEP + "y" + SEP + "z", 0b100, v)).as("text where NULL").isFalse();
        assertThat(p.decode("x\uFFFD" + SEP + "y" + SEP, 0b100, v)).as("a replacement character").isFalse();
        assertThat(p.index("c")).isEqualTo(2);
    }

    @Test
    void contactsReadPackedAreTheContactsReadByColumn() {
        String[] odd = {"plain", "", "with" + SEP + "separator", SEP, "back\\slash \\N", "\\N", "é ü 日本 😀", "x\uFFFDy"};
        long id = 1;
        for (String s : odd) {
            jdbc.update("INSERT INTO contacts (id, email, email_norm, first_name, last_name, company, title, phone, phone_e164,"
                            + " linkedin, timezone, owner, stage, custom, paused_until, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, NULL, ?, ?, NULL, NULL, NULL, NULL, ?, NULL, ?, ?, ?, ?)",
                    id, "c" + id + "@example.com", "c" + id + "@example.com", s, s, s, s,
                    "{\"k\":\"" + s.replace("\\", "\\\\").replace(SEP, "\\u001f") + "\"}",
                    id % 2 == 0 ? "2024-02-29" : "2026-03-10", 1_773_144_000_000L + id, -id);
            id++;
        }
        // not valid UTF-8; a REAL and a text in number columns
        jdbc.update("INSERT INTO contacts (id, email, email_norm, first_name, custom, created_at, updated_at)"
                + " VALUES (100, 'bad@example.com', 'bad@example.com', CAST(X'41C328FF' AS TEXT), '{}', 1.5e12, 'soon')");
        jdbc.update("INSERT INTO contacts (id, email, email_norm, custom, created_at, updated_at)"
                + " VALUES (101, 'big@example.com', 'big@example.com', '{}', 9223372036854775807, -9223372036854775808)");
        assertSame("contacts", DueQuery.CONTACTS, ContactRepository.MAPPER);
        assertThat(read("contacts", DueQuery.CONTACTS, ContactRepository.MAPPER, true)).hasSize(odd.length + 2);
    }

    @Test
    void enrollmentsTouchesEventsAndNotesReadPackedAreTheSameAsByColumn() {
        jdbc.update("INSERT INTO contacts (id, email, email_norm, custom, created_at, updated_at)"
                + " VALUES (1, 'a@example.com', 'a@example.com', '{}', 1, 1)");
        jdbc.update("INSERT INTO enrollments (id, contact_id, sequence, state, stop_reason, start_date, current_step, occurrence,"
                + " next_due_at, paused_until, created_at, updated_at) VALUES"
                + " (1, 1, 'seq" + SEP + "x', 'active', NULL, '2026-03-10', 'intro', 1, 5, NULL, 1, 2),"
                + " (2, 1, 'seq', 'stopped', 'why\\not', '2024-02-29', NULL, 3000000000, NULL, '2026-12-31', 1, 2),"
                + " (3, 1, 'seq3', 'active', '', '+12026-01-01', '', 2, 7.9, '2026-01-05', 1, 2)");
        jdbc.update("INSERT INTO touches (id, enrollment_id, contact_id, sequence, step_id, occurrence, channel, kind, status,"
                + " outcome, note, subject, body, message_id, variant, error, attempts, due_at, at, created_at) VALUES"
                + " (1, 1, 1, 'seq', 'intro', 1, 'email', 'auto', 'sent', NULL, 'n\\', 'Re: ' || char(31), 'body', '<m1>', 'b',"
                + "  NULL, 1, NULL, 10, 10),"
                + " (2, NULL, 1, NULL, NULL, 1, 'call', 'manual', 'done', 'connected', '', '', NULL, NULL, NULL, 'x', 'two', 3, 4.5, 5)");
        jdbc.update("INSERT INTO events (id, contact_id, type, at, note, source, touch_id, created_at) VALUES"
                + " (1, 1, 'reply', 20, 'thanks ' || char(31), 'cli', 1, 21), (2, 1, 'meeting', 22, NULL, NULL, NULL, 23)");
        jdbc.update("INSERT INTO notes (id, contact_id, body, author, created_at) VALUES"
                + " (1, 1, 'note 😀', NULL, 30), (2, 1, '', 'me', 31)");
        assertSame("enrollments", DueQuery.ENROLLMENTS, EnrollmentRepository.MAPPER);
        assertSame("touches", DueQuery.TOUCHES, TouchRepository.MAPPER);
        assertSame("events", DueQuery.EVENTS, EventRepository.MAPPER);
        assertSame("notes", DueQuery.NOTES, NoteRepository.MAPPER);

        // and what DueQuery returns is what the repositories read
        DueQuery.Rows rows = ledger.due().of(ledger.due().enrollments(Instant.ofEpochMilli(10), null, 100), true);
        assertThat(rows.enrollments()).containsExactly(
                ledger.enrollments().findById(1).orElseThrow(), ledger.enrollments().findById(3).orElseThrow());
        assertThat(rows.enrollments().get(1).startDate()).isEqualTo(LocalDate.of(12026, 1, 1));
        assertThat(rows.contacts().get(1L)).isEqualTo(ledger.contacts().findById(1).orElseThrow());
        assertThat(rows.eventsOf(1)).isEqualTo(ledger.events().listByContact(1));
        assertThat(rows.notesOf(1)).containsExactlyInAnyOrderElementsOf(ledger.notes().listByContact(1));
        assertThat(rows.touchesOf(1)).hasSize(2).allSatisfy(t -> assertThat(t.body()).isNull());
    }

    @Test
    void plainDatesAreReadAsLocalDateParseReadsThem() {
        for (String d : new String[] {"2026-03-10", "2024-02-29", "2026-12-28", "0000-01-01", "9999-12-31", "2026-01-31"}) {
            assertThat(Row.parseDate(d)).isEqualTo(LocalDate.parse(d));
        }
    }

    private <T> void assertSame(String table, Packed packed, RowMapper<T> mapper) {
        assertThat(read(table, packed, mapper, true)).isEqualTo(read(table, packed, mapper, false)).isNotEmpty();
    }

    private <T> List<T> read(String table, Packed packed, RowMapper<T> mapper, boolean packedRead) {
        List<T> out = new ArrayList<>();
        if (packedRead) {
            jdbc.forEachPacked("SELECT %s FROM " + table + " ORDER BY id", packed, mapper, out::add);
        } else {
            jdbc.forEach("SELECT " + packed.columns() + " FROM " + table + " ORDER BY id", mapper, out::add);
        }
        return out;
    }
}
