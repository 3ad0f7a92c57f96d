package dev.bazaar.identity.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.identity.domain.SigningKeyRepository;
import dev.bazaar.platform.Ids;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access-token keys: EC P-256 (ES256) with {@code kid}s. Configured ({@code bazaar.identity.jwt.signing-keys}, a
 * JWK Set whose first key signs and whose every key verifies, so that rotation is "put the new key first, keep the old
 * one until its tokens have expired") or, when none are configured, generated once and kept in the database.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** The active signing key and the public keys that verify. */
    public record KeySet(ECKey signing, JWKSet verification) {}

    private final SigningKeyRepository repository;
    private final TransactionTemplate transaction;
    private volatile @Nullable KeySet keys;

    public SigningKeys(IdentityProperties properties, SigningKeyRepository repository, TransactionTemplate transaction) {
        this.repository = repository;
        this.transaction = transaction;
        String configured = properties.jwt().signingKeys();
        this.keys = configured == null || configured.isBlank() ? null : parseConfigured(configured);
    }

    public KeySet current() {
        KeySet current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    current = loadOrGenerate();
                    keys = current;
                }
            }
        }
        return current;
    }

    /** A new private signing key as a one-key JWK Set (what {@code bin/bazaar generate-signing-key} prints). */
    public static JWKSet generate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(Ids.newId().toString()).generate();
            return new JWKSet(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an EC P-256 key", e);
        }
    }

    /** Parses and checks a configured JWK Set; the message names what is wrong (never the key material). */
    static KeySet parseConfigured(String json) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("bazaar.identity.jwt.signing-keys is not a JWK Set (JSON with a \"keys\" array)");
        }
        return keySet(set.getKeys(), "bazaar.identity.jwt.signing-keys");
    }

    private static KeySet keySet(List<JWK> jwks, String source) {
        if (jwks.isEmpty()) {
            throw new IllegalStateException(source + " holds no key");
        }
        List<JWK> publicKeys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JWK jwk : jwks) {
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalStateException(source + ": every key must be an EC P-256 (ES256) key");
            }
            if (ec.getKeyID() == null || ec.getKeyID().isBlank() || !kids.add(ec.getKeyID())) {
                throw new IllegalStateException(source + ": every key needs a unique \"kid\"");
            }
            if (ec.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(ec.getAlgorithm())) {
                throw new IllegalStateException(source + ": key " + ec.getKeyID() + " is not for ES256");
            }
            publicKeys.add(new ECKey.Builder(ec.toPublicJWK()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build());
        }
        ECKey signing = (ECKey) jwks.getFirst();
        if (!signing.isPrivate()) {
            throw new IllegalStateException(source + ": the first key signs, so it must include its private part (\"d\")");
        }
        return new KeySet(signing, new JWKSet(publicKeys));
    }

    private KeySet loadOrGenerate() {
        List<String> stored = transaction.execute(status -> {
            repository.lockForGeneration();
            List<String> existing = repository.activeKeys();
            if (!existing.isEmpty()) {
                return existing;
            }
            ECKey key = (ECKey) generate().getKeys().getFirst();
            repository.insert(key.getKeyID(), key.toJSONString(), Instant.now());
            log.info("Generated access-token signing key {} (stored in the database; configure "
                    + "bazaar.identity.jwt.signing-keys in production)", key.getKeyID());
            return List.of(key.toJSONString());
        });
        List<JWK> jwks = new ArrayList<>();
        for (String json : stored == null ? List.<String>of() : stored) {
            try {
                jwks.add(JWK.parse(json));
            } catch (ParseException e) {
                throw new IllegalStateException("a stored signing key is not a valid JWK", e);
            }
        }
        return keySet(jwks, "signing_keys table");
    }
}
