package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /api/v1/me/sessions: list, sign out one, sign out everywhere else, and other accounts' sessions stay out of reach. */
@IntegrationTest
class SessionsIT extends IdentityHttpTest {

    static final String PASSWORD = "beacon-thistle-6602";

    IdentityClient.Tokens loginWithAgent(String email, String agent) {
        return IdentityClient.tokens(client.passwordGrant(email, PASSWORD, "User-Agent", agent));
    }

    List<JsonNode> sessions(IdentityClient.Tokens tokens) {
        HttpResponse<String> response = client.get("/api/v1/me/sessions?limit=100", tokens.accessToken());
        assertThat(response.statusCode()).isEqualTo(200);
        return read(response).get("data").valueStream().toList();
    }

    @Test
    void listsLiveSessionsNewestFirstAndMarksTheCurrentOne() {
        String email = client.createAccount(IdentityClient.newEmail("list"), PASSWORD);
        loginWithAgent(email, "Phone/1.0");
        IdentityClient.Tokens laptop = loginWithAgent(email, "Laptop/2.0");

        List<JsonNode> sessions = sessions(laptop);
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).get("user_agent").asString()).isEqualTo("Laptop/2.0");
        assertThat(sessions.get(0).get("current").asBoolean()).isTrue();
        assertThat(sessions.get(1).get("user_agent").asString()).isEqualTo("Phone/1.0");
        assertThat(sessions.get(1).get("current").asBoolean()).isFalse();
        assertThat(sessions.get(0).get("ip_address").asString()).isEqualTo("127.0.0.1");
        assertThat(sessions.get(0).get("authentication_methods").get(0).asString()).isEqualTo("password");
        for (String field : List.of("created_at", "last_used_at", "expires_at")) {
            assertThat(sessions.get(0).get(field).asString()).endsWith("Z");
        }

        JsonNode page = read(client.get("/api/v1/me/sessions?limit=1", laptop.accessToken()));
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode next = read(client.get("/api/v1/me/sessions?limit=1&after=" + page.get("next_cursor").asString(), laptop.accessToken()));
        assertThat(next.get("data").get(0).get("user_agent").asString()).isEqualTo("Phone/1.0");
        assertThat(next.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        String email = client.createAccount(IdentityClient.newEmail("xff"), PASSWORD);
        IdentityClient.Tokens tokens = IdentityClient.tokens(client.passwordGrant(email, PASSWORD, "X-Forwarded-For", "203.0.113.9"));
        assertThat(sessions(tokens).getFirst().get("ip_address").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void revokingOneSessionEndsItsTokensAtOnce() {
        String email = client.createAccount(IdentityClient.newEmail("one"), PASSWORD);
        IdentityClient.Tokens phone = loginWithAgent(email, "Phone/1.0");
        IdentityClient.Tokens laptop = loginWithAgent(email, "Laptop/2.0");
        String phoneId = sessions(laptop).stream().filter(s -> !s.get("current").asBoolean()).findFirst().orElseThrow().get("id").asString();

        assertThat(client.call("DELETE", "/api/v1/me/sessions/" + phoneId, null, laptop.accessToken()).statusCode()).isEqualTo(204);
        assertThat(client.get("/api/v1/me", phone.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(phone.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", laptop.accessToken()).statusCode()).isEqualTo(200);
        assertThat(sessions(laptop)).hasSize(1);
        assertThat(client.call("DELETE", "/api/v1/me/sessions/" + phoneId, null, laptop.accessToken()).statusCode()).isEqualTo(404);
        assertThat(read(client.get("/api/v1/me/security-events", laptop.accessToken())).get("data").get(0).get("type").asString())
                .isEqualTo("session_revoked");
    }

    @Test
    void anotherAccountsSessionIsNotFoundAndStaysAlive() {
        String mine = client.createAccount(IdentityClient.newEmail("mine"), PASSWORD);
        String theirs = client.createAccount(IdentityClient.newEmail("theirs"), PASSWORD);
        IdentityClient.Tokens me = client.login(mine, PASSWORD);
        IdentityClient.Tokens them = client.login(theirs, PASSWORD);
        String theirSession = sessions(them).getFirst().get("id").asString();

        HttpResponse<String> refused = client.call("DELETE", "/api/v1/me/sessions/" + theirSession, null, me.accessToken());
        assertThat(refused.statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = client.call("DELETE", "/api/v1/me/sessions/" + UUID.randomUUID(), null, me.accessToken());
        assertThat(IdentityClient.problemWithoutRequestId(refused).get("detail"))
                .isEqualTo(IdentityClient.problemWithoutRequestId(unknown).get("detail"));
        assertThat(client.get("/api/v1/me", them.accessToken()).statusCode()).isEqualTo(200);
        assertThat(sessions(me)).extracting(s -> s.get("id").asString()).doesNotContain(theirSession);
        assertThat(client.call("DELETE", "/api/v1/me/sessions/not-a-uuid", null, me.accessToken()).statusCode()).isEqualTo(400);
    }

    @Test
    void signingSessionsOutNeedsARecentSignIn() {
        String email = client.createAccount(IdentityClient.newEmail("stale"), PASSWORD);
        IdentityClient.Tokens other = client.login(email, PASSWORD);
        IdentityClient.Tokens old = client.login(email, PASSWORD);
        jdbc.sql("update auth_sessions set authenticated_at = now() - interval '1 hour' where account_id = "
                + "(select id from accounts where email = ?)").param(email).update();
        String otherId = sessions(old).stream().filter(s -> !s.get("current").asBoolean()).findFirst().orElseThrow().get("id").asString();

        HttpResponse<String> one = client.call("DELETE", "/api/v1/me/sessions/" + otherId, null, old.accessToken());
        assertThat(one.statusCode()).isEqualTo(403);
        assertThat(read(one).get("code").asString()).isEqualTo("reauthentication_required");
        assertThat(client.call("DELETE", "/api/v1/me/sessions", null, old.accessToken()).statusCode()).isEqualTo(403);
        assertThat(client.get("/api/v1/me", other.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void anAccountKeepsAtMostAHundredLiveSessions() {
        String email = client.createAccount(IdentityClient.newEmail("many"), PASSWORD);
        IdentityClient.Tokens oldest = client.login(email, PASSWORD);
        String accountId = jdbc.sql("select id::text from accounts where email = ?").param(email).query(String.class).single();
        for (int i = 0; i < 99; i++) {
            // Session ids are UUIDv7, so these sort after the first sign-in's and before the next one's.
            jdbc.sql("""
                    insert into auth_sessions (id, account_id, created_at, authenticated_at, methods, last_used_at, idle_expires_at, expires_at)
                    values (?, cast(? as uuid), now(), now(), 'password', now(), now() + interval '1 day', now() + interval '1 day')""")
                    .params(dev.bazaar.platform.Ids.newId(), accountId).update();
        }
        IdentityClient.Tokens newest = client.login(email, PASSWORD);

        assertThat(jdbc.sql("select count(*) from auth_sessions s join accounts a on a.id = s.account_id where a.email = ? "
                + "and s.revoked_at is null").param(email).query(Long.class).single()).isEqualTo(100);
        assertThat(client.refreshGrant(oldest.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", newest.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutEverywhereElseKeepsOnlyTheCurrentSession() {
        String email = client.createAccount(IdentityClient.newEmail("others"), PASSWORD);
        IdentityClient.Tokens a = client.login(email, PASSWORD);
        IdentityClient.Tokens b = client.login(email, PASSWORD);
        IdentityClient.Tokens current = client.login(email, PASSWORD);

        assertThat(client.call("DELETE", "/api/v1/me/sessions", null, current.accessToken()).statusCode()).isEqualTo(204);
        assertThat(client.get("/api/v1/me", a.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", b.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(b.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", current.accessToken()).statusCode()).isEqualTo(200);
        assertThat(sessions(current)).hasSize(1).first().satisfies(s -> assertThat(s.get("current").asBoolean()).isTrue());
    }
}
