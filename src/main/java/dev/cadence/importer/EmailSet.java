package dev.cadence.importer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The normalised emails seen so far in a file and the line of each, exact and compact: the
 * UTF-8 bytes live in 1 MiB chunks, an open-addressing table of longs points at them. A
 * million addresses take about 60 MB (32 MB of table, the rest bytes) instead of the
 * ~150 MB of a {@code HashMap<String,Long>}, which matters under {@code -Xmx256m}.
 */
final class EmailSet {
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int used;
    /** Per slot: chunk (high 20 bits) | offset (20 bits) | length (low 16 bits) + 1, or 0 when free. */
    private long[] slots = new long[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int[] lines = new int[1 << 12];
    private int size;

    /**
     * Records {@code key} seen at {@code line}; returns the line where it was first seen, or 0
     * when this is the first time (the line is then remembered).
     */
    long addIfAbsent(String key, long line) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int h = mix(Arrays.hashCode(bytes));
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                slots[i] = store(bytes);
                hashes[i] = h;
                lines[i] = (int) Math.min(line, Integer.MAX_VALUE);
                if (++size * 4 > slots.length * 3) grow();
                return 0;
            }
            if (hashes[i] == h && equalsAt(s, bytes)) return lines[i];
        }
    }

    int size() {
        return size;
    }

    private long store(byte[] bytes) {
        if (bytes.length >= CHUNK || bytes.length > 0xFFFF) throw new IllegalArgumentException("key too long");
        if (current == null || used + bytes.length > CHUNK) {
            current = new byte[CHUNK];
            chunks.add(current);
            used = 0;
        }
        System.arraycopy(bytes, 0, current, used, bytes.length);
        long ref = ((long) (chunks.size() - 1) << 36) | ((long) used << 16) | bytes.length;
        used += bytes.length;
        return ref + 1;
    }

    private boolean equalsAt(long slot, byte[] bytes) {
        long ref = slot - 1;
        int len = (int) (ref & 0xFFFF);
        if (len != bytes.length) return false;
        byte[] chunk = chunks.get((int) (ref >>> 36));
        int off = (int) ((ref >>> 16) & 0xFFFFF);
        return Arrays.equals(chunk, off, off + len, bytes, 0, len);
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldHashes = hashes;
        int[] oldLines = lines;
        int n = oldSlots.length * 2;
        slots = new long[n];
        hashes = new int[n];
        lines = new int[n];
        int mask = n - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] == 0) continue;
            int i = oldHashes[j] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = oldSlots[j];
            hashes[i] = oldHashes[j];
            lines[i] = oldLines[j];
        }
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
