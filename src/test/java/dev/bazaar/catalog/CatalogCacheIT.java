package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.BazaarApplication;
import dev.bazaar.identity.IdentityClient;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.support.RedisAvailable;
import dev.bazaar.support.TestDatabase;
import dev.bazaar.support.TestHttp;
import dev.bazaar.tenancy.TenancyClient;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The storefront cache: hits for repeated public reads, and never the old value after a committed write — in one
 * instance (in process) and across two instances sharing Redis and the database.
 */
class CatalogCacheIT {

    private static ConfigurableApplicationContext start(TestDatabase.Created database, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.url()));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(BazaarApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    private static TenancyClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new TenancyClient(new IdentityClient(new TestHttp(port), context.getBean(AccountService.class)));
    }

    private static double count(ConfigurableApplicationContext context, String result) {
        var counter = context.getBean(MeterRegistry.class).find("bazaar.catalog.cache").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String title(TenancyClient api, Shop shop, String path) {
        JsonNode body = api.ok(api.call("GET", shop.path(path), null, null), 200);
        return body.has("data") ? body.get("data").get(0).get("title").asString() : body.get("title").asString();
    }

    /** A shop with one active product whose variant has two units at one location. */
    private record Stocked(Person owner, Shop shop, String variant, String location) {}

    private static Stocked stocked(TenancyClient api, String label) {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, label);
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Original","handle":"cached","status":"active","variants":[{"price":{"amount":1000,"currency":"EUR"}}]}""",
                owner.bearer()), 201);
        String variant = product.get("variants").get(0).get("id").asString();
        String location = api.ok(api.call("POST", shop.path("/stock-locations"), "{\"name\":\"Main\"}", owner.bearer()), 201)
                .get("id").asString();
        api.ok(api.call("POST", shop.path("/inventory-adjustments"), "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":2}"
                .formatted(variant, location), owner.bearer()), 201);
        return new Stocked(owner, shop, variant, location);
    }

    private static boolean available(TenancyClient api, Shop shop) {
        return api.ok(api.call("GET", shop.path("/products/cached"), null, null), 200).get("variants").get(0)
                .get("available_for_sale").asBoolean();
    }

    @Test
    void repeatedPublicReadsHitTheCacheAndAReadAfterAWriteSeesTheWrite() {
        try (TestDatabase.Created database = TestDatabase.create();
             ConfigurableApplicationContext app = start(database)) {
            TenancyClient api = client(app);
            Stocked s = stocked(api, "cache-local");
            assertThat(title(api, s.shop(), "/products")).isEqualTo("Original");
            double hits = count(app, "hit");
            assertThat(title(api, s.shop(), "/products")).isEqualTo("Original");
            assertThat(title(api, s.shop(), "/products/cached")).isEqualTo("Original");
            assertThat(title(api, s.shop(), "/products/cached")).isEqualTo("Original");
            assertThat(count(app, "hit")).as("the second list and the second detail come from the cache").isEqualTo(hits + 2);

            api.ok(api.call("PATCH", s.shop().path("/products/cached"), "{\"title\":\"Crème brûlée\"}", s.owner().bearer()), 200);
            assertThat(title(api, s.shop(), "/products")).isEqualTo("Crème brûlée");
            assertThat(title(api, s.shop(), "/products/cached")).as("served from the cache as UTF-8").isEqualTo("Crème brûlée");
            assertThat(title(api, s.shop(), "/products/cached")).isEqualTo("Crème brûlée");

            assertThat(available(api, s.shop())).isTrue();
            api.ok(api.call("POST", s.shop().path("/inventory-reservations"),
                    "{\"lines\":[{\"variant_id\":\"%s\",\"quantity\":2}]}".formatted(s.variant()), s.owner().bearer()), 201);
            assertThat(available(api, s.shop())).as("a stock change is seen at once").isFalse();

            // Staff reads are not cached: they see drafts, which the public must never get from the cache.
            api.ok(api.call("PATCH", s.shop().path("/products/cached"), "{\"status\":\"draft\"}", s.owner().bearer()), 200);
            assertThat(api.call("GET", s.shop().path("/products/cached"), null, null).statusCode()).isEqualTo(404);
            assertThat(api.ok(api.call("GET", s.shop().path("/products"), null, null), 200).get("data").size()).isZero();
        }
    }

    @Test
    void aWriteOnOneInstanceIsSeenByTheNextReadOnAnotherSharingRedis() {
        String redis = RedisAvailable.url();
        try (TestDatabase.Created database = TestDatabase.create();
             ConfigurableApplicationContext one = start(database, "--bazaar.redis.url=" + redis);
             ConfigurableApplicationContext two = start(database, "--bazaar.redis.url=" + redis)) {
            TenancyClient first = client(one);
            TenancyClient second = client(two);
            Stocked s = stocked(first, "cache-shared");
            assertThat(title(second, s.shop(), "/products/cached")).isEqualTo("Original");
            assertThat(title(second, s.shop(), "/products")).isEqualTo("Original");
            double hits = count(two, "hit");
            assertThat(title(second, s.shop(), "/products/cached")).isEqualTo("Original");
            assertThat(title(first, s.shop(), "/products/cached")).as("instance one reads what instance two cached").isEqualTo("Original");
            assertThat(count(two, "hit")).isEqualTo(hits + 1);
            assertThat(count(one, "hit")).isPositive();

            first.ok(first.call("PATCH", s.shop().path("/products/cached"), "{\"title\":\"Renamed on one\"}", s.owner().bearer()), 200);
            assertThat(title(second, s.shop(), "/products/cached")).isEqualTo("Renamed on one");
            assertThat(title(second, s.shop(), "/products")).isEqualTo("Renamed on one");

            assertThat(available(second, s.shop())).isTrue();
            first.ok(first.call("POST", s.shop().path("/inventory-adjustments"), "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"set\":0}"
                    .formatted(s.variant(), s.location()), s.owner().bearer()), 201);
            assertThat(available(second, s.shop())).as("a stock change on one is seen on two").isFalse();
        }
    }
}
