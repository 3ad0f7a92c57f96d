package dev.bazaar.identity.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureTokensTest {

    @Test
    void tokensCarry256RandomBitsBehindTheirPrefix() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SecureTokens.generate(SecureTokens.REFRESH_PREFIX);
            assertThat(token).startsWith("bzr_").hasSize(4 + 43);
            assertThat(SecureTokens.hasShape(token, SecureTokens.REFRESH_PREFIX)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void shapeCheckRejectsForeignValues() {
        assertThat(SecureTokens.hasShape("bzr_short", SecureTokens.REFRESH_PREFIX)).isFalse();
        assertThat(SecureTokens.hasShape("bzm_" + "a".repeat(43), SecureTokens.REFRESH_PREFIX)).isFalse();
        assertThat(SecureTokens.hasShape("bzr_" + "a".repeat(42) + "!", SecureTokens.REFRESH_PREFIX)).isFalse();
        assertThat(SecureTokens.hasShape("bzr_" + "é".repeat(43), SecureTokens.REFRESH_PREFIX)).isFalse();
    }

    @Test
    void digestsAreSha256() {
        assertThat(SecureTokens.digest("abc")).hasSize(32);
        assertThat(java.util.HexFormat.of().formatHex(SecureTokens.digest("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
