package dev.bazaar.ordering;

import dev.bazaar.tenancy.TenancyClient;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A shop ready to sell, for ordering's HTTP tests: one active product with two variants (a tracked one at 1000 and an
 * untracked one at 2500, EUR, 500 g each), stock at one location, a German zone with a flat 490 rate (free from
 * 10,000) and 19 % VAT in Germany, prices excluding tax unless said.
 */
final class Storefront {

    static final String ADDRESS = """
            {"name":"Ada Lovelace","line1":"Unter den Linden 1","city":"Berlin","postal_code":"10117","country":"de"}""";

    record Stocked(Person owner, Shop shop, String product, String variant, String untracked, String location,
                   String rate) {}

    private final TenancyClient api;

    Storefront(TenancyClient api) {
        this.api = api;
    }

    Stocked open(String label, long stock) {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, label);
        api.choosePlan(owner, shop, "pro");
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Tee","status":"active","option_names":["Size"],
                 "variants":[{"option_values":["M"],"sku":"TEE-M","price":{"amount":1000,"currency":"EUR"},"weight_grams":500},
                             {"option_values":["L"],"sku":"TEE-L","price":{"amount":2500,"currency":"EUR"},"weight_grams":500,
                              "track_inventory":false}]}""", owner.bearer()), 201);
        String variant = product.get("variants").get(0).get("id").asString();
        String location = api.ok(api.call("POST", shop.path("/stock-locations"),
                "{\"name\":\"Main\",\"address\":{\"city\":\"Berlin\",\"country\":\"de\"}}", owner.bearer()), 201)
                .get("id").asString();
        if (stock > 0) {
            api.ok(api.call("POST", shop.path("/inventory-adjustments"),
                    "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":%d}".formatted(variant, location, stock),
                    owner.bearer()), 201);
        }
        JsonNode zone = api.ok(api.call("POST", shop.path("/shipping-zones"), """
                {"name":"Germany","countries":[{"code":"DE"}],
                 "rates":[{"name":"Standard","kind":"flat","price":{"amount":490,"currency":"EUR"},
                           "free_above":{"amount":10000,"currency":"EUR"}}]}""", owner.bearer()), 201);
        api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"VAT\",\"country\":\"DE\",\"rate\":\"19\"}",
                owner.bearer()), 201);
        return new Stocked(owner, shop, product.get("id").asString(), variant,
                product.get("variants").get(1).get("id").asString(), location,
                zone.get("rates").get(0).get("id").asString());
    }

    /**
     * Puts the shop on a private plan with the API rate opened up: every test talks from 127.0.0.1, which the plan's
     * per-address limit would otherwise throttle as one shopper.
     */
    void unthrottle(Stocked s) {
        String plan = "rush-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Person admin = api.administrator();
        api.ok(api.call("POST", "/api/v1/admin/plans", """
                {"key":"%s","name":"Rush","limits":{"api_rate":100000,"api_burst":1000000,"staff_seats":50,
                 "products":1000,"storage_bytes":0,"webhook_endpoints":10,"api_keys":10},"is_public":false}"""
                .formatted(plan), admin.bearer()), 201);
        api.ok(api.call("PUT", "/api/v1/admin/shops/" + s.shop().id() + "/subscription", "{\"plan\":\"" + plan + "\"}",
                admin.bearer()), 200);
    }

    /** An anonymous cart: its id and token. */
    record Cart(String id, String token) {
        String[] header() {
            return new String[] {"Cart-Token", token};
        }
    }

    Cart cart(Stocked s) {
        JsonNode cart = api.ok(api.call("POST", s.shop().path("/carts"), "{}", null), 201);
        return new Cart(cart.get("id").asString(), cart.get("token").asString());
    }

    HttpResponse<String> add(Stocked s, Cart cart, String variant, long quantity) {
        return api.call("POST", s.shop().path("/carts/" + cart.id() + "/lines"),
                "{\"variant_id\":\"%s\",\"quantity\":%d}".formatted(variant, quantity), null, cart.header());
    }

    /** Email, address and the shop's rate: ready to check out. */
    JsonNode ready(Stocked s, Cart cart, String email) {
        return api.ok(api.call("PATCH", s.shop().path("/carts/" + cart.id()),
                "{\"email\":\"%s\",\"shipping_address\":%s,\"shipping_rate_id\":\"%s\"}".formatted(email, ADDRESS, s.rate()),
                null, cart.header()), 200);
    }

    HttpResponse<String> checkout(Stocked s, Cart cart, String paymentMethod, String key, @Nullable String bearer) {
        return api.call("POST", s.shop().path("/carts/" + cart.id() + "/checkout"),
                "{\"payment\":{\"gateway\":\"test\",\"payment_method\":\"%s\"}}".formatted(paymentMethod), bearer,
                "Cart-Token", cart.token(), "Idempotency-Key", key);
    }

    /** A guest's order of {@code tees} tracked and {@code untracked} untracked units, paid by card: staff's view of it. */
    JsonNode paidOrder(Stocked s, String email, long tees, long untracked) {
        Cart cart = cart(s);
        api.ok(add(s, cart, s.variant(), tees), 200);
        if (untracked > 0) {
            api.ok(add(s, cart, s.untracked(), untracked), 200);
        }
        ready(s, cart, email);
        JsonNode order = api.ok(checkout(s, cart, "pm_card_visa", java.util.UUID.randomUUID().toString(), null), 201);
        if (!order.get("status").asString().equals("paid")) {
            throw new AssertionError("the order is not paid: " + order);
        }
        return api.ok(api.call("GET", s.shop().path("/orders/" + order.get("id").asString()), null, s.owner().bearer()), 200);
    }
}
