package dev.bazaar.tenancy.application;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitation tokens and API keys: 256 random bits followed by the shop's id, base64url-encoded behind a prefix. The
 * shop id inside lets the lookup run in that tenant's scope (and, on a sharded database, on its shard); the stored
 * form is SHA-256 of the whole decoded value, which is safe for a high-entropy secret.
 */
final class TenancySecrets {

    static final String API_KEY_PREFIX = "bz_live_";
    static final String INVITATION_PREFIX = "bzi_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TenancySecrets() {}

    /** A new secret for the tenant, and its hash. */
    record Generated(String secret, byte[] hash) {}

    /** A presented secret, decoded: the tenant it names and its hash. */
    record Presented(UUID tenantId, byte[] hash) {}

    static Generated generate(String prefix, UUID tenantId) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] raw = ByteBuffer.allocate(RANDOM_BYTES + 16).put(random)
                .putLong(tenantId.getMostSignificantBits()).putLong(tenantId.getLeastSignificantBits()).array();
        return new Generated(prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw), sha256(raw));
    }

    static Optional<Presented> parse(String prefix, String secret) {
        if (!secret.startsWith(prefix) || secret.length() != prefix.length() + 64) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(secret.substring(prefix.length()));
            if (raw.length != RANDOM_BYTES + 16) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(raw, RANDOM_BYTES, 16);
            return Optional.of(new Presented(new UUID(buffer.getLong(), buffer.getLong()), sha256(raw)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What lists show of a key: the prefix and the first random characters. */
    static String displayPrefix(String secret) {
        return secret.substring(0, API_KEY_PREFIX.length() + 8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
