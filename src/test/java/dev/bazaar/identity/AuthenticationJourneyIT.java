package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.crypto.Totp;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The whole journey through the real HTTP API — register, read the mail, verify, sign in, enrol two-factor, sign in
 * with a code, refresh, reuse the old refresh token (family revoked), reset the password by mail, old sessions dead —
 * with debug logging on, and then the proof that no password, token, secret or code of the journey reached the log.
 */
@IntegrationTest(properties = {
        "logging.level.dev.bazaar=DEBUG",
        "logging.level.dev.bazaar.access=INFO",
        "logging.level.dev.bazaar.security=INFO",
        "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.hibernate.SQL=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationJourneyIT {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void registerVerifySignInEnrolRefreshReuseResetAndNoSecretIsLogged(CapturedOutput output) {
        IdentityClient client = new IdentityClient(new TestHttp(port), accounts);
        List<String> secrets = new ArrayList<>();
        String email = IdentityClient.newEmail("journey");
        String password = "first-journey-passphrase";
        secrets.add(password);

        // Register and verify through the mailbox.
        assertThat(client.http().postJson("/api/v1/accounts", json("email", email, "password", password, "name", "Jo")).statusCode())
                .isEqualTo(202);
        String verification = client.awaitMailToken(email, "Confirm your email address");
        secrets.add(verification);
        assertThat(client.http().postJson("/api/v1/accounts/email-verification", json("token", verification)).statusCode()).isEqualTo(200);

        // Sign in and enrol two-factor.
        IdentityClient.Tokens first = client.login(email, password);
        secrets.add(first.accessToken());
        secrets.add(first.refreshToken());
        JsonNode enrolment = read(client.call("POST", "/api/v1/me/mfa/totp", null, first.accessToken()));
        String secretText = enrolment.get("secret").asString();
        secrets.add(secretText);
        byte[] secret = new Base32().decode(secretText);
        long step = MfaIT.awaitFreshStep();
        HttpResponse<String> confirmed = client.call("POST", "/api/v1/me/mfa/totp/confirm",
                json("otp", Totp.code(secret, step - 1)), first.accessToken());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        read(confirmed).get("recovery_codes").forEach(code -> secrets.add(code.asString()));

        // Sign in with the second factor.
        String mfaToken = read(client.passwordGrant(email, password)).get("mfa_token").asString();
        secrets.add(mfaToken);
        IdentityClient.Tokens second = IdentityClient.tokens(client.mfaGrant(mfaToken, Totp.code(secret, step)));
        secrets.add(second.accessToken());
        secrets.add(second.refreshToken());
        assertThat(client.get("/api/v1/me", second.accessToken()).statusCode()).isEqualTo(200);

        // Refresh, then reuse the old refresh token: the whole family is revoked.
        IdentityClient.Tokens third = IdentityClient.tokens(client.refreshGrant(second.refreshToken()));
        secrets.add(third.accessToken());
        secrets.add(third.refreshToken());
        assertThat(client.refreshGrant(second.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", third.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(third.refreshToken()).statusCode()).isEqualTo(401);

        // The first session (password only) is still alive until the reset.
        assertThat(client.get("/api/v1/me", first.accessToken()).statusCode()).isEqualTo(200);

        // Reset the password by mail: every old session is dead afterwards.
        assertThat(client.http().postJson("/api/v1/auth/password-reset", json("email", email)).statusCode()).isEqualTo(202);
        String reset = client.awaitMailToken(email, "Reset your password");
        secrets.add(reset);
        String newPassword = "second-journey-passphrase";
        secrets.add(newPassword);
        assertThat(client.http().postJson("/api/v1/auth/password-reset/confirm", json("token", reset, "new_password", newPassword))
                .statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/me", first.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(first.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.passwordGrant(email, password).statusCode()).isEqualTo(401);

        // The new password works, still with the second factor.
        String nextMfa = read(client.passwordGrant(email, newPassword)).get("mfa_token").asString();
        secrets.add(nextMfa);
        IdentityClient.Tokens last = IdentityClient.tokens(client.mfaGrant(nextMfa, Totp.code(secret, step + 1)));
        secrets.add(last.accessToken());
        secrets.add(last.refreshToken());
        JsonNode events = read(client.get("/api/v1/me/security-events?limit=100", last.accessToken())).get("data");
        assertThat(events.valueStream().map(e -> e.get("type").asString())).contains("account_registered", "email_verified",
                "login_succeeded", "mfa_enrolment_started", "mfa_enabled", "refresh_token_reused", "password_reset_requested",
                "password_reset");

        // The log saw the journey (positive control) and none of its secrets.
        String log = output.getAll();
        assertThat(log).contains("Security event login_succeeded", "Security event refresh_token_reused",
                "Security event password_reset", "POST /api/v1/auth/token");
        for (String secretValue : secrets) {
            assertThat(log).as("the log must not contain a secret of the journey").doesNotContain(secretValue);
        }
        // Nor any fragment of a JWT signature or refresh token beyond the prefixes.
        for (String token : List.of(first.accessToken(), third.accessToken())) {
            assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        assertThat(log).doesNotContainPattern("bzr_[A-Za-z0-9_-]{20,}").doesNotContainPattern("bzm_[A-Za-z0-9_-]{20,}")
                .doesNotContainPattern("bzmfa_[A-Za-z0-9_-]{20,}").doesNotContainPattern("\\$argon2id\\$");
    }
}
