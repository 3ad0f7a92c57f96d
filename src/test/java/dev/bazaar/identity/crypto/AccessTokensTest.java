package dev.bazaar.identity.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bazaar.identity.TestIdentityProperties;
import dev.bazaar.platform.BazaarProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Key rotation and configured-key validation, without Spring. */
class AccessTokensTest {

    static AccessTokens tokens(String signingKeys) {
        BazaarProperties platform = new BazaarProperties(URI.create("https://shop.example.com"), null, null, null, null, null, null, null, null);
        return new AccessTokens(new SigningKeys(TestIdentityProperties.defaults(signingKeys), null, null), TestIdentityProperties.defaults(signingKeys), platform, Clock.systemUTC());
    }

    static String set(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }

    @Test
    void afterRotationTokensOfThePreviousKeyStillVerifyAndNewOnesUseTheNewKey() {
        JWK oldKey = SigningKeys.generate().getKeys().getFirst();
        JWK newKey = SigningKeys.generate().getKeys().getFirst();
        AccessTokens before = tokens(set(oldKey));
        AccessTokens after = tokens(set(newKey, oldKey));
        UUID account = UUID.randomUUID();
        UUID session = UUID.randomUUID();

        String oldToken = before.issue(account, session, Instant.now(), List.of("pwd")).token();
        String newToken = after.issue(account, session, Instant.now(), List.of("pwd")).token();

        assertThat(after.verify(oldToken)).hasValueSatisfying(c -> assertThat(c.accountId()).isEqualTo(account));
        assertThat(after.verify(newToken)).hasValueSatisfying(c -> assertThat(c.sessionId()).isEqualTo(session));
        assertThat(before.verify(newToken)).as("the old deployment does not know the new key").isEmpty();
        // Once the old key is removed, its tokens stop verifying.
        assertThat(tokens(set(newKey)).verify(oldToken)).isEmpty();
    }

    @Test
    void issuerDefaultsToThePublicUrlAndLifetimeIsAtMostFifteenMinutes() {
        AccessTokens tokens = tokens(set(SigningKeys.generate().getKeys().getFirst()));
        assertThat(tokens.issuer()).isEqualTo("https://shop.example.com");
        AccessTokens.Issued issued = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), List.of("pwd"));
        assertThat(issued.lifetime()).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void configuredKeySetsAreChecked() {
        JWK privateKey = SigningKeys.generate().getKeys().getFirst();
        assertThatThrownBy(() -> SigningKeys.parseConfigured("not json")).hasMessageContaining("not a JWK Set");
        assertThatThrownBy(() -> SigningKeys.parseConfigured("{\"keys\":[]}")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> SigningKeys.parseConfigured(set(privateKey.toPublicJWK())))
                .hasMessageContaining("must include its private part");
        assertThatThrownBy(() -> SigningKeys.parseConfigured(set(privateKey, privateKey))).hasMessageContaining("unique");
        assertThatThrownBy(() -> SigningKeys.parseConfigured("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"kid\":\"x\"}]}"))
                .hasMessageContaining("EC P-256");
        // The message never echoes key material.
        assertThatThrownBy(() -> SigningKeys.parseConfigured(set(privateKey.toPublicJWK())))
                .message().doesNotContain(privateKey.toJSONObject().get("x").toString());
        assertThat(SigningKeys.parseConfigured(set(privateKey)).verification().getKeys()).allMatch(k -> !k.isPrivate());
    }
}
