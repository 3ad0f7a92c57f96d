package dev.bazaar.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Encrypts secrets that Bazaar must read back (webhook signing secrets; payment credentials) for storage at rest:
 * AES-256-GCM with a random 96-bit nonce, sealed as {@code v1.<key id>.<base64 nonce+ciphertext+tag>}, where the key id
 * is the first 8 hex digits of the key's SHA-256, so that a value sealed under another key is refused, not garbled.
 * The key is {@code bazaar.secrets.encryption-key}; without one (development) a key is generated once and kept in the
 * database ({@code secret_encryption_keys}), and the {@code prod} profile refuses to start.
 */
@Component
public class SecretBox implements ProductionCheck {

    private static final String DEVELOPMENT_KID = "development";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private volatile @Nullable Key key;

    private record Key(String id, SecretKeySpec spec) {}

    SecretBox(SecretsProperties properties, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        if (StringUtils.hasText(properties.encryptionKey())) {
            this.key = keyOf(decodeKey(properties.encryptionKey()));
        }
    }

    /** Encrypts {@code plaintext}; every call gives a different sealed value. */
    public String seal(String plaintext) {
        Key current = key();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(current.id().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return "v1." + current.id() + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts a value {@link #seal} made; throws {@link IllegalStateException} when it was sealed under another key
     * or has been tampered with.
     */
    public String open(String sealed) {
        Key current = key();
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalStateException("not a sealed secret");
        }
        if (!parts[1].equals(current.id())) {
            throw new IllegalStateException("secret sealed under key " + parts[1] + ", but the key is " + current.id());
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, current.spec(), new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            cipher.updateAAD(current.id().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealed secret does not authenticate under key " + current.id(), e);
        }
    }

    @Override
    public List<String> problems() {
        return StringUtils.hasText(properties.encryptionKey()) ? List.of()
                : List.of("bazaar.secrets.encryption-key is not set (BAZAAR_SECRETS_ENCRYPTION_KEY, base64 of 32 random "
                        + "bytes, e.g. `openssl rand -base64 32`), so stored secrets would be encrypted with a key kept in the database");
    }

    private Key key() {
        Key current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    current = keyOf(developmentKey());
                    key = current;
                }
            }
        }
        return current;
    }

    private byte[] developmentKey() {
        return ownTransaction.execute(status -> {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            jdbc.sql("insert into secret_encryption_keys (kid, key) values (:kid, :key) on conflict (kid) do nothing")
                    .param("kid", DEVELOPMENT_KID).param("key", fresh).update();
            return jdbc.sql("select key from secret_encryption_keys where kid = :kid").param("kid", DEVELOPMENT_KID)
                    .query(byte[].class).single();
        });
    }

    private static byte[] decodeKey(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bazaar.secrets.encryption-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("bazaar.secrets.encryption-key must be 32 bytes (base64 of 32 random bytes)");
        }
        return bytes;
    }

    private static Key keyOf(byte[] bytes) {
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
            return new Key(id, new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
