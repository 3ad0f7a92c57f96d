package dev.bazaar.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.ordering.Storefront.Cart;
import dev.bazaar.ordering.Storefront.Stocked;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.QueryCounter;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Carts through the HTTP API: server-side totals, access by token or customer, refusals, merging on sign-in. */
@IntegrationTest
class CartsIT extends TenancyHttpTest {

    /** The catalog's purchasable-variant read, and the settings read that opens every pricing of a cart. */
    private static final String CATALOG_READ = "from product_variants v join products p";
    private static final String PRICING = "from checkout_settings";

    private Storefront store() {
        return new Storefront(api);
    }

    @Test
    void computesTotalsOnTheServerPerLineWithHalfEvenTax() {
        Storefront store = store();
        Stocked s = store.open("cart-totals", 10);
        Cart cart = store.cart(s);
        assertThat(cart.token()).startsWith("bzc_");
        api.ok(store.add(s, cart, s.variant(), 2), 200);
        JsonNode added = api.ok(store.add(s, cart, s.variant(), 1), 200);
        assertThat(added.get("lines").get(0).get("quantity").asLong()).as("added to its line").isEqualTo(3);
        api.ok(store.add(s, cart, s.untracked(), 1), 200);

        JsonNode ready = store.ready(s, cart, "Shopper@Example.com");
        assertThat(ready.get("email").asString()).isEqualTo("shopper@example.com");
        assertThat(ready.get("shipping_rates")).extracting(rate -> rate.get("id").asString()).containsExactly(s.rate());
        assertThat(ready.get("shipping_rate").get("price").get("amount").asLong()).isEqualTo(490);
        assertThat(ready.get("tax_rate").asString()).isEqualTo("19.0000");
        // 3 x 1000 and 1 x 2500, 19 % added per line: 570 + 475.
        assertTotals(ready, 5500, 0, 490, 1045, 7035);
        assertThat(ready.get("lines").get(0).get("tax").get("amount").asLong()).isEqualTo(570);
        assertThat(ready.get("lines").get(0).get("product_title").asString()).isEqualTo("Tee");
        assertThat(ready.get("lines").get(0).get("variant_title").asString()).isEqualTo("M");

        api.ok(api.call("POST", s.shop().path("/discounts"), """
                {"code":"TENOFF","name":"Ten off","kind":"percentage","percentage":"10"}""", s.owner().bearer()), 201);
        HttpResponse<String> unknown = api.call("POST", s.shop().path("/carts/" + cart.id() + "/discount-code"),
                "{\"code\":\"NOPE\"}", null, cart.header());
        Problems.problem(unknown, 422, "discount_code_invalid");
        JsonNode discounted = api.ok(api.call("POST", s.shop().path("/carts/" + cart.id() + "/discount-code"),
                "{\"code\":\"tenoff\"}", null, cart.header()), 200);
        assertThat(discounted.get("discount").get("code").asString()).isEqualTo("TENOFF");
        assertThat(discounted.get("discount").get("applies").asBoolean()).isTrue();
        // Lines 3000 - 300 and 2500 - 250; taxes 513 and 427.5, which rounds half-even to 428.
        assertTotals(discounted, 5500, 550, 490, 941, 6381);
        assertThat(discounted.get("lines").get(1).get("tax").get("amount").asLong()).isEqualTo(428);

        assertThat(api.call("DELETE", s.shop().path("/carts/" + cart.id() + "/discount-code"), null, null, cart.header())
                .statusCode()).isEqualTo(204);
        assertThat(api.call("DELETE", s.shop().path("/carts/" + cart.id() + "/lines/" + s.untracked()), null, null,
                cart.header()).statusCode()).isEqualTo(204);
        JsonNode after = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200);
        assertTotals(after, 3000, 0, 490, 570, 4060);
        assertThat(after.has("token") && !after.get("token").isNull()).as("the token is shown once").isFalse();
    }

    @Test
    void taxInclusivePricesKeepTheTotalAndShowTheTaxInside() {
        Storefront store = store();
        Stocked s = store.open("cart-inclusive", 10);
        api.ok(api.call("PATCH", s.shop().path("/checkout-settings"), "{\"prices_include_tax\":true}", s.owner().bearer()), 200);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 3), 200);
        JsonNode ready = store.ready(s, cart, "in@example.com");
        // 3000 gross: net round(3000 / 1.19) = 2521, tax 479.
        assertTotals(ready, 3000, 0, 490, 479, 3490);
        assertThat(ready.get("prices_include_tax").asBoolean()).isTrue();
    }

    @Test
    void shopsThatTaxShippingTaxItAtTheDestinationsRateOnceAndTheOrderKeepsIt() {
        Storefront store = store();
        Stocked s = store.open("cart-ship-tax", 10);
        JsonNode settings = api.ok(api.call("PATCH", s.shop().path("/checkout-settings"), "{\"tax_shipping\":true}",
                s.owner().bearer()), 200);
        assertThat(settings.get("tax_shipping").asBoolean()).isTrue();
        assertThat(settings.get("prices_include_tax").asBoolean()).as("left as it was").isFalse();
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 3), 200);
        JsonNode ready = store.ready(s, cart, "shiptax@example.com");
        // Lines 3000 x 19 % = 570; shipping 490 x 19 % = 93.1 -> 93 (half-even), added.
        assertTotals(ready, 3000, 0, 490, 663, 4153);
        assertThat(ready.get("totals").get("shipping_tax").get("amount").asLong()).isEqualTo(93);
        assertThat(ready.get("lines").get(0).get("tax").get("amount").asLong()).isEqualTo(570);

        JsonNode order = api.ok(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 201);
        assertThat(order.get("totals").get("tax").get("amount").asLong()).isEqualTo(663);
        assertThat(order.get("totals").get("total").get("amount").asLong()).isEqualTo(4153);
        assertThat(order.get("payment_status").asString()).isEqualTo("paid");

        // Prices with tax inside: the shipping price keeps its amount and shows its tax (490 -> 412 net + 78).
        api.ok(api.call("PATCH", s.shop().path("/checkout-settings"), "{\"prices_include_tax\":true}", s.owner().bearer()),
                200);
        Cart inclusive = store.cart(s);
        api.ok(store.add(s, inclusive, s.variant(), 3), 200);
        assertTotals(store.ready(s, inclusive, "inside@example.com"), 3000, 0, 490, 479 + 78, 3490);
    }

    @Test
    void refreshesPriceSnapshotsOnEveryChange() {
        Storefront store = store();
        Stocked s = store.open("cart-prices", 10);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        api.ok(api.call("PATCH", s.shop().path("/products/" + s.product() + "/variants/" + s.variant()),
                "{\"price\":{\"amount\":1200,\"currency\":\"EUR\"}}", s.owner().bearer()), 200);
        JsonNode read = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200);
        assertThat(read.get("lines").get(0).get("unit_price").get("amount").asLong()).as("a read keeps the snapshot")
                .isEqualTo(1000);
        JsonNode changed = api.ok(store.add(s, cart, s.untracked(), 1), 200);
        assertThat(changed.get("lines").get(0).get("unit_price").get("amount").asLong()).as("a change refreshes every line")
                .isEqualTo(1200);
    }

    @Test
    void eachCartChangeReadsTheCatalogOnceAndPricesOnce() {
        Storefront store = store();
        Stocked s = store.open("cart-once", 10);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.untracked(), 1), 200);

        String added = counted("POST", s, "/carts/" + cart.id() + "/lines",
                "{\"variant_id\":\"%s\",\"quantity\":2}".formatted(s.variant()), cart, 200);
        String patched = counted("PATCH", s, "/carts/" + cart.id(), "{\"email\":\"once@example.com\",\"shipping_address\":"
                + Storefront.ADDRESS + ",\"shipping_rate_id\":\"" + s.rate() + "\"}", cart, 200);
        String quantity = counted("PATCH", s, "/carts/" + cart.id() + "/lines/" + s.variant(), "{\"quantity\":3}", cart, 200);
        String removed = counted("DELETE", s, "/carts/" + cart.id() + "/lines/" + s.untracked(), null, cart, 204);

        for (String request : java.util.List.of(added, patched, quantity, removed)) {
            assertThat(QueryCounter.statementsOf(request, CATALOG_READ)).as("catalog reads of " + request).isEqualTo(1);
            assertThat(QueryCounter.statementsOf(request, PRICING)).as("pricings of " + request).isEqualTo(1);
        }
        JsonNode read = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200);
        assertThat(read.get("shipping_rate").get("id").asString()).isEqualTo(s.rate());
        assertTotals(read, 3000, 0, 490, 570, 4060);
    }

    private String counted(String method, Stocked s, String path, @org.jspecify.annotations.Nullable String body, Cart cart,
                           int status) {
        String requestId = method.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
        api.ok(api.call(method, s.shop().path(path), body, null, "Cart-Token", cart.token(), "X-Request-Id", requestId), status);
        return requestId;
    }

    @Test
    void aChosenShippingRateSurvivesAZonePatchThatKeepsItById() {
        Storefront store = store();
        Stocked s = store.open("cart-rate-kept", 10);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        store.ready(s, cart, "kept@example.com");
        String zone = api.ok(api.call("GET", s.shop().path("/shipping-zones"), null, s.owner().bearer()), 200)
                .get("data").get(0).get("id").asString();
        String path = s.shop().path("/shipping-zones/" + zone);

        JsonNode changed = api.ok(api.call("PATCH", path, """
                {"rates":[{"id":"%s","name":"Standard","kind":"flat","price":{"amount":590,"currency":"EUR"}},
                          {"name":"Express","kind":"flat","price":{"amount":1290,"currency":"EUR"}}]}""".formatted(s.rate()),
                s.owner().bearer()), 200);
        assertThat(changed.get("rates").get(0).get("id").asString()).as("kept by id").isEqualTo(s.rate());
        String express = changed.get("rates").get(1).get("id").asString();
        assertThat(express).isNotEqualTo(s.rate());
        JsonNode read = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200);
        assertThat(read.get("shipping_rate").get("id").asString()).isEqualTo(s.rate());
        assertThat(read.get("shipping_rate").get("price").get("amount").asLong()).as("its new price").isEqualTo(590);
        assertThat(read.get("shipping_rates")).hasSize(2);

        Problems.assertViolation(api.call("PATCH", path, """
                {"rates":[{"id":"%s","name":"X","kind":"flat","price":{"amount":1,"currency":"EUR"}}]}"""
                .formatted(UUID.randomUUID()), s.owner().bearer()), "rates[0].id", "unknown_rate");
        Problems.assertViolation(api.call("PATCH", path, """
                {"rates":[{"id":"%1$s","name":"X","kind":"flat","price":{"amount":1,"currency":"EUR"}},
                          {"id":"%1$s","name":"Y","kind":"flat","price":{"amount":2,"currency":"EUR"}}]}"""
                .formatted(express), s.owner().bearer()), "rates[1].id", "duplicate");
        Problems.assertViolation(api.call("POST", s.shop().path("/shipping-zones"), """
                {"name":"Elsewhere","rates":[{"id":"%s","name":"X","kind":"flat","price":{"amount":1,"currency":"EUR"}}]}"""
                .formatted(s.rate()), s.owner().bearer()), "rates[0].id", "unknown_rate");

        // A rate left out of the list is gone, and with it the cart's choice.
        JsonNode dropped = api.ok(api.call("PATCH", path, """
                {"rates":[{"id":"%s","name":"Express","kind":"flat","price":{"amount":1290,"currency":"EUR"}}]}"""
                .formatted(express), s.owner().bearer()), 200);
        assertThat(dropped.get("rates")).extracting(rate -> rate.get("id").asString()).containsExactly(express);
        JsonNode after = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200);
        assertThat(after.get("shipping_rate").isNull()).isTrue();
    }

    @Test
    void refusesCartsWithoutTheirTokenAndBadInput() {
        Storefront store = store();
        Stocked s = store.open("cart-refusals", 10);
        Stocked other = store.open("cart-refusals-other", 10);
        Cart cart = store.cart(s);
        Problems.problem(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null), 404, "cart_not_found");
        Problems.problem(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, "Cart-Token", "bzc_wrong"),
                404, "cart_not_found");
        Problems.problem(api.call("GET", other.shop().path("/carts/" + cart.id()), null, null, cart.header()), 404,
                "cart_not_found");
        Person stranger = api.person("stranger");
        Problems.problem(api.call("GET", s.shop().path("/carts/" + cart.id()), null, stranger.bearer()), 404,
                "cart_not_found");
        Problems.problem(store.add(s, cart, other.variant(), 1), 422, "variant_not_found");
        Problems.problem(store.add(s, cart, UUID.randomUUID().toString(), 1), 422, "variant_not_found");
        assertThat(store.add(s, cart, s.variant(), 0).statusCode()).isEqualTo(400);
        assertThat(store.add(s, cart, s.variant(), 10_001).statusCode()).isEqualTo(400);
        assertThat(api.call("POST", s.shop().path("/carts/" + cart.id() + "/lines"),
                "{\"variant_id\":\"" + s.variant() + "\",\"quantity\":1,\"price\":1}", null, cart.header()).statusCode())
                .as("unknown field").isEqualTo(400);
        api.ok(api.call("PATCH", s.shop().path("/products/" + s.product()), "{\"status\":\"draft\"}", s.owner().bearer()), 200);
        Problems.problem(store.add(s, cart, s.variant(), 1), 422, "variant_unavailable");
        api.ok(api.call("PATCH", s.shop().path("/products/" + s.product()), "{\"status\":\"active\"}", s.owner().bearer()), 200);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        Problems.problem(api.call("PATCH", s.shop().path("/carts/" + cart.id()),
                "{\"shipping_rate_id\":\"" + UUID.randomUUID() + "\"}", null, cart.header()), 422, "shipping_rate_unavailable");
        assertThat(api.call("PATCH", s.shop().path("/carts/" + cart.id()), "{\"email\":\"not-an-email\"}", null,
                cart.header()).statusCode()).isEqualTo(400);
        assertThat(api.call("PATCH", s.shop().path("/carts/" + cart.id()),
                "{\"shipping_address\":{\"name\":\"A\",\"line1\":\"B\",\"city\":\"C\",\"postal_code\":\"1\",\"country\":\"XX\"}}",
                null, cart.header()).statusCode()).isEqualTo(400);
        Problems.problem(api.call("PATCH", s.shop().path("/carts/" + cart.id() + "/lines/" + s.untracked()),
                "{\"quantity\":2}", null, cart.header()), 404, "cart_line_not_found");
        JsonNode unchanged = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200);
        assertThat(unchanged.get("lines")).hasSize(1);
        assertThat(unchanged.get("email").isNull()).isTrue();
        assertThat(unchanged.get("shipping_address").isNull()).isTrue();
    }

    @Test
    void aGuestCartMergesIntoTheCustomersCartWhenClaimed() {
        Storefront store = store();
        Stocked s = store.open("cart-merge", 10);
        Person customer = api.person("customer");
        JsonNode own = api.ok(api.call("POST", s.shop().path("/carts"), "{}", customer.bearer()), 201);
        assertThat(own.get("token").isNull()).as("a customer's cart needs no token").isTrue();
        assertThat(own.get("customer_id").isNull()).isFalse();
        JsonNode again = api.ok(api.call("POST", s.shop().path("/carts"), "{}", customer.bearer()), 200);
        assertThat(again.get("id").asString()).as("one active cart per customer").isEqualTo(own.get("id").asString());
        api.ok(api.call("POST", s.shop().path("/carts/" + own.get("id").asString() + "/lines"),
                "{\"variant_id\":\"" + s.variant() + "\",\"quantity\":1}", customer.bearer()), 200);

        Cart guest = store.cart(s);
        api.ok(store.add(s, guest, s.variant(), 2), 200);
        api.ok(store.add(s, guest, s.untracked(), 1), 200);
        store.ready(s, guest, "guest@example.com");

        Person other = api.person("other");
        Problems.problem(api.call("POST", s.shop().path("/carts/" + guest.id() + "/claim"), null, other.bearer()),
                404, "cart_not_found");
        assertThat(api.call("POST", s.shop().path("/carts/" + guest.id() + "/claim"), null, null, guest.header())
                .statusCode()).as("claiming needs a signed-in customer").isEqualTo(401);
        JsonNode merged = api.ok(api.call("POST", s.shop().path("/carts/" + guest.id() + "/claim"), null,
                customer.bearer(), guest.header()), 200);
        assertThat(merged.get("id").asString()).isEqualTo(own.get("id").asString());
        assertThat(merged.get("lines")).extracting(line -> line.get("quantity").asLong()).containsExactly(3L, 1L);
        assertThat(merged.get("email").asString()).as("taken from the guest cart").isEqualTo("guest@example.com");
        assertThat(merged.get("shipping_rate").get("id").asString()).isEqualTo(s.rate());
        HttpResponse<String> gone = api.call("GET", s.shop().path("/carts/" + guest.id()), null, null, guest.header());
        assertThat(IdentityClient.read(gone).get("status").asString()).isEqualTo("merged");
        Problems.problem(store.add(s, guest, s.variant(), 1), 409, "cart_not_active");
        Problems.problem(api.call("GET", s.shop().path("/carts/" + own.get("id").asString()), null, other.bearer()),
                404, "cart_not_found");

        // Without a cart of their own, the claimed cart becomes the customer's.
        Person fresh = api.person("fresh");
        Cart second = store.cart(s);
        api.ok(store.add(s, second, s.variant(), 1), 200);
        JsonNode taken = api.ok(api.call("POST", s.shop().path("/carts/" + second.id() + "/claim"), null, fresh.bearer(),
                second.header()), 200);
        assertThat(taken.get("id").asString()).isEqualTo(second.id());
        assertThat(api.ok(api.call("GET", s.shop().path("/carts/" + second.id()), null, fresh.bearer()), 200)
                .get("lines")).hasSize(1);
        Problems.problem(api.call("GET", s.shop().path("/carts/" + second.id()), null, null, second.header()), 404,
                "cart_not_found");
    }

    @Test
    void customersKeepTheirOwnAddressBook() {
        Storefront store = store();
        Stocked s = store.open("cart-addresses", 0);
        Person customer = api.person("customer");
        assertThat(api.call("GET", s.shop().path("/me/addresses"), null, null).statusCode()).isEqualTo(401);
        JsonNode first = api.ok(api.call("POST", s.shop().path("/me/addresses"), "{\"address\":" + Storefront.ADDRESS + "}",
                customer.bearer()), 201);
        assertThat(first.get("is_default").asBoolean()).as("the first is the default").isTrue();
        assertThat(first.get("address").get("country").asString()).isEqualTo("DE");
        JsonNode second = api.ok(api.call("POST", s.shop().path("/me/addresses"), "{\"address\":" + Storefront.ADDRESS
                .replace("Ada Lovelace", "Charles Babbage") + ",\"is_default\":true}", customer.bearer()), 201);
        JsonNode list = api.ok(api.call("GET", s.shop().path("/me/addresses"), null, customer.bearer()), 200);
        assertThat(list.get("data")).extracting(a -> a.get("is_default").asBoolean()).containsExactly(false, true);
        Problems.problem(api.call("PATCH", s.shop().path("/me/addresses/" + first.get("id").asString()),
                "{\"is_default\":true}", customer.bearer(), "If-Match", "\"7\""), 412, "precondition_failed");

        Person other = api.person("other");
        Problems.problem(api.call("PATCH", s.shop().path("/me/addresses/" + second.get("id").asString()),
                "{\"is_default\":false}", other.bearer()), 404, "address_not_found");
        assertThat(api.call("DELETE", s.shop().path("/me/addresses/" + second.get("id").asString()), null, other.bearer())
                .statusCode()).isEqualTo(404);
        assertThat(api.ok(api.call("GET", s.shop().path("/me/addresses"), null, other.bearer()), 200).get("data")).isEmpty();
        assertThat(api.call("DELETE", s.shop().path("/me/addresses/" + second.get("id").asString()), null,
                customer.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.ok(api.call("GET", s.shop().path("/me/addresses"), null, customer.bearer()), 200).get("data"))
                .hasSize(1);

        JsonNode customers = api.ok(api.call("GET", s.shop().path("/customers"), null, s.owner().bearer()), 200);
        assertThat(customers.get("data")).extracting(c -> c.get("email").asString()).containsExactly(customer.email()
                .toLowerCase(java.util.Locale.ROOT));
        assertThat(customers.get("data").get(0).get("guest").asBoolean()).isFalse();
        assertThat(customers.get("data").get(0).get("orders_count").asLong()).isZero();
    }

    private static void assertTotals(JsonNode cart, long subtotal, long discount, long shipping, long tax, long total) {
        JsonNode t = cart.get("totals");
        assertThat(new long[] {t.get("subtotal").get("amount").asLong(), t.get("discount").get("amount").asLong(),
                t.get("shipping").get("amount").asLong(), t.get("tax").get("amount").asLong(),
                t.get("total").get("amount").asLong()})
                .as("subtotal, discount, shipping, tax, total").containsExactly(subtotal, discount, shipping, tax, total);
        assertThat(t.get("total").get("currency").asString()).isEqualTo("EUR");
    }
}
