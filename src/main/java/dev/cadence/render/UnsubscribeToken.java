package dev.cadence.render;

import dev.cadence.ledger.Contact;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-contact token put into {@code unsubscribe.url} in place of {@code {{token}}}.
 *
 * <p>Scheme (version 1): {@code base64url(HMAC-SHA256(key, "cadence-unsubscribe-v1:" + emailNorm))}
 * truncated to its first 16 bytes (128 bits; 22 characters, no padding). It depends only on the
 * contact's normalised email ({@link Contact#normalizeEmail}: trimmed, lower-cased), so it is
 * stable across runs, re-imports and machines, different for every address, and reveals nothing
 * about the address. With {@link #withSecret a secret} only someone holding the secret can
 * compute or verify a token, so nobody can unsubscribe somebody else by guessing; the page that
 * receives the link verifies with {@link #matches}. {@link #unkeyed()} uses a fixed public key:
 * still stable and opaque, but anyone who knows the scheme and an address can compute its token.
 */
public final class UnsubscribeToken {
    private static final String PREFIX = "cadence-unsubscribe-v1:";
    private static final byte[] PUBLIC_KEY = "cadence-unsubscribe-v1".getBytes(StandardCharsets.UTF_8);

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\\{\\{\\s*token\\s*}}");

    private final SecretKeySpec key;
    /** Mac instances are not thread-safe and slow to look up: one per thread. */
    private final ThreadLocal<Mac> macs;

    private UnsubscribeToken(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    /** Tokens keyed with {@code secret} (any length; use at least 32 random bytes). */
    public static UnsubscribeToken withSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) throw new IllegalArgumentException("the unsubscribe secret must not be empty");
        return new UnsubscribeToken(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens keyed with a fixed, public key: stable and opaque, not unforgeable. */
    public static UnsubscribeToken unkeyed() {
        return new UnsubscribeToken(PUBLIC_KEY);
    }

    /** The token of an address (normalised first, so {@code " Ann@X.com"} and {@code "ann@x.com"} agree). */
    public String token(String email) {
        byte[] digest = macs.get().doFinal((PREFIX + Contact.normalizeEmail(email)).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    public String token(Contact contact) {
        return token(contact.emailNorm());
    }

    /** True when {@code token} is this address's token (constant-time comparison). */
    public boolean matches(String email, String token) {
        return token != null && java.security.MessageDigest.isEqual(
                token(email).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code urlTemplate} with every {@code {{token}}} (spaces inside the braces allowed) replaced. */
    public String url(String urlTemplate, Contact contact) {
        java.util.regex.Matcher m = TOKEN.matcher(urlTemplate);
        return m.find() ? m.replaceAll(token(contact)) : urlTemplate;
    }
}
