package dev.cadence.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixed clock and URL helpers shared by the ledger tests. */
final class TestLedgers {
    static final Instant NOW = Instant.parse("2026-03-06T08:30:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestLedgers() {
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }

    static Ledger open(Path file) {
        return Ledger.open(url(file), CLOCK);
    }
}
