package dev.bazaar.identity.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.platform.BazaarProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: JWTs signed with ES256, header {@code typ: at+jwt} (RFC 9068) and {@code kid},
 * claims {@code iss aud sub exp iat nbf jti sid auth_time amr}. Verification accepts only ES256 with a known
 * {@code kid}, the {@code at+jwt} type, the configured issuer and audience, and a token that is valid now (30 s clock
 * skew); everything else — {@code alg: none} in any casing, other algorithms (including HMAC keyed with the public key),
 * altered claims, missing claims, expired or future tokens, refresh or other opaque tokens — is refused. Whether the
 * session and account are still live is checked by the caller.
 */
@Component
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    private static final Pattern JWS_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final int MAX_CLOCK_SKEW_SECONDS = 30;

    /** What a verified token says. */
    public record Claims(UUID accountId, UUID sessionId, Instant authenticatedAt, List<String> methods, Instant expiresAt) {}

    /** An issued token and its lifetime. */
    public record Issued(String token, Duration lifetime) {}

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;
    /** The processor for the key set it was built for; built once, not per request (it is thread-safe once set up). */
    private volatile @Nullable Verifier verifier;

    private record Verifier(SigningKeys.KeySet keySet, DefaultJWTProcessor<SecurityContext> processor) {}

    public AccessTokens(SigningKeys keys, IdentityProperties properties, BazaarProperties platform, Clock clock) {
        this.keys = keys;
        this.issuer = properties.jwt().issuer() != null ? properties.jwt().issuer().toString()
                : platform.publicUrl().toString().replaceAll("/$", "");
        this.audience = properties.jwt().audience();
        this.lifetime = properties.tokens().accessTokenTtl();
        this.clock = clock;
    }

    public Issued issue(UUID accountId, UUID sessionId, Instant authenticatedAt, List<String> methods) {
        ECKey key = keys.current().signing();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(accountId.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId.toString())
                .claim("auth_time", authenticatedAt.getEpochSecond())
                .claim("amr", methods)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(TYPE).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), lifetime);
    }

    /** The claims of a valid token, or empty for anything else (never throws for bad input). */
    public Optional<Claims> verify(String token) {
        if (!JWS_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            SigningKeys.KeySet keySet = keys.current();
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getKeyID() == null
                    || keySet.verification().getKeyByKeyId(header.getKeyID()) == null) {
                return Optional.empty();
            }
            JWTClaimsSet claims = processorFor(keySet).process(jwt, null);
            Instant now = clock.instant();
            Date issuedAt = claims.getIssueTime();
            if (issuedAt.toInstant().isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
                return Optional.empty();
            }
            Object authTime = claims.getClaim("auth_time");
            if (!(authTime instanceof Number seconds)) {
                return Optional.empty();
            }
            List<String> methods = claims.getStringListClaim("amr");
            return Optional.of(new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("sid")),
                    Instant.ofEpochSecond(seconds.longValue()), methods == null ? List.of() : methods,
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException | NullPointerException e) {
            log.debug("Access token refused: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    public String issuer() {
        return issuer;
    }

    private DefaultJWTProcessor<SecurityContext> processorFor(SigningKeys.KeySet keySet) {
        Verifier current = verifier;
        if (current == null || current.keySet() != keySet) {
            current = new Verifier(keySet, newProcessor(keySet));
            verifier = current;
        }
        return current.processor();
    }

    private DefaultJWTProcessor<SecurityContext> newProcessor(SigningKeys.KeySet keySet) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keySet.verification())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "nbf", "jti", "sid", "auth_time"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }
}
