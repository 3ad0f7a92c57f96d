package dev.bazaar.platform;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then random bits, so that ids sort by creation time and index
 * well. Opaque to clients.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /**
     * The id a path segment names, if it is one in canonical form (36 characters, lower- or upper-case hex); empty for
     * anything else, such as a handle. Never throws.
     */
    public static Optional<UUID> parse(String reference) {
        if (reference.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(reference);
            return id.toString().equalsIgnoreCase(reference) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randomHigh = RANDOM.nextLong();
        long randomLow = RANDOM.nextLong();
        long msb = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long lsb = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
