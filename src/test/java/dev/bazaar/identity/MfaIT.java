package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.crypto.Totp;
import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * TOTP two-factor authentication end to end. Codes are computed here from the enrolled secret; the server accepts the
 * current 30-second step and one on either side, each at most once and never one older than the last, so a test uses
 * the steps before, at and after "now" for up to three sign-ins.
 */
@IntegrationTest
class MfaIT extends IdentityHttpTest {

    static final String PASSWORD = "quartz-ember-3318";

    /** An account with two-factor on; returns the secret, the current session's tokens and the recovery codes. */
    record Enrolled(String email, byte[] secret, IdentityClient.Tokens tokens, List<String> recoveryCodes, long step) {
        String code(int offset) {
            return Totp.code(secret, step + offset);
        }
    }

    Enrolled enrol(String label) {
        String email = client.createAccount(IdentityClient.newEmail(label), PASSWORD);
        IdentityClient.Tokens tokens = client.login(email, PASSWORD);
        HttpResponse<String> started = client.call("POST", "/api/v1/me/mfa/totp", null, tokens.accessToken());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode enrolment = read(started);
        byte[] secret = new Base32().decode(enrolment.get("secret").asString());
        assertThat(secret).hasSize(20);
        assertThat(enrolment.get("otpauth_uri").asString()).startsWith("otpauth://totp/Bazaar:")
                .contains("secret=" + enrolment.get("secret").asString()).contains("issuer=Bazaar");
        long step = awaitFreshStep();
        HttpResponse<String> confirmed = client.call("POST", "/api/v1/me/mfa/totp/confirm",
                json("otp", Totp.code(secret, step - 1)), tokens.accessToken());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        read(confirmed).get("recovery_codes").forEach(c -> codes.add(c.asString()));
        return new Enrolled(email, secret, tokens, codes, step);
    }

    /** The current step, waiting first if it ends within 5 seconds, so that step-1..step+1 stay valid for a while. */
    static long awaitFreshStep() {
        while (Instant.now().getEpochSecond() % Totp.PERIOD_SECONDS > Totp.PERIOD_SECONDS - 5) {
            sleep(250);
        }
        return Totp.step(Instant.now());
    }

    String mfaToken(String email) {
        HttpResponse<String> response = client.passwordGrant(email, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode problem = read(response);
        assertThat(problem.get("code").asString()).isEqualTo("mfa_required");
        assertThat(problem.has("access_token")).isFalse();
        assertThat(problem.get("mfa_token_expires_in").asLong()).isBetween(60L, 600L);
        return problem.get("mfa_token").asString();
    }

    @Test
    void enrolmentThenSignInNeedsTheSecondFactorAndCodesCannotBeReplayed() {
        Enrolled enrolled = enrol("totp");
        assertThat(enrolled.recoveryCodes()).hasSize(10).allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){5}"));
        assertThat(new HashSet<>(enrolled.recoveryCodes())).hasSize(10);
        JsonNode me = read(client.get("/api/v1/me", enrolled.tokens().accessToken()));
        assertThat(me.get("mfa_enabled").asBoolean()).isTrue();
        assertThat(me.get("recovery_codes_left").asInt()).isEqualTo(10);
        client.awaitMail(enrolled.email(), "Two-factor authentication is on");

        String mfaToken = mfaToken(enrolled.email());
        HttpResponse<String> replayed = client.mfaGrant(mfaToken, enrolled.code(-1));
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(read(replayed).get("code").asString()).isEqualTo("invalid_otp");

        IdentityClient.Tokens tokens = IdentityClient.tokens(client.mfaGrant(mfaToken, enrolled.code(0)));
        String payload = new String(Base64.getUrlDecoder().decode(tokens.accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(IdentityClient.JSON.readTree(payload).get("amr").valueStream().map(JsonNode::asString)).containsExactly("pwd", "otp");
        JsonNode current = read(client.get("/api/v1/me/sessions", tokens.accessToken())).get("data").get(0);
        assertThat(current.get("authentication_methods").valueStream().map(JsonNode::asString)).containsExactly("password", "otp");

        // The mfa_token was used up, and the same code works only once even with a new mfa_token.
        assertThat(read(client.mfaGrant(mfaToken, enrolled.code(1))).get("code").asString()).isEqualTo("invalid_grant");
        assertThat(read(client.mfaGrant(mfaToken(enrolled.email()), enrolled.code(0))).get("code").asString()).isEqualTo("invalid_otp");
        // Refreshing keeps the two-factor strength of the session.
        IdentityClient.Tokens refreshed = IdentityClient.tokens(client.refreshGrant(tokens.refreshToken()));
        String refreshedPayload = new String(Base64.getUrlDecoder().decode(refreshed.accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(refreshedPayload).contains("\"otp\"");
    }

    @Test
    void recoveryCodesWorkOnceEach() {
        Enrolled enrolled = enrol("recovery");
        String code = enrolled.recoveryCodes().get(3);
        IdentityClient.Tokens tokens = IdentityClient.tokens(client.mfaGrant(mfaToken(enrolled.email()), code.toUpperCase()));
        assertThat(client.mfaGrant(mfaToken(enrolled.email()), code).statusCode()).isEqualTo(401);
        assertThat(read(client.get("/api/v1/me", tokens.accessToken())).get("recovery_codes_left").asInt()).isEqualTo(9);
        assertThat(read(client.get("/api/v1/me/security-events", tokens.accessToken())).get("data").valueStream()
                .map(e -> e.get("type").asString())).contains("recovery_code_used", "mfa_challenge_failed");
        assertThat(jdbc.sql("select count(*) from recovery_codes where encode(code_hash, 'hex') like ?")
                .param("%" + code.replace("-", "") + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anMfaTokenDiesAfterFiveWrongCodes() {
        Enrolled enrolled = enrol("brute");
        String mfaToken = mfaToken(enrolled.email());
        for (int i = 0; i < 5; i++) {
            assertThat(read(client.mfaGrant(mfaToken, "000000".equals(enrolled.code(0)) ? "111111" : "000000")).get("code").asString())
                    .isEqualTo("invalid_otp");
        }
        assertThat(read(client.mfaGrant(mfaToken, enrolled.code(0))).get("code").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void expiredOrForgedMfaTokensAreInvalidGrants() {
        Enrolled enrolled = enrol("expired");
        String mfaToken = mfaToken(enrolled.email());
        jdbc.sql("update one_time_tokens set expires_at = now() - interval '1 second', created_at = now() - interval '10 minutes' "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))").param(mfaToken).update();
        assertThat(read(client.mfaGrant(mfaToken, enrolled.code(0))).get("code").asString()).isEqualTo("invalid_grant");
        assertThat(read(client.mfaGrant("bzmfa_" + "x".repeat(43), enrolled.code(0))).get("code").asString()).isEqualTo("invalid_grant");
        assertThat(read(client.mfaGrant(enrolled.tokens().refreshToken(), enrolled.code(0))).get("code").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void turningTwoFactorOffNeedsAFreshCode() {
        Enrolled enrolled = enrol("disable");
        String access = enrolled.tokens().accessToken();
        assertThat(client.call("DELETE", "/api/v1/me/mfa/totp", null, access).statusCode()).isEqualTo(400);
        assertThat(read(client.call("DELETE", "/api/v1/me/mfa/totp", json("otp", enrolled.code(-1)), access)).get("code").asString())
                .isEqualTo("invalid_otp");
        assertThat(client.call("DELETE", "/api/v1/me/mfa/totp", json("otp", enrolled.code(1)), access).statusCode()).isEqualTo(204);
        assertThat(client.passwordGrant(enrolled.email(), PASSWORD).statusCode()).isEqualTo(200);
        assertThat(read(client.get("/api/v1/me", access)).get("mfa_enabled").asBoolean()).isFalse();
        client.awaitMail(enrolled.email(), "Two-factor authentication was turned off");
        assertThat(read(client.call("DELETE", "/api/v1/me/mfa/totp", json("otp", "123456"), access)).get("code").asString())
                .isEqualTo("mfa_not_enabled");
    }

    @Test
    void enrolmentRefusesOutOfOrderSteps() {
        String email = client.createAccount(IdentityClient.newEmail("order"), PASSWORD);
        IdentityClient.Tokens tokens = client.login(email, PASSWORD);
        assertThat(read(client.call("POST", "/api/v1/me/mfa/totp/confirm", json("otp", "123456"), tokens.accessToken()))
                .get("code").asString()).isEqualTo("mfa_enrolment_not_started");
        client.call("POST", "/api/v1/me/mfa/totp", null, tokens.accessToken());
        HttpResponse<String> wrong = client.call("POST", "/api/v1/me/mfa/totp/confirm", json("otp", "12345"), tokens.accessToken());
        assertThat(read(wrong).get("code").asString()).isEqualTo("invalid_otp");
        assertThat(read(client.get("/api/v1/me", tokens.accessToken())).get("mfa_enabled").asBoolean()).isFalse();
        // While pending, sign-in needs no second factor.
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(200);

        Enrolled enrolled = enrol("twice");
        assertThat(read(client.call("POST", "/api/v1/me/mfa/totp", null, enrolled.tokens().accessToken())).get("code").asString())
                .isEqualTo("mfa_already_enabled");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
