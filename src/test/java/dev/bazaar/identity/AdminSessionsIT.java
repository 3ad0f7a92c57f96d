package dev.bazaar.identity;

import static dev.bazaar.identity.IdentityClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.platform.security.Actor;
import dev.bazaar.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DELETE /api/v1/admin/accounts/{id}/sessions: platform administrators only. */
@IntegrationTest
class AdminSessionsIT extends IdentityHttpTest {

    static final String PASSWORD = "garnet-meridian-5120";

    String idOf(String email) {
        return jdbc.sql("select id::text from accounts where email = ?").param(email).query(String.class).single();
    }

    @Test
    void anAdministratorSignsAnAccountOutEverywhere() {
        String admin = IdentityClient.newEmail("admin");
        accounts.createOrGrant(admin, "Admin", PASSWORD, Actor.PLATFORM_ADMIN);
        String target = client.createAccount(IdentityClient.newEmail("target"), PASSWORD);
        IdentityClient.Tokens one = client.login(target, PASSWORD);
        IdentityClient.Tokens two = client.login(target, PASSWORD);

        HttpResponse<String> done = client.call("DELETE", "/api/v1/admin/accounts/" + idOf(target) + "/sessions", null,
                client.login(admin, PASSWORD).accessToken());
        assertThat(done.statusCode()).isEqualTo(204);
        assertThat(client.get("/api/v1/me", one.accessToken()).statusCode()).isEqualTo(401);
        assertThat(client.refreshGrant(two.refreshToken()).statusCode()).isEqualTo(401);
        IdentityClient.Tokens again = client.login(target, PASSWORD);
        assertThat(read(client.get("/api/v1/me/security-events", again.accessToken())).get("data").valueStream()
                .map(e -> e.get("type").asString())).contains("sessions_revoked_by_administrator");
    }

    @Test
    void everyoneElseIsRefusedAndNothingChanges() {
        String target = client.createAccount(IdentityClient.newEmail("target"), PASSWORD);
        IdentityClient.Tokens victim = client.login(target, PASSWORD);
        String path = "/api/v1/admin/accounts/" + idOf(target) + "/sessions";

        HttpResponse<String> anonymous = client.http().json("DELETE", path, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(read(anonymous).get("code").asString()).isEqualTo("unauthenticated");

        String someone = client.createAccount(IdentityClient.newEmail("someone"), PASSWORD);
        HttpResponse<String> forbidden = client.call("DELETE", path, null, client.login(someone, PASSWORD).accessToken());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(read(forbidden).get("code").asString()).isEqualTo("forbidden");
        // The account itself is no administrator either.
        assertThat(client.call("DELETE", path, null, victim.accessToken()).statusCode()).isEqualTo(403);

        assertThat(client.get("/api/v1/me", victim.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownAccountIsNotFound() {
        String admin = IdentityClient.newEmail("admin");
        accounts.createOrGrant(admin, "Admin", PASSWORD, Actor.PLATFORM_ADMIN);
        HttpResponse<String> response = client.call("DELETE", "/api/v1/admin/accounts/" + UUID.randomUUID() + "/sessions", null,
                client.login(admin, PASSWORD).accessToken());
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
