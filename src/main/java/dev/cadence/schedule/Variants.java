package dev.cadence.schedule;

import dev.cadence.sequence.Step;
import dev.cadence.sequence.Variant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Deterministic A/B assignment (design §4): the variant of a step for a contact is
 * {@code SHA-256(emailNorm NUL sequence NUL stepId)} read as an unsigned number, modulo the
 * number of variants. The same contact gets the same variant of a step on every run, on every
 * machine and in every occurrence of a repeating step; different contacts spread evenly.
 */
public final class Variants {

    private Variants() {
    }

    /** The variant id for this contact and step; empty when the step has no variants. */
    public static Optional<String> assign(String emailNorm, String sequence, Step step) {
        List<Variant> vs = step.variants();
        if (vs.isEmpty()) return Optional.empty();
        return Optional.of(vs.get(bucket(emailNorm, sequence, step.id(), vs.size())).id());
    }

    /** The bucket {@code 0..n-1} for this key. */
    public static int bucket(String emailNorm, String sequence, String stepId, int n) {
        if (n <= 0) throw new IllegalArgumentException("n must be positive");
        byte[] digest = sha256(emailNorm + '\0' + sequence + '\0' + stepId);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (digest[i] & 0xff);
        return (int) Long.remainderUnsigned(v, n);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
