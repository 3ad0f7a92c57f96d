package dev.bazaar.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.platform.SecretBox;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Endpoint registration with the secure defaults: CRUD, the secret shown once, refusals (forbidden URLs, unknown
 * events, the plan's limit, another shop's endpoint), and a canary on 127.0.0.1 that no registration or attempt reaches.
 */
@IntegrationTest
class WebhookEndpointsIT extends TenancyHttpTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TenantScope tenantScope;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    SecretBox secrets;

    @Test
    void createsListsChangesAndDeletesEndpointsShowingTheSecretOnce() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-crud");
        JsonNode created = api.ok(api.call("POST", shop.path("/webhook-endpoints"),
                "{\"url\":\"https://hooks.example.com/bazaar\",\"events\":[\"product.*\",\"order.*\"],\"description\":\"ERP\"}",
                owner.bearer()), 201);
        String id = created.get("id").asString();
        assertThat(created.get("secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.get("enabled").asBoolean()).isTrue();

        HttpResponse<String> read = api.call("GET", shop.path("/webhook-endpoints/" + id), null, owner.bearer());
        assertThat(api.ok(read, 200).has("secret")).isFalse();
        String list = api.call("GET", shop.path("/webhook-endpoints"), null, owner.bearer()).body();
        assertThat(list).contains(id).doesNotContain(created.get("secret").asString()).doesNotContain("\"secret\"");
        String stored = tenantScope.call(UUID.fromString(shop.id()), () -> transaction.execute(status -> jdbc
                .sql("select secret from webhook_endpoints where id = ?").param(UUID.fromString(id)).query(String.class).single()));
        assertThat(stored).as("encrypted at rest").doesNotContain(created.get("secret").asString().substring(6));
        assertThat(secrets.open(stored)).isEqualTo(created.get("secret").asString());

        String etag = read.headers().firstValue("ETag").orElseThrow();
        JsonNode changed = api.ok(api.call("PATCH", shop.path("/webhook-endpoints/" + id),
                "{\"events\":[\"*\"],\"enabled\":false}", owner.bearer(), "If-Match", etag), 200);
        assertThat(changed.get("events")).extracting(JsonNode::asString).containsExactly("*");
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(api.call("PATCH", shop.path("/webhook-endpoints/" + id), "{\"description\":\"x\"}", owner.bearer(),
                "If-Match", etag).statusCode()).isEqualTo(412);
        assertThat(api.ok(api.call("POST", shop.path("/webhook-endpoints/" + id + "/rotate-secret"), null, owner.bearer()), 200)
                .get("secret").asString()).startsWith("whsec_").isNotEqualTo(created.get("secret").asString());

        Person stranger = api.person("stranger");
        Shop other = api.createShop(stranger, "wh-other");
        assertThat(api.call("GET", other.path("/webhook-endpoints/" + id), null, stranger.bearer()).statusCode()).isEqualTo(404);
        assertThat(api.call("DELETE", other.path("/webhook-endpoints/" + id), null, stranger.bearer()).statusCode()).isEqualTo(404);

        assertThat(api.call("DELETE", shop.path("/webhook-endpoints/" + id), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.call("GET", shop.path("/webhook-endpoints/" + id), null, owner.bearer()).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesUnknownEventsAndEndpointsBeyondThePlan() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "wh-limits");
        HttpResponse<String> unknown = api.call("POST", shop.path("/webhook-endpoints"),
                "{\"url\":\"https://hooks.example.com/a\",\"events\":[\"product.exploded\",\"ping\"]}", owner.bearer());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown_event", "events[0]", "events[1]");
        for (int i = 0; i < 2; i++) {
            api.ok(api.call("POST", shop.path("/webhook-endpoints"), "{\"url\":\"https://hooks.example.com/" + i
                    + "\",\"events\":[\"*\"]}", owner.bearer()), 201);
        }
        HttpResponse<String> beyond = api.call("POST", shop.path("/webhook-endpoints"),
                "{\"url\":\"https://hooks.example.com/3\",\"events\":[\"*\"]}", owner.bearer());
        assertThat(beyond.statusCode()).as("the free plan allows 2").isEqualTo(422);
        assertThat(beyond.body()).contains("webhook_endpoint_limit_reached");
    }

    @Test
    void noRegistrationOrAttemptReachesACanaryOnLoopback() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket canary = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                while (!canary.isClosed()) {
                    try (Socket socket = canary.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            int port = canary.getLocalPort();
            Person owner = api.person("owner");
            Shop shop = api.createShop(owner, "wh-canary");
            List<String> urls = List.of("http://127.0.0.1:%d/", "https://127.0.0.1:%d/", "https://localhost:%d/",
                    "https://127.1:%d/", "https://2130706433:%d/", "https://0x7f000001:%d/", "https://0177.0.0.1:%d/",
                    "https://[::1]:%d/", "https://[::ffff:127.0.0.1]:%d/", "https://0.0.0.0:%d/", "https://a.localhost:%d/",
                    "https://user:pw@127.0.0.1:%d/", "https://example.com@127.0.0.1:%d/", "https://localhost.:%d/");
            for (String url : urls) {
                HttpResponse<String> response = api.call("POST", shop.path("/webhook-endpoints"),
                        "{\"url\":\"" + url.formatted(port) + "\",\"events\":[\"*\"]}", owner.bearer());
                assertThat(response.statusCode()).as(url).isEqualTo(422);
                assertThat(response.body()).as(url).contains("webhook_url_forbidden");
            }
            // URLs that got past registration (a rule tightened since, an address that changed): refused at send time.
            UUID tenant = UUID.fromString(shop.id());
            tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
                for (String url : List.of("http://127.0.0.1:%d/", "https://127.0.0.1:%d/", "https://localhost:%d/")) {
                    jdbc.sql("insert into webhook_endpoints (tenant_id, id, url, events, secret) values (?, ?, ?, '{*}', ?)")
                            .params(tenant, UUID.randomUUID(), url.formatted(port), secrets.seal("whsec_" + "A".repeat(43) + "="))
                            .update();
                }
            }));
            api.ok(api.call("POST", shop.path("/products"), "{\"title\":\"Canary\",\"variants\":[{\"price\":{\"amount\":1,\"currency\":\"EUR\"}}]}",
                    owner.bearer()), 201);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            List<String> errors = List.of();
            while (Instant.now().isBefore(deadline)) {
                errors = tenantScope.call(tenant, () -> transaction.execute(status -> jdbc
                        .sql("select error from webhook_attempts where tenant_id = ? and attempt = 1").param(tenant)
                        .query(String.class).list()));
                if (errors.size() == 3) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(errors).hasSize(3).containsOnly("forbidden_address");
            assertThat(accepted.get()).as("connections the canary accepted").isZero();
        }
    }
}
