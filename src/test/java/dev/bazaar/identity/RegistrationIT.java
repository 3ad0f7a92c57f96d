package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/accounts and /accounts/email-verification: registration that reveals nothing, and verification. */
@IntegrationTest
class RegistrationIT extends IdentityHttpTest {

    static final String PASSWORD = "harbour-violet-4821";

    HttpResponse<String> register(String email, String password) {
        return client.http().postJson("/api/v1/accounts", json("email", email, "password", password, "name", "Ann"));
    }

    @Test
    void registrationSendsAVerificationMailAndTheLinkActivatesTheAccount() {
        String email = IdentityClient.newEmail("new");
        HttpResponse<String> registered = register(email, PASSWORD);
        assertThat(registered.statusCode()).isEqualTo(202);

        // Before verification the account cannot sign in, and says so exactly as for an unknown address (otherwise
        // registering an address and then signing in with that password would reveal whether it had an account).
        HttpResponse<String> pending = client.passwordGrant(email, PASSWORD);
        assertThat(pending.statusCode()).isEqualTo(401);
        assertThat(IdentityClient.problemWithoutRequestId(pending))
                .isEqualTo(IdentityClient.problemWithoutRequestId(client.passwordGrant(IdentityClient.newEmail("none"), PASSWORD)));

        JsonNode mail = client.awaitMail(email, "Confirm your email address");
        String token = IdentityClient.tokenIn(mail);
        assertThat(token).hasSize(47);
        assertThat(mail.get("text").asString()).contains("#token=" + token);
        HttpResponse<String> verified = client.http().postJson("/api/v1/accounts/email-verification", json("token", token));
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(read(verified).get("email_verified").asBoolean()).isTrue();

        IdentityClient.Tokens tokens = client.login(email, PASSWORD);
        JsonNode me = read(client.get("/api/v1/me", tokens.accessToken()));
        assertThat(me.get("email").asString()).isEqualTo(email);
        assertThat(me.get("name").asString()).isEqualTo("Ann");
        assertThat(me.get("email_verified").asBoolean()).isTrue();

        // The token was single use.
        HttpResponse<String> again = client.http().postJson("/api/v1/accounts/email-verification", json("token", token));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(read(again).get("code").asString()).isEqualTo("token_invalid");
        // Only the digest is stored, and neither the password nor the token is in the database as such.
        assertThat(jdbc.sql("select count(*) from one_time_tokens where payload like '%' || ? || '%'").param(PASSWORD)
                .query(Long.class).single()).isZero();
    }

    @Test
    void registeringAnExistingAddressLooksTheSameAndMailsTheOwner() {
        String existing = client.createAccount(IdentityClient.newEmail("taken"), PASSWORD);
        String fresh = IdentityClient.newEmail("free");
        HttpResponse<String> forExisting = register(existing, "another-strong-passphrase");
        HttpResponse<String> forNew = register(fresh, "another-strong-passphrase");

        assertThat(forExisting.statusCode()).isEqualTo(202);
        assertThat(forNew.statusCode()).isEqualTo(202);
        assertThat(forExisting.body()).isEqualTo(forNew.body());
        assertThat(client.awaitMail(existing, "You already have an account").get("text").asString()).contains("reset");
        client.awaitMail(fresh, "Confirm your email address");
        // The existing account is unchanged: its password still works.
        assertThat(client.passwordGrant(existing, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void eachVerificationLinkActivatesThePasswordOfItsOwnRegistration() {
        String email = IdentityClient.newEmail("twice");
        client.http().postJson("/api/v1/accounts", json("email", email, "password", "first-registration-pass", "name", "First",
                "locale", "fr"));
        String firstToken = client.awaitMailToken(email, "Confirm your email address");
        register(email, "second-registration-pass");
        org.awaitility.Awaitility.await().until(() -> client.mails(email).size() == 2);
        String secondToken = IdentityClient.tokenIn(client.mails(email).getFirst());
        assertThat(secondToken).isNotEqualTo(firstToken);

        assertThat(client.http().postJson("/api/v1/accounts/email-verification", json("token", firstToken)).statusCode()).isEqualTo(200);
        IdentityClient.Tokens tokens = client.login(email, "first-registration-pass");
        JsonNode me = read(client.get("/api/v1/me", tokens.accessToken()));
        assertThat(me.get("name").asString()).isEqualTo("First");
        assertThat(me.get("locale").asString()).isEqualTo("fr");
        assertThat(client.passwordGrant(email, "second-registration-pass").statusCode()).isEqualTo(401);
        // Verification ended the other pending link.
        assertThat(client.http().postJson("/api/v1/accounts/email-verification", json("token", secondToken)).statusCode()).isEqualTo(400);
    }

    @Test
    void weakPasswordsAreRefusedWithAFieldError() {
        String email = IdentityClient.newEmail("weak");
        for (List<String> weak : List.of(List.of("short7!", "password_too_short"), List.of("password123", "password_too_common"),
                List.of("PassWord123", "password_too_common"), List.of("x".repeat(129), "password_too_long"),
                List.of(email, "password_too_guessable"))) {
            HttpResponse<String> response = register(email, weak.get(0));
            assertThat(response.statusCode()).as(weak.get(0)).isEqualTo(400);
            JsonNode error = read(response).get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("password");
            assertThat(error.get("code").asString()).isEqualTo(weak.get(1));
        }
        assertThat(jdbc.sql("select count(*) from accounts where email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void longUnicodePasswordsWithoutCompositionRulesAreAccepted() {
        String email = IdentityClient.newEmail("unicode");
        String password = "ｃｏｒｒｅｃｔ ｈｏｒｓｅ ✓ ünïcødé passphrase of sixty-four characters, more or less!!";
        assertThat(password.codePointCount(0, password.length())).isGreaterThanOrEqualTo(64);
        register(email, password);
        String token = client.awaitMailToken(email, "Confirm your email address");
        client.http().postJson("/api/v1/accounts/email-verification", json("token", token));
        // NFKC: the full-width letters typed as ASCII are the same password.
        String ascii = java.text.Normalizer.normalize(password, java.text.Normalizer.Form.NFKC);
        assertThat(ascii).isNotEqualTo(password);
        assertThat(client.passwordGrant(email, ascii).statusCode()).isEqualTo(200);
        assertThat(client.passwordGrant(email, password).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedRegistrationsAreRefused() {
        assertThat(client.http().postJson("/api/v1/accounts", json("email", "not-an-address", "password", PASSWORD)).statusCode()).isEqualTo(400);
        assertThat(client.http().postJson("/api/v1/accounts", json("email", IdentityClient.newEmail("x"), "password", PASSWORD,
                "locale", "not a locale!")).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = client.http().postJson("/api/v1/accounts",
                json("email", IdentityClient.newEmail("x"), "password", PASSWORD, "role", "platform_admin"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(read(unknown).get("code").asString()).isEqualTo("unknown_field");
        assertThat(client.http().postJson("/api/v1/accounts/email-verification", json("token", "bzm_nonsense")).statusCode()).isEqualTo(400);
        assertThat(client.http().postJson("/api/v1/accounts/email-verification", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void anExpiredVerificationLinkDoesNotWork() {
        String email = IdentityClient.newEmail("expired");
        register(email, PASSWORD);
        String token = client.awaitMailToken(email, "Confirm your email address");
        jdbc.sql("update one_time_tokens set expires_at = now() - interval '1 second', created_at = now() - interval '2 days' "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))").param(token).update();
        assertThat(client.http().postJson("/api/v1/accounts/email-verification", json("token", token)).statusCode()).isEqualTo(400);
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(401);
    }
}
