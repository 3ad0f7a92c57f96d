package dev.bazaar.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Bazaar webhook (Standard Webhooks v1) with the JDK only. Pass the raw body exactly as received, before any
 * JSON parsing. Throws IllegalArgumentException when the delivery must be rejected.
 */
public final class ReferenceVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    /** {@code secret} is the endpoint's signing secret, {@code whsec_…}. */
    public ReferenceVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
    }

    public void verify(String webhookId, String webhookTimestamp, String webhookSignature, String body) {
        verify(webhookId, webhookTimestamp, webhookSignature, body, Instant.now());
    }

    public void verify(String webhookId, String webhookTimestamp, String webhookSignature, String body, Instant now) {
        if (webhookId.isEmpty() || webhookTimestamp.isEmpty() || webhookSignature.isEmpty()) {
            throw new IllegalArgumentException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(webhookTimestamp);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("webhook-timestamp is not a number");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            throw new IllegalArgumentException("webhook-timestamp is too far from now (replayed or clock skew)");
        }
        byte[] expected = sign(webhookId + "." + webhookTimestamp + "." + body);
        // During a secret rotation the header carries several signatures: one valid is enough.
        for (String candidate : webhookSignature.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new IllegalArgumentException("no valid signature");
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
