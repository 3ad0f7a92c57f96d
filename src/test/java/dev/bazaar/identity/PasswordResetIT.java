package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** POST /api/v1/auth/password-reset and /confirm. */
@IntegrationTest
class PasswordResetIT extends IdentityHttpTest {

    static final String PASSWORD = "meadow-copper-5530";
    static final String NEW_PASSWORD = "glacier-saffron-7714";

    HttpResponse<String> requestReset(String email) {
        return client.http().postJson("/api/v1/auth/password-reset", json("email", email));
    }

    HttpResponse<String> confirm(String token, String password) {
        return client.http().postJson("/api/v1/auth/password-reset/confirm", json("token", token, "new_password", password));
    }

    @Test
    void resetSetsTheNewPasswordAndSignsOutEverySession() {
        String email = client.createAccount(IdentityClient.newEmail("reset"), PASSWORD);
        IdentityClient.Tokens one = client.login(email, PASSWORD);
        IdentityClient.Tokens two = client.login(email, PASSWORD);

        assertThat(requestReset(email).statusCode()).isEqualTo(202);
        String token = client.awaitMailToken(email, "Reset your password");
        HttpResponse<String> confirmed = confirm(token, NEW_PASSWORD);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        assertThat(client.get("/api/v1/me", one.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", two.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(one.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(401);
        IdentityClient.Tokens fresh = client.login(email, NEW_PASSWORD);
        assertThat(read(client.get("/api/v1/me/security-events", fresh.accessToken())).get("data").valueStream()
                .map(e -> e.get("type").asString())).contains("password_reset", "password_reset_requested");
        client.awaitMail(email, "Your password was changed");

        assertThat(confirm(token, "yet-another-passphrase").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownAndExistingAddressesGetTheSameAnswer() {
        String email = client.createAccount(IdentityClient.newEmail("known"), PASSWORD);
        HttpResponse<String> known = requestReset(email);
        HttpResponse<String> unknown = requestReset(IdentityClient.newEmail("unknown"));
        assertThat(known.statusCode()).isEqualTo(202);
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());
    }

    @Test
    void aWeakNewPasswordIsRefusedAndTheTokenStaysUsable() {
        String email = client.createAccount(IdentityClient.newEmail("weaknew"), PASSWORD);
        requestReset(email);
        String token = client.awaitMailToken(email, "Reset your password");
        HttpResponse<String> weak = confirm(token, "qwerty123");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(read(weak).get("errors").get(0).get("field").asString()).isEqualTo("new_password");
        assertThat(confirm(token, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheNewestLinkWorksAndExpiredLinksNever() {
        String email = client.createAccount(IdentityClient.newEmail("newest"), PASSWORD);
        requestReset(email);
        String older = client.awaitMailToken(email, "Reset your password");
        requestReset(email);
        org.awaitility.Awaitility.await().until(() -> client.mails(email).size() == 2);
        String newer = IdentityClient.tokenIn(client.mails(email).getFirst());
        assertThat(newer).isNotEqualTo(older);
        assertThat(confirm(older, NEW_PASSWORD).statusCode()).isEqualTo(400);

        jdbc.sql("update one_time_tokens set expires_at = now() - interval '1 second', created_at = now() - interval '1 hour' "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))").param(newer).update();
        assertThat(confirm(newer, NEW_PASSWORD).statusCode()).isEqualTo(400);
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void resetLinksExpireWithinThirtyMinutes() {
        String email = client.createAccount(IdentityClient.newEmail("ttl"), PASSWORD);
        requestReset(email);
        String token = client.awaitMailToken(email, "Reset your password");
        Long seconds = jdbc.sql("select extract(epoch from expires_at - created_at)::bigint from one_time_tokens "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))").param(token).query(Long.class).single();
        assertThat(seconds).isLessThanOrEqualTo(30 * 60);
    }

    @Test
    void atMostThreeResetMailsAnHourPerAccount() {
        String email = client.createAccount(IdentityClient.newEmail("flood"), PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(requestReset(email).statusCode()).isEqualTo(202);
        }
        org.awaitility.Awaitility.await().until(() -> client.mails(email).size() >= 3);
        org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(1)).until(() -> client.mails(email).size() == 3);
    }

    @Test
    void resettingAPendingRegistrationVerifiesItWithTheNewPassword() {
        String email = IdentityClient.newEmail("pending");
        client.http().postJson("/api/v1/accounts", json("email", email, "password", PASSWORD));
        client.awaitMail(email, "Confirm your email address");
        requestReset(email);
        String token = client.awaitMailToken(email, "Reset your password");
        assertThat(confirm(token, NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(client.passwordGrant(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(401);
    }
}
