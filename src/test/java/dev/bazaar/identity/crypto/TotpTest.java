package dev.bazaar.identity.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1 seed; our codes are the last 6 of the RFC's 8 digits. */
    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(20000000000L)))).isEqualTo("353130");
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndReportsTheStep() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        long step = Totp.step(now);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step), now)).hasValue(step);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.now();
        for (String code : new String[] {"", "12345", "1234567", "abcdef", "12 456", "１２３４５６"}) {
            assertThat(Totp.match(RFC_SECRET, code, now)).as(code).isEmpty();
        }
    }

    @Test
    void secretsAre160BitsAndTheUriIsWhatAuthenticatorsRead() {
        byte[] secret = Totp.newSecret();
        assertThat(secret).hasSize(20);
        String base32 = Totp.base32(secret);
        assertThat(base32).doesNotContain("=").hasSize(32);
        assertThat(new Base32().decode(base32)).isEqualTo(secret);
        assertThat(Totp.uri("Bazaar", "ann+shop@example.com", secret))
                .isEqualTo("otpauth://totp/Bazaar:ann%2Bshop%40example.com?secret=" + base32
                        + "&issuer=Bazaar&algorithm=SHA1&digits=6&period=30");
    }
}
