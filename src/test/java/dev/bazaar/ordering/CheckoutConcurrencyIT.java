package dev.bazaar.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.ordering.Storefront.Cart;
import dev.bazaar.ordering.Storefront.Stocked;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The concurrency proof: 500 checkouts at once compete for 100 units of one SKU, 200 of them with a code that may be
 * used 30 times (each shopper's client retries a 503 with the same Idempotency-Key). Exactly 100 orders are paid, nothing is oversold, the ledger adds up, the code is used at most 30
 * times, and every order has one payment and its own number.
 */
@IntegrationTest
class CheckoutConcurrencyIT extends TenancyHttpTest {

    private static final int CHECKOUTS = 500;
    private static final int UNITS = 100;
    private static final int WITH_CODE = 200;
    private static final int CODE_LIMIT = 30;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void fiveHundredCheckoutsForAHundredUnitsMakeExactlyAHundredOrders() throws Exception {
        Storefront store = new Storefront(api);
        Stocked s = store.open("rush", UNITS);
        store.unthrottle(s);
        api.ok(api.call("POST", s.shop().path("/discounts"), """
                {"code":"RUSH","name":"Rush","kind":"percentage","percentage":"5","usage_limit":%d}""".formatted(CODE_LIMIT),
                s.owner().bearer()), 201);
        List<Cart> carts = new ArrayList<>();
        for (int i = 0; i < CHECKOUTS; i++) {
            Cart cart = store.cart(s);
            api.ok(store.add(s, cart, s.variant(), 1), 200);
            store.ready(s, cart, "rush" + i + "@example.com");
            if (i % (CHECKOUTS / WITH_CODE) == 0) {
                api.ok(api.call("POST", s.shop().path("/carts/" + cart.id() + "/discount-code"), "{\"code\":\"RUSH\"}",
                        null, cart.header()), 200);
            }
            carts.add(cart);
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(100)) {
            for (Cart cart : carts) {
                results.add(pool.submit(() -> {
                    start.await();
                    // A shopper's client: a 503 (no database connection came free in time) is retried with the same key.
                    String key = UUID.randomUUID().toString();
                    HttpResponse<String> response = store.checkout(s, cart, "pm_card_visa", key, null);
                    for (int retry = 0; response.statusCode() == 503 && retry < 20; retry++) {
                        Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                        response = store.checkout(s, cart, "pm_card_visa", key, null);
                    }
                    return response;
                }));
            }
            start.countDown();
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        List<JsonNode> placed = new ArrayList<>();
        for (Future<HttpResponse<String>> result : results) {
            HttpResponse<String> response = result.get();
            JsonNode body = IdentityClient.read(response);
            String outcome = response.statusCode() + " " + (response.statusCode() == 201
                    ? body.get("status").asString() : body.get("code").asString());
            outcomes.merge(outcome, 1, Integer::sum);
            if (response.statusCode() == 201) {
                placed.add(body);
            }
        }
        assertThat(outcomes.keySet()).as("outcomes %s", outcomes)
                .isSubsetOf("201 paid", "409 insufficient_stock", "422 discount_not_applicable", "409 discount_exhausted");
        assertThat(outcomes.get("201 paid")).as("outcomes %s", outcomes).isEqualTo(UNITS);
        assertThat(placed.stream().map(o -> o.get("number").asLong()).distinct()).hasSize(UNITS);
        assertThat(placed.stream().mapToLong(o -> o.get("number").asLong()).max().orElseThrow())
                .as("gap-free when nothing failed after taking a number").isEqualTo(1000 + UNITS);
        assertThat(placed).allSatisfy(order -> assertThat(order.get("payments")).hasSize(1));

        JsonNode level = IdentityClient.read(api.call("GET", s.shop().path("/inventory-levels?variant_id=" + s.variant()),
                null, s.owner().bearer())).get("data").get(0);
        assertThat(level.get("on_hand").asLong()).as("nothing oversold").isZero();
        assertThat(level.get("reserved").asLong()).isZero();
        try (Connection connection = DriverManager.getConnection(databaseUrl)) {
            String tenant = s.shop().id();
            assertThat(single(connection, "select sum(on_hand_delta) from inventory_movements where tenant_id = '" + tenant
                    + "' and variant_id = '" + s.variant() + "'")).as("the ledger adds up to what is on hand").isEqualTo(0);
            assertThat(single(connection, "select sum(reserved_delta) from inventory_movements where tenant_id = '" + tenant
                    + "'")).isEqualTo(0);
            assertThat(single(connection, "select count(*) from orders where tenant_id = '" + tenant + "'")).isEqualTo(UNITS);
            assertThat(single(connection, "select count(*) from payments where tenant_id = '" + tenant + "'"))
                    .as("one payment per order").isEqualTo(UNITS);
            long used = single(connection, "select times_used from discounts where tenant_id = '" + tenant + "'");
            assertThat(used).as("the code's usage limit").isLessThanOrEqualTo(CODE_LIMIT)
                    .isEqualTo(single(connection, "select count(*) from orders where tenant_id = '" + tenant
                            + "' and discount_id is not null"))
                    .isEqualTo(single(connection, "select count(*) from discount_redemptions where tenant_id = '" + tenant + "'"));
        }
    }

    private static long single(Connection connection, String sql) throws Exception {
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
