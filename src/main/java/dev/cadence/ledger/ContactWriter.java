package dev.cadence.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Contacts written in bulk (an import): the same SQL as {@link ContactRepository}, but each
 * statement is prepared once and reused for every row, and custom field names are registered
 * once at the end instead of per row. Use it inside a transaction the caller holds
 * ({@link Ledger#inTransaction}); close it when done. Not thread-safe.
 */
public final class ContactWriter implements AutoCloseable {
    // numbered parameters: created_at and updated_at share ?15 (one bind less per row)
    private static final String INSERT = "INSERT INTO contacts (email, email_norm, first_name, last_name, company,"
            + " title, phone, phone_e164, linkedin, timezone, owner, stage, custom, paused_until, created_at,"
            + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)"
            + " ON CONFLICT (email_norm) DO NOTHING";
    private static final String FIND = "SELECT * FROM contacts WHERE email_norm = ?";
    private static final String UPDATE = "UPDATE contacts SET email = ?, first_name = ?, last_name = ?, company = ?,"
            + " title = ?, phone = ?, phone_e164 = ?, linkedin = ?, timezone = ?, owner = ?, stage = ?, custom = ?,"
            + " updated_at = ? WHERE id = ?";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Dialect.BulkWrite bulk;
    private final CustomJson json = new CustomJson();
    private PreparedStatement insertNoId;
    private PreparedStatement insert;
    private PreparedStatement find;
    private PreparedStatement update;

    ContactWriter(Jdbc jdbc, Clock clock, boolean oneTransaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        try {
            this.bulk = jdbc.dialect().bulkWrite(jdbc.connection(),
                    oneTransaction && !jdbc.isInTransaction() ? ContactWriter::noContacts : null);
        } catch (SQLException e) {
            throw jdbc.translate(e, "bulk write settings");
        }
    }

    /** True when the ledger holds no contact yet: nothing another process could want to read beside a first import. */
    static boolean noContacts(java.sql.Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM contacts LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return !rs.next();
        }
    }

    /**
     * Inserts {@code c} unless a contact with its normalised email exists: the new id, or empty
     * when the email was already in the ledger (nothing written then).
     */
    public OptionalLong insertIfAbsent(Contact c) {
        try {
            if (insert == null) insert = jdbc.connection().prepareStatement(INSERT + " RETURNING id");
            bindInsert(insert, c);
            try (ResultSet rs = insert.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw jdbc.translate(e, INSERT);
        }
    }

    /**
     * {@link #insertIfAbsent} when the id is not needed: true when inserted. Faster (no
     * {@code RETURNING} result set per row), which matters for a million rows.
     */
    public boolean insertIfAbsentNoId(Contact c) {
        try {
            if (insertNoId == null) insertNoId = jdbc.connection().prepareStatement(INSERT);
            bindInsert(insertNoId, c);
            return insertNoId.executeUpdate() == 1;
        } catch (SQLException e) {
            throw jdbc.translate(e, INSERT);
        }
    }

    private void bindInsert(PreparedStatement ps, Contact c) throws SQLException {
        // bound directly (no per-value type dispatch); the custom fields' JSON is written by a
        // reused builder, byte for byte what ContactRepository.toJson writes (CustomJsonTest)
        ps.setString(1, c.email());
        ps.setString(2, c.emailNorm());
        ps.setString(3, c.firstName());
        ps.setString(4, c.lastName());
        ps.setString(5, c.company());
        ps.setString(6, c.title());
        ps.setString(7, c.phone());
        ps.setString(8, c.phoneE164());
        ps.setString(9, c.linkedin());
        ps.setString(10, c.timezone());
        ps.setString(11, c.owner());
        ps.setString(12, c.stage());
        ps.setString(13, json.write(c.custom()));
        ps.setString(14, c.pausedUntil() == null ? null : c.pausedUntil().toString());
        ps.setLong(15, clock.millis());
    }

    /** The contact with this normalised email, if any. */
    public Optional<Contact> find(String emailNorm) {
        try {
            if (find == null) find = jdbc.connection().prepareStatement(FIND);
            Jdbc.bindAll(find, emailNorm);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(ContactRepository.MAPPER.map(new Row(rs)));
            }
        } catch (SQLException e) {
            throw jdbc.translate(e, FIND);
        }
    }

    /** Writes the fields an import can change (not the email's identity, not {@code paused_until}); returns the contact as stored. */
    public Contact update(Contact c) {
        try {
            if (update == null) update = jdbc.connection().prepareStatement(UPDATE);
            Instant now = clock.instant();
            Jdbc.bindAll(update, c.email(), c.firstName(), c.lastName(), c.company(), c.title(), c.phone(),
                    c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(),
                    ContactRepository.toJson(c.custom()), now, c.id());
            if (update.executeUpdate() != 1) throw new IllegalStateException("no contact with id " + c.id() + " to update");
            return new Contact(c.id(), c.email(), c.emailNorm(), c.firstName(), c.lastName(), c.company(), c.title(),
                    c.phone(), c.phoneE164(), c.linkedin(), c.timezone(), c.owner(), c.stage(), c.custom(),
                    c.pausedUntil(), c.createdAt(), now);
        } catch (SQLException e) {
            throw jdbc.translate(e, UPDATE);
        }
    }

    /** Records custom field names seen on the written contacts (known ones are left alone). */
    public void registerFields(Collection<String> names) {
        new ContactRepository(jdbc, clock).registerFields(names);
    }

    @Override
    public void close() {
        for (PreparedStatement ps : new PreparedStatement[] {insert, insertNoId, find, update}) {
            if (ps == null) continue;
            try {
                ps.close();
            } catch (SQLException e) {
                // closing a statement of a finished import: nothing to recover
            }
        }
        insert = insertNoId = find = update = null;
        bulk.close();
    }
}
