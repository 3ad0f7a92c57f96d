package dev.bazaar.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.QueryCounter;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Stock locations, adjustments with their ledger, reservations that never oversell, and low-stock thresholds that
 * publish their event once per crossing, through the HTTP API.
 */
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

    @Autowired
    LowStockEvents lowStockEvents;

    /** The low-stock events of committed transactions (what an after-commit listener, such as webhooks, would see). */
    static class LowStockEvents {
        final List<InventoryEvent.LowStock> received = new CopyOnWriteArrayList<>();

        @TransactionalEventListener
        void on(InventoryEvent.LowStock event) {
            received.add(event);
        }

        List<InventoryEvent.LowStock> of(String variant) {
            return received.stream().filter(event -> event.variantId().toString().equals(variant)).toList();
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        LowStockEvents lowStockEvents() {
            return new LowStockEvents();
        }
    }

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
        List<Integer> statuses = reserveConcurrently(s, 200);
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

    private HttpResponse<String> setThreshold(Stocked s, String variant, String body, @Nullable String bearer, String... headers) {
        return api.call("PATCH", s.shop().path("/inventory-items/" + variant), body, bearer, headers);
    }

    private JsonNode item(Stocked s, String variant) {
        return api.ok(api.call("GET", s.shop().path("/inventory-items/" + variant), null, s.owner().bearer()), 200);
    }

    private List<String> listed(Stocked s, String filter) {
        return api.ok(api.call("GET", s.shop().path("/inventory-items" + filter), null, s.owner().bearer()), 200).get("data")
                .valueStream().map(item -> item.get("variant_id").asString()).toList();
    }

    @Test
    void lowStockIsPublishedOncePerCrossingAndReArmsAboveTheThreshold() {
        Stocked s = shopWithProduct("low-stock");
        String main = location(s, "Main", 0);
        adjust(s, s.variant(), main, "\"delta\":20");
        HttpResponse<String> fresh = api.call("GET", s.shop().path("/inventory-items/" + s.variant()), null, s.owner().bearer());
        JsonNode none = api.ok(fresh, 200);
        assertThat(none.get("low_stock_threshold").isNull()).isTrue();
        assertThat(none.get("available").asLong()).isEqualTo(20);
        assertThat(none.get("low_stock").asBoolean()).isFalse();

        HttpResponse<String> set = setThreshold(s, s.variant(), "{\"low_stock_threshold\":5}", s.owner().bearer(),
                "If-Match", fresh.headers().firstValue("ETag").orElseThrow());
        assertThat(api.ok(set, 200).get("low_stock_threshold").asLong()).isEqualTo(5);
        assertThat(setThreshold(s, s.variant(), "{\"low_stock_threshold\":6}", s.owner().bearer(), "If-Match",
                fresh.headers().firstValue("ETag").orElseThrow()).statusCode()).as("stale If-Match").isEqualTo(412);
        assertThat(api.ok(setThreshold(s, s.variant(), "{}", s.owner().bearer()), 200).get("low_stock_threshold").asLong())
                .as("a missing field stays").isEqualTo(5);
        assertThat(lowStockEvents.of(s.variant())).as("setting a threshold publishes nothing").isEmpty();

        adjust(s, s.variant(), main, "\"delta\":-14");
        assertThat(lowStockEvents.of(s.variant())).as("6 is above 5").isEmpty();
        adjust(s, s.variant(), main, "\"delta\":-1");
        assertThat(lowStockEvents.of(s.variant())).singleElement().satisfies(event -> {
            assertThat(event.available()).isEqualTo(5);
            assertThat(event.threshold()).isEqualTo(5);
            assertThat(event.tenantId().toString()).isEqualTo(s.shop().id());
        });
        adjust(s, s.variant(), main, "\"delta\":-2");
        String reservation = api.ok(reserve(s, s.variant(), 3, null), 201).get("id").asString();
        api.ok(api.call("POST", s.shop().path("/inventory-reservations/" + reservation + "/release"), null, s.owner().bearer()), 200);
        assertThat(lowStockEvents.of(s.variant())).as("further changes below the threshold publish nothing").hasSize(1);
        JsonNode low = item(s, s.variant());
        assertThat(low.get("low_stock").asBoolean()).isTrue();
        assertThat(low.get("available").asLong()).isEqualTo(3);
        assertThat(listed(s, "?low_stock=true")).containsExactly(s.variant());
        assertThat(listed(s, "?low_stock=false")).isEmpty();

        adjust(s, s.variant(), main, "\"delta\":10");
        assertThat(item(s, s.variant()).get("low_stock").asBoolean()).as("13 is above 5: re-armed").isFalse();
        assertThat(listed(s, "?low_stock=true")).isEmpty();
        String order = api.ok(reserve(s, s.variant(), 8, null), 201).get("id").asString();
        assertThat(lowStockEvents.of(s.variant())).as("crossing again, by a reservation").hasSize(2);
        api.ok(api.call("POST", s.shop().path("/inventory-reservations/" + order + "/commit"), null, s.owner().bearer()), 200);
        assertThat(lowStockEvents.of(s.variant())).hasSize(2);

        // A location that stops counting takes its stock out of what is available.
        adjust(s, s.variant(), main, "\"delta\":10");
        api.ok(api.call("PATCH", s.shop().path("/stock-locations/" + main), "{\"active\":false}", s.owner().bearer()), 200);
        assertThat(lowStockEvents.of(s.variant())).hasSize(3);
        assertThat(lowStockEvents.of(s.variant()).get(2).available()).isZero();
        api.ok(api.call("PATCH", s.shop().path("/stock-locations/" + main), "{\"active\":true}", s.owner().bearer()), 200);
        assertThat(item(s, s.variant()).get("low_stock").asBoolean()).isFalse();

        JsonNode removed = api.ok(setThreshold(s, s.variant(), "{\"low_stock_threshold\":null}", s.owner().bearer()), 200);
        assertThat(removed.get("low_stock_threshold").isNull()).isTrue();
        adjust(s, s.variant(), main, "\"set\":0");
        assertThat(lowStockEvents.of(s.variant())).as("no threshold, no event").hasSize(3);
        assertThat(listed(s, "")).isEmpty();
        JsonNode audit = api.ok(api.call("GET", s.shop().path("/audit-events?action=inventory_item.updated"), null,
                s.owner().bearer()), 200).get("data");
        assertThat(audit.size()).as("set, then removed").isEqualTo(2);
        assertThat(audit.get(1).get("changes").get("low_stock_threshold").get("after").asLong()).isEqualTo(5);
        assertLedgerBalances(s, s.variant(), main);
    }

    @Test
    void twoHundredConcurrentReservationsCrossingTheThresholdPublishOneEvent() throws Exception {
        Stocked s = shopWithProduct("low-rush");
        String main = location(s, "Main", 0);
        adjust(s, s.variant(), main, "\"delta\":50");
        api.ok(setThreshold(s, s.variant(), "{\"low_stock_threshold\":10}", s.owner().bearer()), 200);
        assertThat(reserveConcurrently(s, 200).stream().filter(status -> status == 201).count()).isEqualTo(50);
        assertThat(lowStockEvents.of(s.variant())).singleElement().satisfies(event -> assertThat(event.available()).isEqualTo(10));
        JsonNode item = item(s, s.variant());
        assertThat(item.get("available").asLong()).isZero();
        assertThat(item.get("reserved").asLong()).isEqualTo(50);
        assertThat(item.get("low_stock").asBoolean()).isTrue();
        assertLedgerBalances(s, s.variant(), main);
    }

    @Test
    void aCrossingSplitOverTwoLocationsIsSeenByTheLaterOfTwoConcurrentAdjustments() throws Exception {
        Stocked s = shopWithProduct("low-two");
        String first = location(s, "First", 0);
        String second = location(s, "Second", 0);
        adjust(s, s.variant(), first, "\"delta\":6");
        adjust(s, s.variant(), second, "\"delta\":6");
        api.ok(setThreshold(s, s.variant(), "{\"low_stock_threshold\":10}", s.owner().bearer()), 200);
        UUID tenant = UUID.fromString(s.shop().id());
        UUID variant = UUID.fromString(s.variant());
        // Each adjustment locks only its own location's level. The first takes 12 to 11 and stays open; the second,
        // at the other location, takes the total to 10. Had it read the total without waiting for the first, it
        // would have seen 11 and missed the crossing.
        CountDownLatch adjusted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> open = pool.submit(() -> tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
                inventory.adjust(new InventoryService.Adjust(variant, UUID.fromString(first), -1L, null, "open"));
                adjusted.countDown();
                await(commit);
            })));
            try {
                assertThat(adjusted.await(10, TimeUnit.SECONDS)).isTrue();
                Future<?> later = pool.submit(() -> tenantScope.run(tenant, () ->
                        inventory.adjust(new InventoryService.Adjust(variant, UUID.fromString(second), -1L, null, "later"))));
                Thread.sleep(500);
                assertThat(later.isDone()).as("the later adjustment waits for the open one's item lock").isFalse();
                commit.countDown();
                open.get(10, TimeUnit.SECONDS);
                later.get(10, TimeUnit.SECONDS);
            } finally {
                commit.countDown();
            }
        }
        assertThat(item(s, s.variant()).get("available").asLong()).isEqualTo(10);
        assertThat(lowStockEvents.of(s.variant())).singleElement().satisfies(event -> assertThat(event.available()).isEqualTo(10));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listingItemsCostsTheSameStatementsForOneAsForTwo() {
        Stocked s = shopWithProduct("low-count");
        api.ok(setThreshold(s, s.variant(), "{\"low_stock_threshold\":1}", s.owner().bearer()), 200);
        int forOne = statements(s, "/inventory-items");
        String another = api.ok(api.call("POST", s.shop().path("/products"), """
                {"title":"Cap","status":"active","variants":[{"price":{"amount":500,"currency":"EUR"}}]}""",
                s.owner().bearer()), 201).get("variants").get(0).get("id").asString();
        api.ok(setThreshold(s, another, "{\"low_stock_threshold\":1}", s.owner().bearer()), 200);
        assertThat(listed(s, "")).hasSize(2);
        assertThat(statements(s, "/inventory-items")).as("N+1-free").isEqualTo(forOne);
        assertThat(listed(s, "?low_stock=true")).as("no stock at all is low").hasSize(2);
    }

    private int statements(Stocked s, String path) {
        String requestId = "count-" + UUID.randomUUID();
        api.ok(api.call("GET", s.shop().path(path), null, s.owner().bearer(), "X-Request-Id", requestId), 200);
        return QueryCounter.statementsOf(requestId);
    }

    @Test
    void thresholdsAreValidatedAndOnlyStaffWithInventoryWriteSetThemInTheirShop() {
        Stocked s = shopWithProduct("low-refused");
        for (String wrong : List.of("-1", "1000000001", "\"many\"", "[]")) {
            HttpResponse<String> invalid = setThreshold(s, s.variant(), "{\"low_stock_threshold\":" + wrong + "}", s.owner().bearer());
            assertThat(invalid.statusCode()).as(wrong).isEqualTo(400);
            assertThat(invalid.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        JsonNode negative = IdentityClient.read(setThreshold(s, s.variant(), "{\"low_stock_threshold\":-1}", s.owner().bearer()));
        assertThat(negative.get("code").asString()).isEqualTo("validation_failed");
        assertThat(negative.get("errors").get(0).get("field").asString()).isEqualTo("low_stock_threshold");
        assertThat(setThreshold(s, s.variant(), "{\"threshold\":1}", s.owner().bearer()).statusCode()).as("unknown field").isEqualTo(400);
        HttpResponse<String> untracked = setThreshold(s, s.untracked(), "{\"low_stock_threshold\":1}", s.owner().bearer());
        assertThat(untracked.statusCode()).isEqualTo(422);
        assertThat(IdentityClient.read(untracked).get("code").asString()).isEqualTo("variant_not_tracked");

        Person viewer = api.person("low-viewer");
        api.addMember(s.owner(), s.shop(), viewer, "viewer");
        HttpResponse<String> refused = setThreshold(s, s.variant(), "{\"low_stock_threshold\":3}", viewer.bearer());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(refused).get("code").asString()).isEqualTo("permission_denied");
        assertThat(api.ok(api.call("GET", s.shop().path("/inventory-items/" + s.variant()), null, viewer.bearer()), 200)
                .get("low_stock_threshold").isNull()).as("the viewer reads, and nothing changed").isTrue();
        assertThat(setThreshold(s, s.variant(), "{\"low_stock_threshold\":3}", null).statusCode()).isEqualTo(401);

        Stocked other = shopWithProduct("low-other");
        HttpResponse<String> foreign = setThreshold(s, other.variant(), "{\"low_stock_threshold\":3}", s.owner().bearer());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(IdentityClient.read(foreign).get("code").asString()).isEqualTo("variant_not_found");
        assertThat(api.call("GET", s.shop().path("/inventory-items/" + other.variant()), null, s.owner().bearer()).statusCode())
                .isEqualTo(404);
        assertThat(item(other, other.variant()).get("low_stock_threshold").isNull()).as("the other shop's item is unchanged").isTrue();
        assertThat(item(s, s.variant()).get("low_stock_threshold").isNull()).isTrue();
        assertThat(api.ok(api.call("GET", s.shop().path("/audit-events?action=inventory_item.updated"), null,
                s.owner().bearer()), 200).get("data").size()).as("nothing was audited").isZero();
        assertThat(lowStockEvents.of(s.variant())).isEmpty();
    }

    /** {@code requests} reservations of one unit of the variant, 32 at a time: their statuses. */
    private List<Integer> reserveConcurrently(Stocked s, int requests) throws Exception {
        List<Future<Integer>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < requests; i++) {
                outcomes.add(pool.submit(() -> reserve(s, s.variant(), 1, null).statusCode()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
            statuses.add(outcome.get());
        }
        return statuses;
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
