package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /api/v1/me: profile with ETag, password change, deactivation, security events. */
@IntegrationTest
class MeIT extends IdentityHttpTest {

    static final String PASSWORD = "willow-canyon-2290";

    @Test
    void anonymousCallersGet401OnEveryMeRoute() {
        for (String[] route : new String[][] {{"GET", "/api/v1/me"}, {"PATCH", "/api/v1/me"}, {"DELETE", "/api/v1/me"},
                {"POST", "/api/v1/me/password"}, {"GET", "/api/v1/me/sessions"}, {"DELETE", "/api/v1/me/sessions"},
                {"GET", "/api/v1/me/security-events"}, {"POST", "/api/v1/me/mfa/totp"}}) {
            HttpResponse<String> response = client.http().json(route[0], route[1], route[0].equals("GET") ? null : "{}");
            assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
            assertThat(read(response).get("code").asString()).isEqualTo("unauthenticated");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void profileCarriesAnETagAndPatchHonoursIfMatch() {
        String email = client.createAccount(IdentityClient.newEmail("me"), PASSWORD);
        IdentityClient.Tokens tokens = client.login(email, PASSWORD);
        HttpResponse<String> me = client.get("/api/v1/me", tokens.accessToken());
        assertThat(me.headers().firstValue("Cache-Control")).hasValue("no-store");
        String etag = me.headers().firstValue("ETag").orElseThrow();
        assertThat(read(me).has("password_hash")).isFalse();

        HttpResponse<String> patched = client.call("PATCH", "/api/v1/me", "{\"name\":\"Grace Hopper\",\"locale\":\"de-ch\"}",
                tokens.accessToken(), "If-Match", etag);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(read(patched).get("name").asString()).isEqualTo("Grace Hopper");
        assertThat(read(patched).get("locale").asString()).isEqualTo("de-CH");
        assertThat(patched.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));

        HttpResponse<String> stale = client.call("PATCH", "/api/v1/me", "{\"name\":\"Stale\"}", tokens.accessToken(), "If-Match", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(read(stale).get("code").asString()).isEqualTo("precondition_failed");

        HttpResponse<String> cleared = client.call("PATCH", "/api/v1/me", "{\"name\":null}", tokens.accessToken());
        assertThat(read(cleared).get("name").isNull()).isTrue();
        assertThat(read(cleared).get("locale").asString()).isEqualTo("de-CH");
    }

    @Test
    void patchRefusesUnknownAndInvalidFields() {
        String email = client.createAccount(IdentityClient.newEmail("patch"), PASSWORD);
        IdentityClient.Tokens tokens = client.login(email, PASSWORD);
        HttpResponse<String> unknown = client.call("PATCH", "/api/v1/me", "{\"email\":\"evil@example.com\"}", tokens.accessToken());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(read(unknown).get("code").asString()).isEqualTo("unknown_field");
        HttpResponse<String> locale = client.call("PATCH", "/api/v1/me", "{\"locale\":\"!!\"}", tokens.accessToken());
        assertThat(locale.statusCode()).isEqualTo(400);
        assertThat(read(locale).get("errors").get(0).get("field").asString()).isEqualTo("locale");
        assertThat(client.call("PATCH", "/api/v1/me", "[1]", tokens.accessToken()).statusCode()).isEqualTo(400);
        assertThat(client.call("PATCH", "/api/v1/me", "{\"name\":\"" + "y".repeat(300) + "\"}", tokens.accessToken())
                .statusCode()).isEqualTo(400);
        assertThat(read(client.get("/api/v1/me", tokens.accessToken())).get("email").asString()).isEqualTo(email);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndSignsOutOtherSessions() {
        String email = client.createAccount(IdentityClient.newEmail("change"), PASSWORD);
        IdentityClient.Tokens current = client.login(email, PASSWORD);
        IdentityClient.Tokens other = client.login(email, PASSWORD);

        HttpResponse<String> wrong = client.call("POST", "/api/v1/me/password",
                json("current_password", "not-my-password", "new_password", "brand-new-passphrase-1"), current.accessToken());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(read(wrong).get("errors").get(0).get("field").asString()).isEqualTo("current_password");
        HttpResponse<String> weak = client.call("POST", "/api/v1/me/password",
                json("current_password", PASSWORD, "new_password", "12345678"), current.accessToken());
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(read(weak).get("errors").get(0).get("code").asString()).isEqualTo("password_too_common");
        assertThat(client.get("/api/v1/me", other.accessToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = client.call("POST", "/api/v1/me/password",
                json("current_password", PASSWORD, "new_password", "brand-new-passphrase-1"), current.accessToken());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(client.get("/api/v1/me", current.accessToken()).statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/me", other.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(other.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(client.passwordGrant(email, "brand-new-passphrase-1").statusCode()).isEqualTo(200);
        client.awaitMail(email, "Your password was changed");
    }

    @Test
    void deactivationNeedsARecentSignInThenAnonymisesAndEndsEverything() {
        String email = client.createAccount(IdentityClient.newEmail("bye"), PASSWORD);
        IdentityClient.Tokens old = client.login(email, PASSWORD);
        jdbc.sql("update auth_sessions set authenticated_at = now() - interval '1 hour' where account_id = "
                + "(select id from accounts where email = ?)").param(email).update();
        IdentityClient.Tokens stale = IdentityClient.tokens(client.refreshGrant(old.refreshToken()));
        HttpResponse<String> refused = client.call("DELETE", "/api/v1/me", null, stale.accessToken());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(read(refused).get("code").asString()).isEqualTo("reauthentication_required");

        IdentityClient.Tokens fresh = client.login(email, PASSWORD);
        assertThat(client.call("DELETE", "/api/v1/me", null, fresh.accessToken()).statusCode()).isEqualTo(204);

        assertThat(client.get("/api/v1/me", fresh.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", stale.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(stale.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.passwordGrant(email, PASSWORD).statusCode()).isEqualTo(401);
        var row = jdbc.sql("select email, name, password_hash, status from accounts where email like 'deleted-%' and id = "
                + "(select account_id from auth_sessions where id = (select session_id from refresh_tokens "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))))").param(fresh.refreshToken()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("deactivated");
        assertThat(row.get("name")).isNull();
        assertThat(row.get("password_hash")).isNull();
        assertThat(jdbc.sql("select count(*) from security_events where ip_address is not null and account_id = "
                + "(select id from accounts where email = ?)").param(row.get("email")).query(Long.class).single()).isZero();

        // The address is free again.
        HttpResponse<String> again = client.http().postJson("/api/v1/accounts", json("email", email, "password", PASSWORD));
        assertThat(again.statusCode()).isEqualTo(202);
        client.awaitMail(email, "Confirm your email address");
    }

    @Test
    void securityEventsListTheAccountsOwnActivityNewestFirstInPages() {
        String email = client.createAccount(IdentityClient.newEmail("events"), PASSWORD);
        client.passwordGrant(email, "wrong-password-here");
        for (int i = 0; i < 3; i++) {
            client.login(email, PASSWORD);
        }
        IdentityClient.Tokens tokens = client.login(email, PASSWORD);
        String other = client.createAccount(IdentityClient.newEmail("other"), PASSWORD);
        client.login(other, PASSWORD);

        HttpResponse<String> first = client.get("/api/v1/me/security-events?limit=2", tokens.accessToken());
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode page = read(first);
        assertThat(page.get("data")).hasSize(2);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(first.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"next\"").contains("after="));
        JsonNode newest = page.get("data").get(0);
        assertThat(newest.get("type").asString()).isEqualTo("login_succeeded");
        assertThat(newest.get("ip_address").asString()).isEqualTo("127.0.0.1");
        assertThat(newest.get("request_id").asString()).isNotBlank();

        Set<String> ids = new HashSet<>();
        Set<String> types = new HashSet<>();
        String cursor = null;
        do {
            JsonNode next = read(client.get("/api/v1/me/security-events?limit=2" + (cursor != null ? "&after=" + cursor : ""),
                    tokens.accessToken()));
            next.get("data").forEach(e -> {
                assertThat(ids.add(e.get("id").asString())).isTrue();
                types.add(e.get("type").asString());
            });
            cursor = next.get("has_more").asBoolean() ? next.get("next_cursor").asString() : null;
        } while (cursor != null);
        assertThat(types).contains("login_succeeded", "login_failed");
        assertThat(ids).hasSize(jdbc.sql("select count(*) from security_events where account_id = (select id from accounts where email = ?)")
                .param(email).query(Integer.class).single());

        assertThat(client.get("/api/v1/me/security-events?limit=101", tokens.accessToken()).statusCode()).isEqualTo(400);
        assertThat(client.get("/api/v1/me/security-events?after=%21%21", tokens.accessToken()).statusCode()).isEqualTo(400);
        assertThat(client.get("/api/v1/me/security-events?after=bm90LWEtdXVpZA", tokens.accessToken()).statusCode()).isEqualTo(400);
    }
}
