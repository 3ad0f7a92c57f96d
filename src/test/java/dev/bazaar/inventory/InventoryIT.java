package dev.bazaar.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Stock locations, adjustments with their ledger, and reservations that never oversell, through the HTTP API. */
@IntegrationTest
class InventoryIT extends TenancyHttpTest {

    @Autowired
    InventoryService inventory;

    @Autowired
    TenantScope tenantScope;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    record Stocked(Person owner, Shop shop, String variant, String untracked) {}

    private Stocked shopWithProduct(String label) {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, label);
        api.choosePlan(owner, shop, "pro");
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Tee","status":"active","option_names":["Size"],
                 "variants":[{"option_values":["M"],"price":{"amount":1000,"currency":"EUR"}},
                             {"option_values":["L"],"price":{"amount":1000,"currency":"EUR"},"track_inventory":false}]}""",
                owner.bearer()), 201);
        return new Stocked(owner, shop, product.get("variants").get(0).get("id").asString(),
                product.get("variants").get(1).get("id").asString());
    }

    private String location(Stocked s, String name, int priority) {
        return api.ok(api.call("POST", s.shop().path("/stock-locations"),
                "{\"name\":\"%s\",\"priority\":%d,\"address\":{\"city\":\"Berlin\",\"country\":\"de\"}}".formatted(name, priority),
                s.owner().bearer()), 201).get("id").asString();
    }

    private HttpResponse<String> adjust(Stocked s, String variant, String location, String change) {
        return api.call("POST", s.shop().path("/inventory-adjustments"),
                "{\"variant_id\":\"%s\",\"location_id\":\"%s\",%s,\"reason\":\"count\"}".formatted(variant, location, change),
                s.owner().bearer());
    }

    private JsonNode level(Stocked s, String variant, String location) {
        JsonNode data = api.ok(api.call("GET", s.shop().path("/inventory-levels?variant_id=" + variant + "&location_id=" + location),
                null, s.owner().bearer()), 200).get("data");
        assertThat(data.size()).isEqualTo(1);
        return data.get(0);
    }

    private HttpResponse<String> reserve(Stocked s, String variant, long quantity, @Nullable Long ttl) {
        return api.call("POST", s.shop().path("/inventory-reservations"),
                "{\"lines\":[{\"variant_id\":\"%s\",\"quantity\":%d}]%s,\"reference\":\"checkout\"}"
                        .formatted(variant, quantity, ttl == null ? "" : ",\"ttl_seconds\":" + ttl), s.owner().bearer());
    }

    @Test
    void locationsHaveUniqueNamesAndGoOnlyWhenEmpty() {
        Stocked s = shopWithProduct("locations");
        String main = location(s, "Main", 10);
        String store = location(s, "Store", 50);
        JsonNode created = api.ok(api.call("GET", s.shop().path("/stock-locations/" + main), null, s.owner().bearer()), 200);
        assertThat(created.get("address").get("country").asString()).isEqualTo("DE");
        assertThat(api.call("POST", s.shop().path("/stock-locations"), "{\"name\":\"Main\"}", s.owner().bearer()).statusCode()).isEqualTo(409);
        assertThat(api.call("POST", s.shop().path("/stock-locations"), "{\"name\":\"X\",\"address\":{\"country\":\"XX\"}}",
                s.owner().bearer()).statusCode()).isEqualTo(400);
        assertThat(api.ok(api.call("GET", s.shop().path("/stock-locations"), null, s.owner().bearer()), 200).get("data")
                .valueStream().map(l -> l.get("name").asString()).toList()).containsExactly("Store", "Main");

        assertThat(adjust(s, s.variant(), main, "\"delta\":3").statusCode()).isEqualTo(201);
        HttpResponse<String> inUse = api.call("DELETE", s.shop().path("/stock-locations/" + main), null, s.owner().bearer());
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(IdentityClient.read(inUse).get("code").asString()).isEqualTo("stock_location_in_use");
        assertThat(api.call("DELETE", s.shop().path("/stock-locations/" + store), null, s.owner().bearer()).statusCode()).isEqualTo(204);
    }

    @Test
    void adjustmentsChangeOnHandAndTheLedgerAddsUpToTheLevel() {
        Stocked s = shopWithProduct("adjust");
        String main = location(s, "Main", 0);
        assertThat(IdentityClient.read(adjust(s, s.variant(), main, "\"delta\":10")).get("on_hand").asLong()).isEqualTo(10);
        assertThat(IdentityClient.read(adjust(s, s.variant(), main, "\"set\":4")).get("on_hand").asLong()).isEqualTo(4);
        HttpResponse<String> negative = adjust(s, s.variant(), main, "\"delta\":-5");
        assertThat(negative.statusCode()).isEqualTo(409);
        assertThat(IdentityClient.read(negative).get("code").asString()).isEqualTo("insufficient_stock");
        assertThat(adjust(s, s.variant(), main, "\"delta\":1,\"set\":2").statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(adjust(s, UUID.randomUUID().toString(), main, "\"delta\":1")).get("code").asString())
                .isEqualTo("variant_not_found");
        assertThat(IdentityClient.read(adjust(s, s.variant(), UUID.randomUUID().toString(), "\"delta\":1")).get("code").asString())
                .isEqualTo("stock_location_not_found");
        Stocked other = shopWithProduct("adjust-other");
        assertThat(adjust(s, other.variant(), main, "\"delta\":1").statusCode()).as("another shop's variant").isEqualTo(404);

        JsonNode level = level(s, s.variant(), main);
        assertThat(level.get("on_hand").asLong()).isEqualTo(4);
        assertThat(level.get("available").asLong()).isEqualTo(4);
        assertLedgerBalances(s, s.variant(), main);
        JsonNode movements = api.ok(api.call("GET", s.shop().path("/inventory-movements?variant_id=" + s.variant()), null,
                s.owner().bearer()), 200).get("data");
        assertThat(movements.valueStream().map(m -> m.get("kind").asString()).toList()).containsExactly("set", "adjusted");
        assertThat(movements.get(0).get("on_hand_delta").asLong()).isEqualTo(-6);
        assertThat(movements.get(0).get("reason").asString()).isEqualTo("count");
        assertThat(movements.get(0).get("actor_type").asString()).isEqualTo("account");
    }

    @Test
    void reservationsTakeByPriorityAllOrNothingAndEndOnce() {
        Stocked s = shopWithProduct("reserve");
        String first = location(s, "First", 10);
        String second = location(s, "Second", 1);
        adjust(s, s.variant(), first, "\"delta\":5");
        adjust(s, s.variant(), second, "\"delta\":5");

        JsonNode reservation = api.ok(reserve(s, s.variant(), 7, null), 201);
        assertThat(reservation.get("status").asString()).isEqualTo("active");
        assertThat(level(s, s.variant(), first).get("reserved").asLong()).isEqualTo(5);
        assertThat(level(s, s.variant(), second).get("reserved").asLong()).isEqualTo(2);

        HttpResponse<String> tooMuch = reserve(s, s.variant(), 4, null);
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(IdentityClient.read(tooMuch).get("available").asLong()).isEqualTo(3);
        assertThat(level(s, s.variant(), second).get("reserved").asLong()).as("nothing was taken").isEqualTo(2);

        String id = reservation.get("id").asString();
        String path = s.shop().path("/inventory-reservations/" + id);
        assertThat(api.ok(api.call("POST", path + "/commit", null, s.owner().bearer()), 200).get("status").asString()).isEqualTo("committed");
        assertThat(api.ok(api.call("POST", path + "/commit", null, s.owner().bearer()), 200).get("status").asString())
                .as("committing again changes nothing").isEqualTo("committed");
        assertThat(api.call("POST", path + "/release", null, s.owner().bearer()).statusCode()).isEqualTo(422);
        assertThat(level(s, s.variant(), first).get("on_hand").asLong()).isZero();
        assertThat(level(s, s.variant(), second).get("on_hand").asLong()).isEqualTo(3);
        assertThat(level(s, s.variant(), second).get("reserved").asLong()).isZero();

        String released = api.ok(reserve(s, s.variant(), 2, null), 201).get("id").asString();
        api.ok(api.call("POST", s.shop().path("/inventory-reservations/" + released + "/release"), null, s.owner().bearer()), 200);
        assertThat(api.ok(api.call("POST", s.shop().path("/inventory-reservations/" + released + "/release"), null,
                s.owner().bearer()), 200).get("status").asString()).isEqualTo("released");
        assertThat(api.call("POST", s.shop().path("/inventory-reservations/" + released + "/commit"), null, s.owner().bearer())
                .statusCode()).isEqualTo(422);
        assertThat(level(s, s.variant(), second).get("available").asLong()).isEqualTo(3);

        JsonNode untracked = api.ok(reserve(s, s.untracked(), 1000, null), 201);
        assertThat(untracked.get("lines").get(0).get("location_id").isNull()).as("no stock taken").isTrue();
        assertLedgerBalances(s, s.variant(), first);
        assertLedgerBalances(s, s.variant(), second);
    }

    @Test
    void abandonedReservationsExpireAndGiveTheirStockBack() throws Exception {
        Stocked s = shopWithProduct("expire");
        String main = location(s, "Main", 0);
        adjust(s, s.variant(), main, "\"delta\":3");
        String id = api.ok(reserve(s, s.variant(), 2, 1L), 201).get("id").asString();
        assertThat(level(s, s.variant(), main).get("available").asLong()).isEqualTo(1);
        Thread.sleep(1100);

        assertThat(inventory.expireDue()).isGreaterThanOrEqualTo(1);

        assertThat(api.ok(api.call("GET", s.shop().path("/inventory-reservations/" + id), null, s.owner().bearer()), 200)
                .get("status").asString()).isEqualTo("expired");
        assertThat(level(s, s.variant(), main).get("available").asLong()).isEqualTo(3);
        assertThat(api.call("POST", s.shop().path("/inventory-reservations/" + id + "/commit"), null, s.owner().bearer())
                .statusCode()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'inventory.reservation-expiry'")
                .query(Long.class).single()).isEqualTo(1);
        assertLedgerBalances(s, s.variant(), main);
    }

    @Test
    void twoHundredConcurrentReservationsForFiftyUnitsSellExactlyFifty() throws Exception {
        Stocked s = shopWithProduct("rush");
        String main = location(s, "Main", 0);
        adjust(s, s.variant(), main, "\"delta\":50");
        List<Future<Integer>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                outcomes.add(pool.submit(() -> reserve(s, s.variant(), 1, null).statusCode()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
            statuses.add(outcome.get());
        }
        assertThat(statuses.stream().filter(status -> status == 201).count()).isEqualTo(50);
        assertThat(statuses.stream().filter(status -> status == 409).count()).isEqualTo(150);
        JsonNode level = level(s, s.variant(), main);
        assertThat(level.get("reserved").asLong()).isEqualTo(50);
        assertThat(level.get("available").asLong()).isZero();
        assertLedgerBalances(s, s.variant(), main);
    }

    @Test
    void theStorefrontSeesWhetherAVariantIsForSaleAndStaffSeeHowMany() {
        Stocked s = shopWithProduct("storefront");
        String main = location(s, "Main", 0);
        String path = s.shop().path("/products/tee");
        JsonNode before = api.ok(api.call("GET", path, null, null), 200);
        assertThat(before.get("variants").get(0).get("available_for_sale").asBoolean()).as("tracked, no stock").isFalse();
        assertThat(before.get("variants").get(1).get("available_for_sale").asBoolean()).as("not tracked").isTrue();
        String etag = api.call("GET", path, null, null).headers().firstValue("ETag").orElseThrow();

        adjust(s, s.variant(), main, "\"delta\":4");
        HttpResponse<String> after = api.call("GET", path, null, null, "If-None-Match", etag);
        assertThat(after.statusCode()).as("a stock change is a new representation").isEqualTo(200);
        JsonNode publicView = IdentityClient.read(after).get("variants").get(0);
        assertThat(publicView.get("available_for_sale").asBoolean()).isTrue();
        assertThat(publicView.get("quantity_available").isNull()).as("the public does not see quantities").isTrue();
        JsonNode staffView = api.ok(api.call("GET", path, null, s.owner().bearer()), 200).get("variants").get(0);
        assertThat(staffView.get("quantity_available").asLong()).isEqualTo(4);

        // The product's ETag with its stock part still serves If-Match for writes.
        String staffTag = api.call("GET", path, null, s.owner().bearer()).headers().firstValue("ETag").orElseThrow();
        assertThat(api.call("PATCH", path, "{\"vendor\":\"Acme\"}", s.owner().bearer(), "If-Match", staffTag).statusCode())
                .isEqualTo(200);
    }

    /** The movements of a level, summed, are the level. */
    private void assertLedgerBalances(Stocked s, String variant, String location) {
        long onHand = 0;
        long reserved = 0;
        String cursor = null;
        do {
            JsonNode page = api.ok(api.call("GET", s.shop().path("/inventory-movements?limit=100&variant_id=" + variant
                    + "&location_id=" + location + (cursor == null ? "" : "&after=" + cursor)), null, s.owner().bearer()), 200);
            for (JsonNode movement : page.get("data")) {
                onHand += movement.get("on_hand_delta").asLong();
                reserved += movement.get("reserved_delta").asLong();
            }
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asString() : null;
        } while (cursor != null);
        JsonNode level = level(s, variant, location);
        assertThat(onHand).as("on hand from the ledger").isEqualTo(level.get("on_hand").asLong());
        assertThat(reserved).as("reserved from the ledger").isEqualTo(level.get("reserved").asLong());
    }
}
