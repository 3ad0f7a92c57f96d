package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** AES-256-GCM sealing of stored secrets: round trips, fresh nonces, and refusal of other keys and tampering. */
class SecretBoxTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretBox box(String key) {
        // The database is only for the development key; a configured key never touches it.
        return new SecretBox(new SecretsProperties(key), (JdbcClient) null, (PlatformTransactionManager) null);
    }

    @Test
    void sealsAndOpensWithFreshNoncesAndNoPlaintextInside() {
        SecretBox box = box(newKey());
        String secret = "whsec_" + "A".repeat(32);
        String first = box.seal(secret);
        String second = box.seal(secret);
        assertThat(first).startsWith("v1.").doesNotContain(secret).isNotEqualTo(second);
        assertThat(box.open(first)).isEqualTo(secret);
        assertThat(box.open(second)).isEqualTo(secret);
        assertThat(box.problems()).isEmpty();
    }

    @Test
    void refusesAnotherKeyAndTamperedValues() {
        SecretBox box = box(newKey());
        String sealed = box.seal("s3cret");
        assertThatThrownBy(() -> box(newKey()).open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed under key");
        String[] parts = sealed.split("\\.", 3);
        byte[] body = Base64.getDecoder().decode(parts[2]);
        body[body.length - 1] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getEncoder().encodeToString(body);
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> box.open("plain")).isInstanceOf(IllegalStateException.class);
    }
}
