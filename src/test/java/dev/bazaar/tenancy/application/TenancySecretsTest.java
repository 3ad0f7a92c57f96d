package dev.bazaar.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenancySecretsTest {

    @Test
    void aKeyCarriesItsShopAndParsesBackToTheSameHash() {
        UUID tenant = UUID.randomUUID();
        TenancySecrets.Generated key = TenancySecrets.generate(TenancySecrets.API_KEY_PREFIX, tenant);
        assertThat(key.secret()).startsWith("bz_live_").hasSize(8 + 64);
        TenancySecrets.Presented parsed = TenancySecrets.parse(TenancySecrets.API_KEY_PREFIX, key.secret()).orElseThrow();
        assertThat(parsed.tenantId()).isEqualTo(tenant);
        assertThat(parsed.hash()).isEqualTo(key.hash());
        assertThat(TenancySecrets.generate(TenancySecrets.API_KEY_PREFIX, tenant).secret()).isNotEqualTo(key.secret());
    }

    @Test
    void refusesOtherPrefixesLengthsAndAlphabets() {
        String key = TenancySecrets.generate(TenancySecrets.API_KEY_PREFIX, UUID.randomUUID()).secret();
        assertThat(TenancySecrets.parse(TenancySecrets.INVITATION_PREFIX, key)).isEmpty();
        assertThat(TenancySecrets.parse(TenancySecrets.API_KEY_PREFIX, key + "A")).isEmpty();
        assertThat(TenancySecrets.parse(TenancySecrets.API_KEY_PREFIX, key.substring(0, 20) + "!" + key.substring(21))).isEmpty();
        assertThat(TenancySecrets.parse(TenancySecrets.API_KEY_PREFIX, "eyJhbGciOiJFUzI1NiJ9.x.y")).isEmpty();
    }
}
