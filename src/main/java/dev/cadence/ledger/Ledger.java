package dev.cadence.ledger;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open ledger (design §7): one connection, migrated to the latest schema this build
 * knows, and the repositories over it. Not thread-safe; close it when done.
 *
 * <p>{@link #open} creates the ledger file when it does not exist (commands that record
 * something: import, enroll, note, log, event, run). {@link #openExisting} refuses a missing
 * file (commands that only read: due, contacts, gaps, export), so that a mistyped
 * {@code --ledger} or workspace never leaves an empty {@code cadence.db} behind and the user
 * learns that the ledger is empty rather than seeing an empty list.
 *
 * <p>Every problem with the path is one message naming it, exit 2, checked before connecting so
 * that nothing is created as a side effect: a folder that does not exist, a folder given as the
 * file, a file that is not a SQLite database, no permission, a schema newer than this build.
 */
public final class Ledger implements AutoCloseable {

    private final String url;
    private final String name;
    private final Optional<Path> file;
    private final Connection connection;
    private final Jdbc jdbc;
    private final Clock clock;
    private final int schemaVersion;
    private final Migrator migrator;

    private Ledger(String url, String name, Optional<Path> file, Connection connection, Jdbc jdbc,
                   Clock clock, Migrator migrator, int schemaVersion) {
        this.url = url;
        this.name = name;
        this.file = file;
        this.connection = connection;
        this.jdbc = jdbc;
        this.clock = clock;
        this.migrator = migrator;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens the ledger at {@code jdbcUrl} ({@code jdbc:sqlite:/path/cadence.db}), creating the
     * file if needed, and applies pending migrations. {@code clock} stamps what is recorded
     * ({@code created_at}, ...), so {@code --as-of} reaches the ledger too.
     */
    public static Ledger open(String jdbcUrl, Clock clock) {
        return open(jdbcUrl, clock, true);
    }

    /** Like {@link #open} but a ledger file that does not exist yet is an error (exit 2). */
    public static Ledger openExisting(String jdbcUrl, Clock clock) {
        return open(jdbcUrl, clock, false);
    }

    /** The newest schema version this build knows. */
    public static int knownSchemaVersion() {
        return Migrator.latestKnownVersion();
    }

    private static Ledger open(String jdbcUrl, Clock clock, boolean create) {
        Objects.requireNonNull(clock, "clock");
        Dialect dialect = Dialect.forUrl(jdbcUrl).orElseThrow(() -> CadenceException.invalid(
                "ledger " + jdbcUrl + " is not supported: use jdbc:sqlite:/path/to/cadence.db or a file path"));
        Optional<Path> file = dialect.file(jdbcUrl);
        String name = file.map(Path::toString).orElse(jdbcUrl);
        if (file.isPresent()) checkPath(file.get(), create);
        Connection connection;
        try {
            connection = DriverManager.getConnection(jdbcUrl, dialect.connectionProperties());
        } catch (SQLException e) {
            throw new LedgerException(ExitStatus.INVALID, "cannot open ledger " + name + ": " + e.getMessage(), e);
        }
        Jdbc jdbc = new Jdbc(connection, dialect, name);
        try {
            dialect.configure(connection);
            Migrator migrator = new Migrator(connection, jdbc, clock, name);
            int version = migrator.migrate();
            return new Ledger(jdbcUrl, name, file, connection, jdbc, clock, migrator, version);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw jdbc.translate(e, null);
        } catch (RuntimeException | Error e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void checkPath(Path file, boolean create) {
        if (Files.isDirectory(file)) {
            throw CadenceException.invalid("ledger " + file + " is a folder, not a SQLite file");
        }
        Path parent = file.getParent();
        if (!Files.exists(file)) {
            if (!create) {
                if (parent != null && !Files.isDirectory(parent)) {
                    throw CadenceException.invalid("no ledger at " + file + ": folder " + parent + " does not exist");
                }
                throw CadenceException.invalid("no ledger yet at " + file + "; import contacts first");
            }
            if (parent == null || !Files.exists(parent)) {
                throw CadenceException.invalid("cannot create ledger " + file + ": folder " + parent + " does not exist");
            }
            if (!Files.isDirectory(parent)) {
                throw CadenceException.invalid("cannot create ledger " + file + ": " + parent + " is not a folder");
            }
            if (!Files.isWritable(parent)) {
                throw CadenceException.invalid("cannot create ledger " + file + ": no permission to write in " + parent);
            }
            return;
        }
        if (!Files.isReadable(file)) {
            throw CadenceException.invalid("cannot read ledger " + file + ": permission denied");
        }
        if (!Files.isWritable(file)) {
            throw CadenceException.invalid("cannot write ledger " + file + ": permission denied");
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing with a better message
        }
    }

    /** The JDBC URL it was opened with. */
    public String url() {
        return url;
    }

    /** The file path, or the URL when there is no file: how messages name this ledger. */
    public String name() {
        return name;
    }

    public Optional<Path> file() {
        return file;
    }

    public Clock clock() {
        return clock;
    }

    /** The schema version after migration (= {@link #knownSchemaVersion()}). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Every migration applied or attempted, in order. */
    public List<SchemaHistoryEntry> schemaHistory() {
        return migrator.history();
    }

    /** The JDBC helper, for repositories in this package and for tests. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** Runs {@code work} in one writing transaction; see {@link Jdbc#inTransaction(Jdbc.Work)}. */
    public <T> T inTransaction(Jdbc.Work<T> work) {
        return jdbc.inTransaction(work);
    }

    public void inTransaction(Jdbc.VoidWork work) {
        jdbc.inTransaction(work);
    }

    public ContactRepository contacts() {
        return new ContactRepository(jdbc, clock);
    }

    public SuppressionRepository suppressions() {
        return new SuppressionRepository(jdbc, clock);
    }

    public EnrollmentRepository enrollments() {
        return new EnrollmentRepository(jdbc, clock);
    }

    public NoteRepository notes() {
        return new NoteRepository(jdbc, clock);
    }

    public EventRepository events() {
        return new EventRepository(jdbc, clock);
    }

    public TouchRepository touches() {
        return new TouchRepository(jdbc, clock);
    }

    public StageChangeRepository stageChanges() {
        return new StageChangeRepository(jdbc, clock);
    }

    /** The batch reads of {@code due}. */
    public DueQuery due() {
        return new DueQuery(jdbc);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw jdbc.translate(e, null);
        }
    }
}
