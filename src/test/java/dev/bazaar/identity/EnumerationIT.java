package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nothing an unauthenticated caller sees tells an address with an account from one without: status and body (minus
 * the request id) are identical on login, registration and reset, and login spends the same Argon2 work either way.
 */
@IntegrationTest
class EnumerationIT extends IdentityHttpTest {

    static final String PASSWORD = "orchid-lattice-4471";

    @Autowired
    MeterRegistry meters;

    String existing;
    String pending;

    @BeforeEach
    void setUp() {
        existing = client.createAccount(IdentityClient.newEmail("exists"), PASSWORD);
        pending = IdentityClient.newEmail("pending");
        client.http().postJson("/api/v1/accounts", json("email", pending, "password", PASSWORD));
    }

    void assertSame(Supplier<HttpResponse<String>> forExisting, Supplier<HttpResponse<String>> forUnknown) {
        HttpResponse<String> a = forExisting.get();
        HttpResponse<String> b = forUnknown.get();
        assertThat(a.statusCode()).isEqualTo(b.statusCode());
        if (a.statusCode() >= 400) {
            assertThat(IdentityClient.problemWithoutRequestId(a)).isEqualTo(IdentityClient.problemWithoutRequestId(b));
        } else {
            assertThat(a.body()).isEqualTo(b.body());
        }
        assertThat(a.headers().firstValue("Content-Type")).isEqualTo(b.headers().firstValue("Content-Type"));
    }

    @Test
    void loginWithAWrongPassword() {
        String unknown = IdentityClient.newEmail("unknown");
        assertSame(() -> client.passwordGrant(existing, "wrong-password-1"), () -> client.passwordGrant(unknown, "wrong-password-1"));
        assertSame(() -> client.passwordGrant(pending, "wrong-password-1"), () -> client.passwordGrant(unknown, "wrong-password-1"));
    }

    @Test
    void loginSpendsOneArgon2VerificationWhetherOrNotTheAccountExists() {
        for (String email : new String[] {existing, pending, IdentityClient.newEmail("unknown")}) {
            double before = verifications();
            client.passwordGrant(email, "wrong-password-2");
            assertThat(verifications() - before).as(email).isEqualTo(1.0);
        }
    }

    @Test
    void registration() {
        assertSame(() -> client.http().postJson("/api/v1/accounts", json("email", existing, "password", "another-pass-phrase")),
                () -> client.http().postJson("/api/v1/accounts", json("email", IdentityClient.newEmail("fresh"), "password", "another-pass-phrase")));
        assertSame(() -> client.http().postJson("/api/v1/accounts", json("email", pending, "password", "another-pass-phrase")),
                () -> client.http().postJson("/api/v1/accounts", json("email", IdentityClient.newEmail("fresh"), "password", "another-pass-phrase")));
    }

    @Test
    void registrationSpendsOneArgon2HashWhetherOrNotTheAccountExists() {
        for (String email : new String[] {existing, IdentityClient.newEmail("fresh")}) {
            double before = hashes();
            client.http().postJson("/api/v1/accounts", json("email", email, "password", "another-pass-phrase"));
            assertThat(hashes() - before).as(email).isEqualTo(1.0);
        }
    }

    @Test
    void passwordReset() {
        assertSame(() -> client.http().postJson("/api/v1/auth/password-reset", json("email", existing)),
                () -> client.http().postJson("/api/v1/auth/password-reset", json("email", IdentityClient.newEmail("nobody"))));
        assertSame(() -> client.http().postJson("/api/v1/auth/password-reset", json("email", pending)),
                () -> client.http().postJson("/api/v1/auth/password-reset", json("email", IdentityClient.newEmail("nobody"))));
    }

    private double verifications() {
        return meters.get("bazaar.identity.password.hashing").tag("operation", "verify").timer().count();
    }

    private double hashes() {
        return meters.get("bazaar.identity.password.hashing").tag("operation", "hash").timer().count();
    }
}
