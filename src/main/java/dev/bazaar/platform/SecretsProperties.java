package dev.bazaar.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.secrets.*} (docs/CONFIGURATION.md): the key that encrypts secrets Bazaar must be able to read back
 * (webhook signing secrets, payment provider credentials), base64 of 32 random bytes. Required in {@code prod};
 * without it a key is generated once and kept in the database, which protects nothing against a database leak.
 */
@ConfigurationProperties("bazaar.secrets")
@Validated
public record SecretsProperties(@Nullable String encryptionKey) {

    @Override
    public String toString() {
        return "SecretsProperties[encryptionKey=" + Secret.REDACTED + "]";
    }
}
