package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.json;
import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/auth/token and /auth/revoke: the password grant, refresh rotation with reuse detection, revocation. */
@IntegrationTest
class TokenGrantIT extends IdentityHttpTest {

    static final String PASSWORD = "lantern-orbit-97-quill";

    @Test
    void passwordGrantReturnsABearerPairThatIsNotCached() {
        String email = client.createAccount(IdentityClient.newEmail("grant"), PASSWORD);
        HttpResponse<String> response = client.passwordGrant(email, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = read(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(60L, 900L);
        assertThat(body.get("access_token").asString().split("\\.")).hasSize(3);
        assertThat(body.get("refresh_token").asString()).startsWith("bzr_").hasSize(47);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");

        HttpResponse<String> me = client.get("/api/v1/me", body.get("access_token").asString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(read(me).get("email").asString()).isEqualTo(email);
    }

    @Test
    void emailIsMatchedAfterNormalisation() {
        String email = client.createAccount(IdentityClient.newEmail("case"), PASSWORD);
        assertThat(client.passwordGrant("  " + email.toUpperCase() + " ", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownAddressAreTheSame401() {
        String email = client.createAccount(IdentityClient.newEmail("wrong"), PASSWORD);
        HttpResponse<String> wrong = client.passwordGrant(email, "not-the-password-at-all");
        HttpResponse<String> unknown = client.passwordGrant(IdentityClient.newEmail("nobody"), "not-the-password-at-all");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(read(wrong).get("code").asString()).isEqualTo("invalid_credentials");
        assertThat(IdentityClient.problemWithoutRequestId(wrong)).isEqualTo(IdentityClient.problemWithoutRequestId(unknown));
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void refusesMalformedGrants() {
        HttpResponse<String> unsupported = client.http().postJson("/api/v1/auth/token", json("grant_type", "client_credentials"));
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(read(unsupported).get("code").asString()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> missing = client.http().postJson("/api/v1/auth/token", json("grant_type", "password", "email", "a@b.example"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(read(missing).get("code").asString()).isEqualTo("validation_failed");
        assertThat(read(missing).get("errors").get(0).get("field").asString()).isEqualTo("password");

        HttpResponse<String> mixed = client.http().postJson("/api/v1/auth/token",
                json("grant_type", "refresh_token", "refresh_token", "bzr_x", "password", "p"));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(read(mixed).get("errors").get(0).get("code").asString()).isEqualTo("not_allowed");

        HttpResponse<String> unknownField = client.http().postJson("/api/v1/auth/token", "{\"grant_type\":\"password\",\"username\":\"x\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(read(unknownField).get("code").asString()).isEqualTo("unknown_field");

        HttpResponse<String> noBody = client.http().postJson("/api/v1/auth/token", "");
        assertThat(noBody.statusCode()).isEqualTo(400);
    }

    @Test
    void refreshRotatesTheTokenAndTheOldOneNeverWorksAgain() {
        String email = client.createAccount(IdentityClient.newEmail("rotate"), PASSWORD);
        IdentityClient.Tokens first = client.login(email, PASSWORD);

        IdentityClient.Tokens second = IdentityClient.tokens(client.refreshGrant(first.refreshToken()));
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(client.get("/api/v1/me", second.accessToken()).statusCode()).isEqualTo(200);

        IdentityClient.Tokens third = IdentityClient.tokens(client.refreshGrant(second.refreshToken()));
        assertThat(client.get("/api/v1/me", third.accessToken()).statusCode()).isEqualTo(200);
        // Only digests are stored.
        assertThat(jdbc.sql("select count(*) from refresh_tokens where encode(token_hash, 'escape') like '%bzr_%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamilyAndIsRecorded() {
        String email = client.createAccount(IdentityClient.newEmail("reuse"), PASSWORD);
        IdentityClient.Tokens first = client.login(email, PASSWORD);
        IdentityClient.Tokens second = IdentityClient.tokens(client.refreshGrant(first.refreshToken()));

        HttpResponse<String> reused = client.refreshGrant(first.refreshToken());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(read(reused).get("code").asString()).isEqualTo("invalid_grant");

        // The legitimate holder's newer tokens are dead too: the session is gone.
        assertThat(client.refreshGrant(second.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", second.accessToken()).statusCode()).isEqualTo(401);

        IdentityClient.Tokens fresh = client.login(email, PASSWORD);
        JsonNode events = read(client.get("/api/v1/me/security-events?limit=100", fresh.accessToken())).get("data");
        assertThat(events.valueStream().map(e -> e.get("type").asString())).contains("refresh_token_reused");
        assertThat(jdbc.sql("select revoked_reason from auth_sessions s join accounts a on a.id = s.account_id "
                + "where a.email = ? and revoked_at is not null").param(email).query(String.class).list())
                .containsExactly("refresh_token_reuse");
    }

    @Test
    void ofTwoConcurrentRefreshesWithOneTokenExactlyOneWins() throws Exception {
        String email = client.createAccount(IdentityClient.newEmail("race"), PASSWORD);
        for (int round = 0; round < 5; round++) {
            IdentityClient.Tokens tokens = client.login(email, PASSWORD);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (int i = 0; i < 2; i++) {
                    Callable<HttpResponse<String>> refresh = () -> {
                        start.await();
                        return client.refreshGrant(tokens.refreshToken());
                    };
                    results.add(pool.submit(refresh));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> result : results) {
                    statuses.add(result.get().statusCode());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 401);
            }
            // The loser presented a used token, which is reuse: the family is revoked, never left half-alive.
            assertThat(jdbc.sql("select count(*) from refresh_tokens t join auth_sessions s on s.id = t.session_id "
                    + "join accounts a on a.id = s.account_id where a.email = ? and s.revoked_at is null and t.used_at is null")
                    .param(email).query(Long.class).single()).isZero();
        }
    }

    @Test
    void revokeSignsTheSessionOutAndAnswers200ForAnyToken() {
        String email = client.createAccount(IdentityClient.newEmail("logout"), PASSWORD);
        IdentityClient.Tokens tokens = client.login(email, PASSWORD);

        HttpResponse<String> revoked = client.http().postJson("/api/v1/auth/revoke", json("refresh_token", tokens.refreshToken()));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(client.refreshGrant(tokens.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", tokens.accessToken()).statusCode()).isEqualTo(401);

        assertThat(client.http().postJson("/api/v1/auth/revoke", json("refresh_token", "bzr_unknown")).statusCode()).isEqualTo(200);
        assertThat(client.http().postJson("/api/v1/auth/revoke", json("refresh_token", tokens.refreshToken())).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshFailsAfterIdleOrAbsoluteExpiry() {
        String email = client.createAccount(IdentityClient.newEmail("idle"), PASSWORD);
        IdentityClient.Tokens idle = client.login(email, PASSWORD);
        IdentityClient.Tokens absolute = client.login(email, PASSWORD);
        jdbc.sql("update auth_sessions set idle_expires_at = now() - interval '1 second' where id = (select session_id from refresh_tokens where token_hash = sha256(convert_to(?, 'UTF8')))")
                .param(idle.refreshToken()).update();
        jdbc.sql("update auth_sessions set idle_expires_at = now() - interval '1 second', expires_at = now() - interval '1 second' "
                + "where id = (select session_id from refresh_tokens where token_hash = sha256(convert_to(?, 'UTF8')))")
                .param(absolute.refreshToken()).update();

        assertThat(client.refreshGrant(idle.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(absolute.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/me", absolute.accessToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void garbageRefreshTokensAreInvalidGrants() {
        for (String token : List.of("", "bzr_", "bzr_" + "A".repeat(43), UUID.randomUUID().toString(), "eyJhbGciOiJub25lIn0.e30.")) {
            HttpResponse<String> response = client.http().postJson("/api/v1/auth/token",
                    json("grant_type", "refresh_token", "refresh_token", token));
            assertThat(response.statusCode()).as(token).isIn(400, 401);
        }
    }

    @Test
    void tokenResponsesAreNeverStoredForIdempotencyReplay() {
        String email = client.createAccount(IdentityClient.newEmail("idem"), PASSWORD);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = client.passwordGrant(email, PASSWORD, "Idempotency-Key", key);
        HttpResponse<String> second = client.passwordGrant(email, PASSWORD, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(read(second).get("refresh_token").asString()).isNotEqualTo(read(first).get("refresh_token").asString());
        assertThat(jdbc.sql("select count(*) from idempotency_keys where idempotency_key = ?").param(key)
                .query(Long.class).single()).isZero();
    }
}
