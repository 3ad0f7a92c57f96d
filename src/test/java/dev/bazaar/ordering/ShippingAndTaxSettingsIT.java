package dev.bazaar.ordering;

import static dev.bazaar.ordering.Problems.assertViolation;
import static dev.bazaar.ordering.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.ordering.domain.ShippingRates;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.QueryCounter;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Shipping zones with their rates, tax rates and the checkout settings, through the HTTP API. */
@IntegrationTest
class ShippingAndTaxSettingsIT extends TenancyHttpTest {

    @Autowired
    ShippingZoneService zones;

    @Autowired
    TaxRateService taxRates;

    @Autowired
    TenantScope tenantScope;

    private static final String ZONE = """
            {"name":"North America","countries":[{"code":"ca"},{"code":"US","regions":["us-ca","US-OR"]}],
             "rates":[{"name":"Standard","kind":"flat","price":{"amount":900,"currency":"EUR"},
                       "free_above":{"amount":5000,"currency":"EUR"}},
                      {"name":"Heavy","kind":"weight","price":{"amount":2500,"currency":"EUR"},"min":5000,"max":30000}]}""";

    @Test
    void createsListsUpdatesAndDeletesShippingZones() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "zones");
        HttpResponse<String> created = api.call("POST", shop.path("/shipping-zones"), ZONE, owner.bearer());
        JsonNode zone = api.ok(created, 201);
        String id = zone.get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/shops/" + shop.handle() + "/shipping-zones/" + id);
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");
        assertThat(zone.get("countries").toString())
                .isEqualTo("[{\"code\":\"CA\",\"regions\":[]},{\"code\":\"US\",\"regions\":[\"US-CA\",\"US-OR\"]}]");
        assertThat(zone.get("rates").get(0).get("kind").asString()).isEqualTo("flat");
        assertThat(zone.get("rates").get(0).get("free_above").get("amount").asLong()).isEqualTo(5000);
        assertThat(zone.get("rates").get(1).get("min").asLong()).isEqualTo(5000);
        assertThat(zone.get("rates").get(1).get("max").asLong()).isEqualTo(30000);

        JsonNode list = api.ok(api.call("GET", shop.path("/shipping-zones"), null, owner.bearer()), 200);
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(id);

        HttpResponse<String> updated = api.call("PATCH", shop.path("/shipping-zones/" + id), """
                {"name":"US West","countries":[{"code":"US","regions":["US-WA"]}],
                 "rates":[{"name":"By subtotal","kind":"subtotal","price":{"amount":700,"currency":"EUR"},"min":0,"max":10000}]}""",
                owner.bearer(), "If-Match", "\"0\"");
        JsonNode after = api.ok(updated, 200);
        assertThat(updated.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(after.get("name").asString()).isEqualTo("US West");
        assertThat(after.get("countries").toString()).isEqualTo("[{\"code\":\"US\",\"regions\":[\"US-WA\"]}]");
        assertThat(after.get("rates")).hasSize(1);

        // What checkout will read: the region's zone and its rates.
        List<ShippingRates.Zone> rules = tenantScope.call(UUID.fromString(shop.id()), zones::rules);
        assertThat(ShippingRates.offered(rules, "US", "US-WA", 9999, 0)).extracting(ShippingRates.Offer::price).containsExactly(700L);
        assertThat(ShippingRates.offered(rules, "US", "US-CA", 9999, 0)).isEmpty();

        api.ok(api.call("DELETE", shop.path("/shipping-zones/" + id), null, owner.bearer(), "If-Match", "\"0\""), 412);
        assertThat(api.call("DELETE", shop.path("/shipping-zones/" + id), null, owner.bearer(), "If-Match", "\"1\"").statusCode())
                .isEqualTo(204);
        problem(api.call("GET", shop.path("/shipping-zones/" + id), null, owner.bearer()), 404, "shipping_zone_not_found");
    }

    @Test
    void refusesInvalidZonesAsProblemDetails() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "badzones");
        invalid(shop, owner, "{\"name\":\"X\",\"countries\":[{\"code\":\"XX\"}]}", "countries[0].code", "unknown_country");
        invalid(shop, owner, "{\"name\":\"X\",\"countries\":[{\"code\":\"US\",\"regions\":[\"DE-BY\"]}]}",
                "countries[0].regions[0]", "unknown_region");
        invalid(shop, owner, "{\"name\":\"X\",\"countries\":[{\"code\":\"DE\"},{\"code\":\"de\"}]}", "countries[1].code", "duplicate");
        invalid(shop, owner, rate("\"kind\":\"weight\",\"price\":{\"amount\":100,\"currency\":\"EUR\"},\"min\":500,\"max\":500"),
                "rates[0].max", "must_exceed_min");
        invalid(shop, owner, rate("\"kind\":\"flat\",\"price\":{\"amount\":-1,\"currency\":\"EUR\"}"),
                "rates[0].price.amount", "must_not_be_negative");
        invalid(shop, owner, rate("\"kind\":\"flat\",\"price\":{\"amount\":100,\"currency\":\"USD\"}"),
                "rates[0].price.currency", "currency_mismatch");
        invalid(shop, owner, rate("\"kind\":\"flat\",\"price\":{\"amount\":100,\"currency\":\"EUR\"},"
                + "\"free_above\":{\"amount\":100,\"currency\":\"GBP\"}"), "rates[0].free_above.currency", "currency_mismatch");
        invalid(shop, owner, rate("\"kind\":\"manual\",\"price\":{\"amount\":100,\"currency\":\"EUR\"}"), "rates[0].kind", "unknown_kind");
        problem(api.call("POST", shop.path("/shipping-zones"), "{\"name\":\"X\",\"colour\":\"red\"}", owner.bearer()), 400, "unknown_field");
        assertThat(api.ok(api.call("GET", shop.path("/shipping-zones"), null, owner.bearer()), 200).get("data")).isEmpty();
    }

    @Test
    void aCountryOrRegionBelongsToOneZoneOnly() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "overlap");
        api.ok(api.call("POST", shop.path("/shipping-zones"), ZONE, owner.bearer()), 201);
        JsonNode taken = problem(api.call("POST", shop.path("/shipping-zones"),
                "{\"name\":\"Again\",\"countries\":[{\"code\":\"FR\"},{\"code\":\"US\",\"regions\":[\"US-CA\"]}]}", owner.bearer()),
                409, "shipping_area_taken");
        assertThat(taken.get("taken").toString()).isEqualTo("[\"US-CA\"]");
        problem(api.call("POST", shop.path("/shipping-zones"), "{\"name\":\"Canada\",\"countries\":[{\"code\":\"CA\"}]}",
                owner.bearer()), 409, "shipping_area_taken");
        // The whole country is another area than its regions: a zone for the rest of the US may sit beside them.
        api.ok(api.call("POST", shop.path("/shipping-zones"), "{\"name\":\"US\",\"countries\":[{\"code\":\"US\"},{\"code\":\"FR\"}]}",
                owner.bearer()), 201);
        assertThat(api.ok(api.call("GET", shop.path("/shipping-zones"), null, owner.bearer()), 200).get("data")).hasSize(2);
    }

    @Test
    void createsUpdatesAndDeletesTaxRates() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "taxes");
        JsonNode de = api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"VAT\",\"country\":\"de\",\"rate\":\"19\"}",
                owner.bearer()), 201);
        assertThat(de.get("rate").asString()).isEqualTo("19.0000");
        assertThat(de.get("country").asString()).isEqualTo("DE");
        assertThat(de.get("region").isNull()).isTrue();
        JsonNode ca = api.ok(api.call("POST", shop.path("/tax-rates"),
                "{\"name\":\"CA sales tax\",\"country\":\"US\",\"region\":\"US-CA\",\"rate\":\"7.2500\"}", owner.bearer()), 201);
        problem(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"Again\",\"country\":\"DE\",\"rate\":\"7\"}", owner.bearer()),
                409, "tax_rate_taken");
        for (String bad : List.of("\"19.00001\"", "\"-1\"", "\"100.5\"", "\"abc\"", "\"1e2\"")) {
            invalidTax(shop, owner, "{\"name\":\"T\",\"country\":\"FR\",\"rate\":" + bad + "}", "rate", "invalid_rate");
        }
        invalidTax(shop, owner, "{\"name\":\"T\",\"country\":\"ZZ\",\"rate\":\"5\"}", "country", "unknown_country");
        invalidTax(shop, owner, "{\"name\":\"T\",\"country\":\"FR\",\"region\":\"US-CA\",\"rate\":\"5\"}", "region", "unknown_region");

        JsonNode list = api.ok(api.call("GET", shop.path("/tax-rates"), null, owner.bearer()), 200);
        assertThat(list.get("data")).extracting(node -> node.get("country").asString()).containsExactly("DE", "US");

        String id = de.get("id").asString();
        api.ok(api.call("PATCH", shop.path("/tax-rates/" + id), "{\"rate\":\"7\"}", owner.bearer(), "If-Match", "\"5\""), 412);
        JsonNode updated = api.ok(api.call("PATCH", shop.path("/tax-rates/" + id), "{\"rate\":\"7.0\"}", owner.bearer(),
                "If-Match", "\"0\""), 200);
        assertThat(updated.get("rate").asString()).isEqualTo("7.0000");
        assertThat(api.call("DELETE", shop.path("/tax-rates/" + ca.get("id").asString()), null, owner.bearer()).statusCode())
                .isEqualTo(204);
        problem(api.call("GET", shop.path("/tax-rates/" + ca.get("id").asString()), null, owner.bearer()), 404, "tax_rate_not_found");
    }

    @Test
    void checkoutSettingsDefaultToPricesExcludingTax() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "settings");
        HttpResponse<String> initial = api.call("GET", shop.path("/checkout-settings"), null, owner.bearer());
        assertThat(api.ok(initial, 200).toString()).isEqualTo("{\"prices_include_tax\":false,\"tax_shipping\":false}");
        assertThat(initial.headers().firstValue("ETag")).contains("\"0\"");
        HttpResponse<String> changed = api.call("PATCH", shop.path("/checkout-settings"), "{\"prices_include_tax\":true}",
                owner.bearer(), "If-Match", "\"0\"");
        assertThat(api.ok(changed, 200).get("prices_include_tax").asBoolean()).isTrue();
        assertThat(api.ok(changed, 200).get("tax_shipping").asBoolean()).as("absent: unchanged").isFalse();
        assertThat(changed.headers().firstValue("ETag")).contains("\"1\"");
        api.ok(api.call("PATCH", shop.path("/checkout-settings"), "{\"prices_include_tax\":false}", owner.bearer(),
                "If-Match", "\"0\""), 412);
        assertThat(api.ok(api.call("GET", shop.path("/checkout-settings"), null, owner.bearer()), 200)
                .get("prices_include_tax").asBoolean()).isTrue();
    }

    @Test
    void viewersReadButDoNotWriteAndOtherShopsIdsAreNotFound() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "access");
        Person viewer = api.person("viewer");
        api.addMember(owner, shop, viewer, "viewer");
        String zone = api.ok(api.call("POST", shop.path("/shipping-zones"), ZONE, owner.bearer()), 201).get("id").asString();
        String tax = api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"VAT\",\"country\":\"DE\",\"rate\":\"19\"}",
                owner.bearer()), 201).get("id").asString();

        api.ok(api.call("GET", shop.path("/shipping-zones/" + zone), null, viewer.bearer()), 200);
        api.ok(api.call("GET", shop.path("/tax-rates"), null, viewer.bearer()), 200);
        api.ok(api.call("GET", shop.path("/checkout-settings"), null, viewer.bearer()), 200);
        problem(api.call("PATCH", shop.path("/shipping-zones/" + zone), "{\"name\":\"Mine\"}", viewer.bearer()), 403, "permission_denied");
        problem(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"T\",\"country\":\"FR\",\"rate\":\"20\"}", viewer.bearer()),
                403, "permission_denied");
        problem(api.call("PATCH", shop.path("/checkout-settings"), "{\"prices_include_tax\":true}", viewer.bearer()),
                403, "permission_denied");
        assertThat(api.ok(api.call("GET", shop.path("/shipping-zones/" + zone), null, owner.bearer()), 200)
                .get("name").asString()).isEqualTo("North America");

        Person other = api.person("other");
        Shop otherShop = api.createShop(other, "other");
        problem(api.call("GET", otherShop.path("/shipping-zones/" + zone), null, other.bearer()), 404, "shipping_zone_not_found");
        problem(api.call("PATCH", otherShop.path("/shipping-zones/" + zone), "{\"name\":\"Theirs\"}", other.bearer()), 404,
                "shipping_zone_not_found");
        problem(api.call("DELETE", otherShop.path("/tax-rates/" + tax), null, other.bearer()), 404, "tax_rate_not_found");
        // The same countries are free in another shop.
        api.ok(api.call("POST", otherShop.path("/shipping-zones"), ZONE, other.bearer()), 201);
        assertThat(api.ok(api.call("GET", shop.path("/tax-rates/" + tax), null, owner.bearer()), 200).get("rate").asString())
                .isEqualTo("19.0000");
    }

    @Test
    void listingZonesCostsTheSameStatementsForOneAsForThree() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "count");
        api.ok(api.call("POST", shop.path("/shipping-zones"), ZONE, owner.bearer()), 201);
        int forOne = statements(shop, owner, "/shipping-zones");
        assertThat(forOne).as("statements are counted").isPositive();
        for (String country : List.of("FR", "IT")) {
            api.ok(api.call("POST", shop.path("/shipping-zones"), ZONE.replace("\"ca\"", "\"" + country + "\"")
                    .replace("\"us-ca\",\"US-OR\"", "\"US-" + country + "\""), owner.bearer()), 201);
        }
        assertThat(api.ok(api.call("GET", shop.path("/shipping-zones"), null, owner.bearer()), 200).get("data")).hasSize(3);
        assertThat(statements(shop, owner, "/shipping-zones")).as("N+1-free").isEqualTo(forOne);
        api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"VAT\",\"country\":\"DE\",\"rate\":\"19\"}", owner.bearer()), 201);
        int taxForOne = statements(shop, owner, "/tax-rates");
        api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"VAT\",\"country\":\"FR\",\"rate\":\"20\"}", owner.bearer()), 201);
        assertThat(statements(shop, owner, "/tax-rates")).as("N+1-free").isEqualTo(taxForOne);
    }

    @Test
    void aRegionsTaxRateWinsOverItsCountrys() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "taxfor");
        api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"US\",\"country\":\"US\",\"rate\":\"5\"}", owner.bearer()), 201);
        api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"CA\",\"country\":\"US\",\"region\":\"US-CA\","
                + "\"rate\":\"7.25\"}", owner.bearer()), 201);
        UUID tenant = UUID.fromString(shop.id());
        assertThat(tenantScope.call(tenant, () -> taxRates.rateFor("US", "US-CA"))).isEqualByComparingTo(new BigDecimal("7.25"));
        assertThat(tenantScope.call(tenant, () -> taxRates.rateFor("US", "US-NY"))).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(tenantScope.call(tenant, () -> taxRates.rateFor("US", null))).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(tenantScope.call(tenant, () -> taxRates.rateFor("DE", null))).isNull();
    }

    private int statements(Shop shop, Person owner, String path) {
        String requestId = "count-" + UUID.randomUUID();
        api.ok(api.call("GET", shop.path(path), null, owner.bearer(), "X-Request-Id", requestId), 200);
        return QueryCounter.statementsOf(requestId);
    }

    private static String rate(String fields) {
        return "{\"name\":\"X\",\"rates\":[{\"name\":\"R\"," + fields + "}]}";
    }

    private void invalid(Shop shop, Person owner, String body, String field, String code) {
        assertViolation(api.call("POST", shop.path("/shipping-zones"), body, owner.bearer()), field, code);
    }

    private void invalidTax(Shop shop, Person owner, String body, String field, String code) {
        assertViolation(api.call("POST", shop.path("/tax-rates"), body, owner.bearer()), field, code);
    }
}
