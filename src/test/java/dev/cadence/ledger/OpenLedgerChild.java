package dev.cadence.ledger;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ConcurrentOpenTest}: waits for the start file, opens (creating
 * and migrating) the ledger, adds a contact, prints the schema version.
 */
public final class OpenLedgerChild {
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path go = Path.of(args[1]);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no start signal");
            Thread.sleep(1);
        }
        try (Ledger ledger = TestLedgers.open(db)) {
            ledger.contacts().insert(Contact.builder(args[2]).build());
            System.out.println("schema " + ledger.schemaVersion());
        }
    }
}
