package dev.bazaar.ordering;

import static dev.bazaar.ordering.Problems.assertViolation;
import static dev.bazaar.ordering.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.ordering.DiscountService.DiscountView;
import dev.bazaar.ordering.domain.Discounts;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Discount definitions through the HTTP API. */
@IntegrationTest
class DiscountsIT extends TenancyHttpTest {

    @Autowired
    DiscountService discounts;

    @Autowired
    TenantScope tenantScope;

    private static final String SUMMER = """
            {"code":"Summer-10","name":"Summer sale","kind":"percentage","percentage":"10",
             "minimum_subtotal":{"amount":2000,"currency":"EUR"},"starts_at":"2026-06-01T00:00:00Z",
             "ends_at":"2026-09-01T00:00:00Z","usage_limit":100,"per_customer_limit":1}""";

    @Test
    void createsFindsByCodeUpdatesAndDeletesDiscounts() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "discounts");
        HttpResponse<String> created = api.call("POST", shop.path("/discounts"), SUMMER, owner.bearer());
        JsonNode discount = api.ok(created, 201);
        String id = discount.get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/shops/" + shop.handle() + "/discounts/" + id);
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");
        assertThat(discount.get("code").asString()).isEqualTo("Summer-10");
        assertThat(discount.get("percentage").asString()).isEqualTo("10.0000");
        assertThat(discount.get("amount").isNull()).isTrue();
        assertThat(discount.get("minimum_subtotal").get("amount").asLong()).isEqualTo(2000);
        assertThat(discount.get("targets").asString()).isEqualTo("all");
        assertThat(discount.get("times_used").asLong()).isZero();
        assertThat(discount.get("status").asString()).isEqualTo("active");

        JsonNode automatic = api.ok(api.call("POST", shop.path("/discounts"),
                "{\"name\":\"Free shipping\",\"kind\":\"free_shipping\"}", owner.bearer()), 201);
        assertThat(automatic.get("code").isNull()).isTrue();

        JsonNode found = api.ok(api.call("GET", shop.path("/discounts?code=SUMMER-10"), null, owner.bearer()), 200);
        assertThat(found.get("data")).extracting(node -> node.get("id").asString()).containsExactly(id);
        assertThat(api.ok(api.call("GET", shop.path("/discounts?code=winter"), null, owner.bearer()), 200).get("data")).isEmpty();
        assertThat(api.ok(api.call("GET", shop.path("/discounts"), null, owner.bearer()), 200).get("data")).hasSize(2);

        HttpResponse<String> updated = api.call("PATCH", shop.path("/discounts/" + id),
                "{\"kind\":\"fixed_amount\",\"amount\":{\"amount\":500,\"currency\":\"EUR\"},\"status\":\"disabled\"}",
                owner.bearer(), "If-Match", "\"0\"");
        JsonNode after = api.ok(updated, 200);
        assertThat(updated.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(after.get("kind").asString()).isEqualTo("fixed_amount");
        assertThat(after.get("percentage").isNull()).isTrue();
        assertThat(after.get("amount").get("amount").asLong()).isEqualTo(500);
        assertThat(after.get("code").asString()).isEqualTo("Summer-10");

        // What checkout will read.
        DiscountView view = tenantScope.call(UUID.fromString(shop.id()), () -> discounts.get(UUID.fromString(id)));
        Discounts.Definition definition = DiscountService.definition(view);
        Discounts.Cart cart = new Discounts.Cart(List.of(new Discounts.Line(UUID.randomUUID(), Set.of(), 3000)), 3000, 0,
                Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(Discounts.evaluate(definition, cart).refusal()).isEqualTo(Discounts.Refusal.DISABLED);

        api.ok(api.call("PATCH", shop.path("/discounts/" + id), "{\"name\":\"Stale\"}", owner.bearer(), "If-Match", "\"0\""), 412);
        api.ok(api.call("DELETE", shop.path("/discounts/" + id), null, owner.bearer(), "If-Match", "\"0\""), 412);
        assertThat(api.call("DELETE", shop.path("/discounts/" + id), null, owner.bearer(), "If-Match", "\"1\"").statusCode())
                .isEqualTo(204);
        problem(api.call("GET", shop.path("/discounts/" + id), null, owner.bearer()), 404, "discount_not_found");
    }

    @Test
    void codesAreUniquePerShopIgnoringCase() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "codes");
        api.ok(api.call("POST", shop.path("/discounts"), SUMMER, owner.bearer()), 201);
        problem(api.call("POST", shop.path("/discounts"), "{\"code\":\"summer-10\",\"name\":\"Again\",\"kind\":\"free_shipping\"}",
                owner.bearer()), 409, "discount_code_taken");
        String other = api.ok(api.call("POST", shop.path("/discounts"),
                "{\"code\":\"WINTER\",\"name\":\"Winter\",\"kind\":\"free_shipping\"}", owner.bearer()), 201).get("id").asString();
        problem(api.call("PATCH", shop.path("/discounts/" + other), "{\"code\":\"SUMMER-10\"}", owner.bearer()), 409,
                "discount_code_taken");
        // Its own code, in another case, is not taken.
        assertThat(api.ok(api.call("PATCH", shop.path("/discounts/" + other), "{\"code\":\"winter\"}", owner.bearer()), 200)
                .get("code").asString()).isEqualTo("winter");
        // The same code is free in another shop.
        Person stranger = api.person("stranger");
        api.ok(api.call("POST", api.createShop(stranger, "othercodes").path("/discounts"), SUMMER, stranger.bearer()), 201);
    }

    @Test
    void refusesInvalidDiscountsAsProblemDetails() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "baddiscounts");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"bogo\"}", "kind", "unknown_kind");
        invalid(shop, owner, "{\"name\":\"X\"}", "kind", "required");
        invalid(shop, owner, "{\"kind\":\"free_shipping\"}", "name", "required");
        for (String bad : List.of("\"100.5\"", "\"0\"", "\"-1\"", "\"10.00001\"", "\"abc\"")) {
            invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"percentage\",\"percentage\":" + bad + "}", "percentage",
                    "invalid_percentage");
        }
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"percentage\"}", "percentage", "required");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"fixed_amount\",\"amount\":{\"amount\":500,\"currency\":\"USD\"}}",
                "amount.currency", "currency_mismatch");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"fixed_amount\",\"amount\":{\"amount\":0,\"currency\":\"EUR\"}}",
                "amount.amount", "must_be_positive");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"free_shipping\",\"percentage\":\"5\"}", "percentage", "not_allowed");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"free_shipping\",\"minimum_subtotal\":{\"amount\":1,\"currency\":\"GBP\"}}",
                "minimum_subtotal.currency", "currency_mismatch");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"free_shipping\",\"starts_at\":\"2026-06-01T00:00:00Z\","
                + "\"ends_at\":\"2026-06-01T00:00:00Z\"}", "ends_at", "must_be_after_starts_at");
        for (String code : List.of("ab", "SUMMER 10", "ÉTÉ10", "a-b!")) {
            invalid(shop, owner, "{\"code\":\"" + code + "\",\"name\":\"X\",\"kind\":\"free_shipping\"}", "code", "invalid_code");
        }
        invalid(shop, owner, "{\"code\":\"" + "a".repeat(41) + "\",\"name\":\"X\",\"kind\":\"free_shipping\"}", "code",
                "invalid_length");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"free_shipping\",\"targets\":\"products\"}", "target_ids", "required");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"free_shipping\",\"targets\":\"variants\"}", "targets", "unknown_targets");
        invalid(shop, owner, "{\"name\":\"X\",\"kind\":\"free_shipping\",\"usage_limit\":0}", "usage_limit", "must_be_positive");
        JsonNode missing = problem(api.call("POST", shop.path("/discounts"), "{\"name\":\"X\",\"kind\":\"percentage\","
                + "\"percentage\":\"5\",\"targets\":\"products\",\"target_ids\":[\"" + UUID.randomUUID() + "\"]}",
                owner.bearer()), 422, "discount_target_not_found");
        assertThat(missing.get("missing")).hasSize(1);
        problem(api.call("POST", shop.path("/discounts"), "{\"name\":\"X\",\"kind\":\"free_shipping\",\"colour\":\"red\"}",
                owner.bearer()), 400, "unknown_field");
        assertThat(api.ok(api.call("GET", shop.path("/discounts"), null, owner.bearer()), 200).get("data")).isEmpty();
    }

    @Test
    void targetsExistingProductsAndAnyCollectionIds() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "targets");
        String product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Shirt","status":"active","variants":[{"price":{"amount":100,"currency":"EUR"}}]}""",
                owner.bearer()), 201).get("id").asString();
        JsonNode discount = api.ok(api.call("POST", shop.path("/discounts"), "{\"name\":\"Shirts\",\"kind\":\"percentage\","
                + "\"percentage\":\"5\",\"targets\":\"products\",\"target_ids\":[\"" + product + "\",\"" + product + "\"]}",
                owner.bearer()), 201);
        assertThat(discount.get("target_ids").toString()).isEqualTo("[\"" + product + "\"]");
        String collection = UUID.randomUUID().toString();
        JsonNode changed = api.ok(api.call("PATCH", shop.path("/discounts/" + discount.get("id").asString()),
                "{\"targets\":\"collections\",\"target_ids\":[\"" + collection + "\"]}", owner.bearer()), 200);
        assertThat(changed.get("target_ids").toString()).isEqualTo("[\"" + collection + "\"]");
        JsonNode all = api.ok(api.call("PATCH", shop.path("/discounts/" + discount.get("id").asString()),
                "{\"targets\":\"all\"}", owner.bearer()), 200);
        assertThat(all.get("target_ids")).isEmpty();
    }

    @Test
    void viewersReadButDoNotWriteAndOtherShopsIdsAreNotFound() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "discountaccess");
        Person viewer = api.person("viewer");
        api.addMember(owner, shop, viewer, "viewer");
        String id = api.ok(api.call("POST", shop.path("/discounts"), SUMMER, owner.bearer()), 201).get("id").asString();

        api.ok(api.call("GET", shop.path("/discounts/" + id), null, viewer.bearer()), 200);
        api.ok(api.call("GET", shop.path("/discounts"), null, viewer.bearer()), 200);
        problem(api.call("POST", shop.path("/discounts"), "{\"name\":\"Mine\",\"kind\":\"free_shipping\"}", viewer.bearer()),
                403, "permission_denied");
        problem(api.call("PATCH", shop.path("/discounts/" + id), "{\"name\":\"Mine\"}", viewer.bearer()), 403, "permission_denied");
        problem(api.call("DELETE", shop.path("/discounts/" + id), null, viewer.bearer()), 403, "permission_denied");

        Person other = api.person("other");
        Shop otherShop = api.createShop(other, "otherdiscounts");
        problem(api.call("GET", otherShop.path("/discounts/" + id), null, other.bearer()), 404, "discount_not_found");
        problem(api.call("PATCH", otherShop.path("/discounts/" + id), "{\"name\":\"Theirs\"}", other.bearer()), 404,
                "discount_not_found");
        problem(api.call("DELETE", otherShop.path("/discounts/" + id), null, other.bearer()), 404, "discount_not_found");
        assertThat(api.ok(api.call("GET", otherShop.path("/discounts?code=summer-10"), null, other.bearer()), 200).get("data"))
                .isEmpty();
        assertThat(api.ok(api.call("GET", shop.path("/discounts/" + id), null, owner.bearer()), 200).get("name").asString())
                .isEqualTo("Summer sale");
    }

    private void invalid(Shop shop, Person owner, String body, String field, String code) {
        assertViolation(api.call("POST", shop.path("/discounts"), body, owner.bearer()), field, code);
    }
}
