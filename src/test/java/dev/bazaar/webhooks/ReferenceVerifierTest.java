package dev.bazaar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The documented verifier is the tested one, and it accepts and refuses what the Standard Webhooks examples say. */
class ReferenceVerifierTest {

    @Test
    void theDocsShowTheVerifierVerbatim() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/bazaar/webhooks/ReferenceVerifier.java"));
        String docs = Files.readString(Path.of("docs/WEBHOOKS.md"));
        int start = docs.indexOf("```java\n") + "```java\n".length();
        int end = docs.indexOf("```", start);
        assertThat(docs.substring(start, end)).isEqualTo(source);
    }

    @Test
    void verifiesTheStandardWebhooksExampleAndRefusesTampering() {
        // The example of the Standard Webhooks specification's reference libraries.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        String timestamp = "1614265330";
        String body = "{\"test\": 2432232314}";
        String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        Instant now = Instant.ofEpochSecond(1614265330);
        ReferenceVerifier verifier = new ReferenceVerifier(secret);
        verifier.verify(id, timestamp, signature, body, now);
        verifier.verify(id, timestamp, "v1,bm90IGl0 " + signature, body, now);
        assertThatThrownBy(() -> verifier.verify(id, timestamp, signature, body + " ", now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier.verify(id, timestamp, "v2," + signature.substring(3), body, now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier.verify(id, timestamp, signature, body, now.plusSeconds(301)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dev.bazaar.webhooks.delivery.Signatures.header(java.util.List.of(secret), id, 1614265330L, body))
                .as("Bazaar signs as the verifier checks").isEqualTo(signature);
    }
}
