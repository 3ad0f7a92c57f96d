package dev.bazaar.identity.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque secrets: {@code prefix + base64url(random bytes)} from a CSPRNG, and the SHA-256 digest under which they are
 * stored. A fast digest is right here (unlike for passwords): the secrets carry at least 128 bits of entropy, so there
 * is nothing to guess.
 */
public final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Refresh tokens: 256 bits. */
    public static final String REFRESH_PREFIX = "bzr_";
    /** Mailed one-time tokens (verification, reset): 256 bits. */
    public static final String MAIL_TOKEN_PREFIX = "bzm_";
    /** The token between the password and the second-factor step: 256 bits. */
    public static final String MFA_PREFIX = "bzmfa_";

    private SecureTokens() {}

    public static String generate(String prefix) {
        return prefix + BASE64URL.encodeToString(randomBytes(32));
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static byte[] digest(String token) {
        return sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the text looks like a token this class made with that prefix (cheap rejection of garbage). */
    public static boolean hasShape(String token, String prefix) {
        return token.length() == prefix.length() + 43 && token.startsWith(prefix)
                && token.chars().skip(prefix.length()).allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}
