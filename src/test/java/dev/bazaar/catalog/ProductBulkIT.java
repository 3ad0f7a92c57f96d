package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST …/products/bulk}: each item applied on its own, with a result per item. */
@IntegrationTest
class ProductBulkIT extends TenancyHttpTest {

    private static String item(String title, String handle, String sku) {
        return """
                {"title":"%s","handle":"%s","status":"active","variants":[{"sku":"%s","price":{"amount":500,"currency":"EUR"}}]}"""
                .formatted(title, handle, sku);
    }

    private List<String> titles(Shop shop, Person owner) {
        return api.ok(api.call("GET", shop.path("/products?sort=title"), null, owner.bearer()), 200).get("data").valueStream()
                .map(product -> product.get("title").asString()).toList();
    }

    @Test
    void itemsAreAppliedOneByOneAndEachGetsItsResult() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "bulk");
        api.ok(api.call("POST", shop.path("/products"), item("Old lamp", "lamp", "LAMP"), owner.bearer()), 201);

        JsonNode outcome = api.ok(api.call("POST", shop.path("/products/bulk"), """
                {"products":[%s, {"handle":"lamp","title":"New lamp","tags":["light"]}, %s, {"handle":"nothing-here"},
                             {"handle":"lamp","variants":[{"price":{"amount":1,"currency":"EUR"}}]}, %s]}"""
                .formatted(item("Chair", "chair", "CHAIR"), item("Copy", "copy", "LAMP"), item("Table", "table", "TABLE")),
                owner.bearer()), 200);
        List<String> statuses = outcome.get("results").valueStream().map(result -> result.get("status").asString()).toList();
        assertThat(statuses).containsExactly("created", "updated", "failed", "failed", "failed", "created");
        assertThat(outcome.get("created").asInt()).isEqualTo(2);
        assertThat(outcome.get("updated").asInt()).isEqualTo(1);
        assertThat(outcome.get("failed").asInt()).isEqualTo(3);
        JsonNode results = outcome.get("results");
        assertThat(results.get(1).get("product").get("tags").get(0).asString()).isEqualTo("light");
        assertThat(results.get(2).get("error").get("code").asString()).isEqualTo("sku_taken");
        assertThat(results.get(2).get("error").get("status").asInt()).isEqualTo(409);
        assertThat(results.get(3).get("error").get("code").asString()).isEqualTo("validation_failed");
        assertThat(results.get(4).get("error").get("errors").get(0).get("code").asString()).isEqualTo("not_on_update");

        assertThat(titles(shop, owner)).as("failed items wrote nothing").containsExactly("Chair", "New lamp", "Table");

        String lampId = results.get(1).get("product").get("id").asString();
        JsonNode byHandle = api.ok(api.call("POST", shop.path("/products/bulk"), "{\"products\":[" + item("Odd", lampId, "ODD") + "]}",
                owner.bearer()), 200);
        assertThat(byHandle.get("results").get(0).get("status").asString()).as("a handle shaped like an id is a handle")
                .isEqualTo("created");
        assertThat(api.ok(api.call("GET", shop.path("/products/" + lampId), null, owner.bearer()), 200).get("title").asString())
                .isEqualTo("New lamp");
        assertThat(api.ok(api.call("GET", shop.path("/products/lamp"), null, owner.bearer()), 200).get("variants").size())
                .isEqualTo(1);
    }

    @Test
    void malformedRequestsAndOutsidersWriteNothing() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "bulk-refused");
        Person viewer = api.person("viewer");
        api.addMember(owner, shop, viewer, "viewer");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> item("P" + i, "p" + i, "S" + i)).collect(Collectors.joining(","));
        HttpResponse<String> big = api.call("POST", shop.path("/products/bulk"), "{\"products\":[" + tooMany + "]}", owner.bearer());
        assertThat(big.statusCode()).isEqualTo(400);
        HttpResponse<String> shape = api.call("POST", shop.path("/products/bulk"),
                "{\"products\":[" + item("Fine", "fine", "F") + ",{\"title\":\"" + "x".repeat(300) + "\"}]}", owner.bearer());
        assertThat(shape.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(shape).get("errors").get(0).get("field").asString()).isEqualTo("products[1].title");
        assertThat(api.call("POST", shop.path("/products/bulk"), "{\"products\":[" + item("V", "v", "V") + "]}", viewer.bearer())
                .statusCode()).isEqualTo(403);
        assertThat(api.call("POST", shop.path("/products/bulk"), "{\"products\":[" + item("A", "a", "A") + "]}", null)
                .statusCode()).isEqualTo(401);
        assertThat(titles(shop, owner)).isEmpty();
    }

    @Test
    void aRetriedRequestWithTheSameKeyIsAppliedOnce() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "bulk-retry");
        String body = "{\"products\":[" + item("Once", "once", "ONCE") + "]}";
        HttpResponse<String> first = api.call("POST", shop.path("/products/bulk"), body, owner.bearer(), "Idempotency-Key", "bulk-1");
        HttpResponse<String> again = api.call("POST", shop.path("/products/bulk"), body, owner.bearer(), "Idempotency-Key", "bulk-1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(titles(shop, owner)).containsExactly("Once");
    }
}
