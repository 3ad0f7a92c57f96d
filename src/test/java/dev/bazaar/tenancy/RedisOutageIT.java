package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.RedisAvailable;
import dev.bazaar.support.TcpProxy;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis going away while Bazaar runs: sign-in and the other credential flows fail closed (503 with Retry-After), the
 * shop API and anonymous reads fail open (served, with a warning and the {@code bazaar.ratelimit.store.errors} metric).
 */
@IntegrationTest
@DirtiesContext // its Redis stays cut: close the context rather than leave Lettuce reconnecting for the rest of the run
class RedisOutageIT extends TenancyHttpTest {

    private static TcpProxy redis;

    @DynamicPropertySource
    static void redisThroughAProxy(DynamicPropertyRegistry registry) {
        URI real = URI.create(RedisAvailable.url());
        redis = TcpProxy.to(real.getHost(), real.getPort() > 0 ? real.getPort() : 6379);
        // What BAZAAR_REDIS_URL sets (the environment post-processor runs before dynamic properties exist).
        String url = "redis://127.0.0.1:" + redis.port();
        registry.add("bazaar.redis.url", () -> url);
        registry.add("spring.data.redis.url", () -> url);
        registry.add("bazaar.redis.enabled", () -> "true");
        registry.add("management.health.redis.enabled", () -> "true");
        registry.add("spring.cache.type", () -> "redis");
    }

    @AfterAll
    static void closeProxy() {
        if (redis != null) {
            redis.close();
        }
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void credentialFlowsFailClosedAndEverythingElseFailsOpen() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "outage");
        HttpResponse<String> before = api.call("GET", shop.path("/members"), null, owner.bearer());
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("RateLimit")).as("limited through Redis while it is up").isPresent();
        api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Lamp","handle":"lamp","status":"active","variants":[{"price":{"amount":100,"currency":"EUR"}}]}""",
                owner.bearer()), 201);
        assertThat(api.call("GET", shop.path("/products/lamp"), null, null).statusCode()).isEqualTo(200);
        double errorsBefore = storeErrors();
        double cacheErrorsBefore = cacheErrors();

        redis.cut();

        HttpResponse<String> signIn = api.identity().passwordGrant(owner.email(), TenancyClient.PASSWORD);
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(503);
        assertThat(IdentityClient.read(signIn).get("code").asString()).isEqualTo("service_unavailable");
        assertThat(signIn.headers().firstValue("Retry-After")).hasValue("5");

        long start = System.nanoTime();
        HttpResponse<String> shopApi = api.call("GET", shop.path("/members"), null, owner.bearer());
        // Not a benchmark: a bound far below the 2 s command timeout shows that checks fail fast during the outage.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(1500));
        assertThat(shopApi.statusCode()).as(shopApi.body()).isEqualTo(200);
        assertThat(shopApi.headers().firstValue("RateLimit")).as("no bucket was consulted").isEmpty();
        assertThat(api.call("GET", "/api/v1", null, null).statusCode()).isEqualTo(200);

        // The storefront cache is skipped: reads come from the database, writes still commit.
        start = System.nanoTime();
        HttpResponse<String> storefront = api.call("GET", shop.path("/products/lamp"), null, null);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(1500));
        assertThat(storefront.statusCode()).as(storefront.body()).isEqualTo(200);
        assertThat(api.call("PATCH", shop.path("/products/lamp"), "{\"title\":\"Desk lamp\"}", owner.bearer()).statusCode())
                .isEqualTo(200);
        assertThat(IdentityClient.read(api.call("GET", shop.path("/products"), null, null)).get("data").get(0).get("title")
                .asString()).isEqualTo("Desk lamp");
        assertThat(cacheErrors()).isGreaterThanOrEqualTo(cacheErrorsBefore + 3);

        assertThat(storeErrors()).isGreaterThanOrEqualTo(errorsBefore + 3);
    }

    private double cacheErrors() {
        var counter = meters.find("bazaar.catalog.cache").tag("result", "error").counter();
        return counter == null ? 0 : counter.count();
    }

    private double storeErrors() {
        return meters.get("bazaar.ratelimit.store.errors").counter().count();
    }
}
