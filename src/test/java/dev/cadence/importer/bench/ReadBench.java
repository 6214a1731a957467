package dev.cadence.importer.bench;

import dev.cadence.importer.ContactReader;
import dev.cadence.importer.RowResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * Times reading + mapping + validating + in-file duplicate detection of a contacts CSV, in
 * process, no ledger. Not a test: run by hand (see bench/README.md), e.g.
 * {@code java -Xmx256m -cp ... dev.cadence.importer.bench.ReadBench /tmp/contacts-1m.csv}.
 */
public final class ReadBench {
    private ReadBench() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        List<String> stages = List.of("new", "contacted", "qualified", "customer", "lost");
        long start = System.nanoTime();
        long valid = 0, rejected = 0, duplicates = 0;
        try (ContactReader reader = ContactReader.open(file, ContactReader.Options.defaults(stages, "US"))) {
            for (RowResult r : reader) {
                if (r instanceof RowResult.Valid v) {
                    valid++;
                    if (v.isDuplicate()) duplicates++;
                } else {
                    rejected++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = valid + rejected;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peakHeap += pool.getPeakUsage().getUsed();
        }
        System.out.printf("%s: %,d rows (%,d valid, %,d rejected, %,d in-file duplicates) in %.2f s = %,.0f rows/s;"
                        + " max heap %d MB, peak heap pools sum %d MB%n",
                file, rows, valid, rejected, duplicates, seconds, rows / seconds,
                Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    }
}
