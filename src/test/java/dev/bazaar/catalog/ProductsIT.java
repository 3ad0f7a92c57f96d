package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.QueryCounter;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Products with variants and media through the HTTP API: staff writes, storefront reads, validation, concurrency. */
@IntegrationTest
class ProductsIT extends TenancyHttpTest {

    private static final String TEE = """
            {"title":"Organic Tee","status":"draft","vendor":"Acme","product_type":"Shirt","tags":["Summer","cotton"],
             "description_html":"<p>Soft</p>","option_names":["Size","Colour"],
             "variants":[{"option_values":["M","Red"],"sku":"TEE-M-RED","price":{"amount":1999,"currency":"EUR"}},
                         {"option_values":["L","Red"],"sku":"TEE-L-RED","price":{"amount":2199,"currency":"EUR"},
                          "compare_at_price":{"amount":2500,"currency":"EUR"},"weight_grams":180}],
             "media":[{"url":"https://cdn.example.com/tee.jpg","alt":"A tee"}]}""";

    private JsonNode create(Person staff, Shop shop, String body) {
        return api.ok(api.call("POST", shop.path("/products"), body, staff.bearer()), 201);
    }

    private static String simple(String title, @Nullable String handle, String status, long price, String extra) {
        return """
                {"title":"%s",%s"status":"%s","variants":[{"price":{"amount":%d,"currency":"EUR"}}]%s}"""
                .formatted(title, handle == null ? "" : "\"handle\":\"" + handle + "\",", status, price, extra);
    }

    @Test
    void staffCreateADraftThatTheStorefrontSeesOnlyOnceActive() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "tees");
        JsonNode tee = create(owner, shop, TEE);
        assertThat(tee.get("handle").asString()).isEqualTo("organic-tee");
        assertThat(tee.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("summer", "cotton");
        assertThat(tee.get("options").get(0).get("name").asString()).isEqualTo("Size");
        assertThat(tee.get("options").get(0).get("values").valueStream().map(JsonNode::asString).toList()).containsExactly("M", "L");
        assertThat(tee.get("variants").get(0).get("title").asString()).isEqualTo("M / Red");
        assertThat(tee.get("variants").get(1).get("compare_at_price").get("amount").asLong()).isEqualTo(2500);
        assertThat(tee.get("price_range").get("min").get("amount").asLong()).isEqualTo(1999);
        assertThat(tee.get("price_range").get("max").get("amount").asLong()).isEqualTo(2199);
        assertThat(tee.get("media").get(0).get("alt").asString()).isEqualTo("A tee");

        assertThat(api.call("GET", shop.path("/products/organic-tee"), null, null).statusCode()).as("a draft is unknown to the public").isEqualTo(404);
        assertThat(api.call("GET", shop.path("/products/" + tee.get("id").asString()), null, null).statusCode()).isEqualTo(404);
        assertThat(api.ok(api.call("GET", shop.path("/products"), null, null), 200).get("data").size()).isZero();
        assertThat(api.ok(api.call("GET", shop.path("/products/organic-tee"), null, owner.bearer()), 200).get("status").asString())
                .isEqualTo("draft");

        HttpResponse<String> read = api.call("GET", shop.path("/products/organic-tee"), null, owner.bearer());
        String etag = read.headers().firstValue("ETag").orElseThrow();
        api.ok(api.call("PATCH", shop.path("/products/organic-tee"), "{\"status\":\"active\"}", owner.bearer(), "If-Match", etag), 200);
        assertThat(api.call("PATCH", shop.path("/products/organic-tee"), "{\"title\":\"Stale\"}", owner.bearer(), "If-Match", etag)
                .statusCode()).isEqualTo(412);

        HttpResponse<String> storefront = api.call("GET", shop.path("/products/organic-tee"), null, null);
        assertThat(storefront.statusCode()).isEqualTo(200);
        assertThat(storefront.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("public", "no-cache"));
        String publicTag = storefront.headers().firstValue("ETag").orElseThrow();
        assertThat(api.call("GET", shop.path("/products/organic-tee"), null, null, "If-None-Match", publicTag).statusCode()).isEqualTo(304);
        assertThat(api.call("GET", shop.path("/products/organic-tee"), null, owner.bearer()).headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("private"));

        HttpResponse<String> list = api.call("GET", shop.path("/products"), null, null);
        assertThat(IdentityClient.read(list).get("data").get(0).get("handle").asString()).isEqualTo("organic-tee");
        String listTag = list.headers().firstValue("ETag").orElseThrow();
        assertThat(api.call("GET", shop.path("/products"), null, null, "If-None-Match", listTag).statusCode()).isEqualTo(304);
        api.ok(api.call("PATCH", shop.path("/products/organic-tee"), "{\"title\":\"Organic Tee 2\"}", owner.bearer()), 200);
        assertThat(api.call("GET", shop.path("/products"), null, null, "If-None-Match", listTag).statusCode())
                .as("a change makes a new list tag").isEqualTo(200);

        assertThat(api.ok(api.call("GET", shop.path("/audit-events"), null, owner.bearer()), 200).get("data")
                .valueStream().map(e -> e.get("action").asString()).toList()).contains("product.created", "product.updated");
    }

    @Test
    void handlesComeFromTitlesAndStayUniqueInTheShop() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "handles");
        assertThat(create(owner, shop, simple("Café Crème", null, "active", 500, "")).get("handle").asString()).isEqualTo("cafe-creme");
        assertThat(create(owner, shop, simple("Café  Crème!", null, "active", 500, "")).get("handle").asString()).isEqualTo("cafe-creme-2");
        HttpResponse<String> taken = api.call("POST", shop.path("/products"), simple("Other", "cafe-creme", "active", 500, ""), owner.bearer());
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(IdentityClient.read(taken).get("code").asString()).isEqualTo("product_handle_taken");
        assertThat(api.call("POST", shop.path("/products"), simple("Other", "Not A Slug", "active", 500, ""), owner.bearer())
                .statusCode()).isEqualTo(400);

        // Another shop may use the same handle.
        Shop other = api.createShop(owner, "handles-other");
        assertThat(create(owner, other, simple("Café Crème", null, "active", 500, "")).get("handle").asString()).isEqualTo("cafe-creme");
    }

    @Test
    void badProductsAreRefusedWithClearProblemsAndNothingIsWritten() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "invalid");
        create(owner, shop, TEE);
        assertProblem(api.call("POST", shop.path("/products"), TEE.replace("Organic Tee", "Copy").replace("TEE-L-RED", "OTHER"),
                owner.bearer()), 409, "sku_taken", null);
        assertProblem(api.call("POST", shop.path("/products"), simple("X", null, "active", 500, "").replace("}]", ",\"option_values\":[\"M\"]}]"),
                owner.bearer()), 400, "validation_failed", "variants[0].option_values");
        assertProblem(api.call("POST", shop.path("/products"), TEE.replace("\"L\",\"Red\"", "\"M\",\"Red\"").replace("TEE-", "X-"),
                owner.bearer()), 409, "variant_options_taken", null);
        assertProblem(api.call("POST", shop.path("/products"), simple("X", null, "active", 500, "").replace("EUR", "USD"),
                owner.bearer()), 400, "validation_failed", "variants[0].price.currency");
        assertProblem(api.call("POST", shop.path("/products"), simple("X", null, "active", -1, ""), owner.bearer()),
                400, "validation_failed", "variants[0].price.amount");
        assertProblem(api.call("POST", shop.path("/products"), "{\"title\":\"X\",\"variants\":[]}", owner.bearer()),
                400, "validation_failed", "variants");
        assertProblem(api.call("POST", shop.path("/products"), simple("X", null, "sold", 500, ""), owner.bearer()),
                400, "validation_failed", "status");
        assertProblem(api.call("POST", shop.path("/products"), simple("X", null, "active", 500, ",\"colour\":\"red\""), owner.bearer()),
                400, "unknown_field", "colour");
        assertThat(api.ok(api.call("GET", shop.path("/products"), null, owner.bearer()), 200).get("data").size())
                .as("only the first product exists").isEqualTo(1);
    }

    @Test
    void descriptionsAreSanitisedBeforeTheyAreStored() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "html");
        String html = "<h2>Hi</h2><p onclick=\\\"steal()\\\">Soft<script>alert(1)</script> "
                + "<a href=\\\"javascript:alert(1)\\\">bad</a> <a href=\\\"https://example.com\\\">good</a><img src=x onerror=alert(1)></p>";
        JsonNode product = create(owner, shop, simple("Html", null, "active", 100, ",\"description_html\":\"" + html + "\""));
        String stored = product.get("description_html").asString();
        assertThat(stored).contains("<h2>Hi</h2>", "Soft", "<a href=\"https://example.com\" rel=\"nofollow noopener\">good</a>")
                .doesNotContain("script", "onclick", "javascript", "onerror", "<img");
    }

    @Test
    void variantsChangeThroughTheProductsETagAndTheLastOneStays() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "variants");
        JsonNode tee = create(owner, shop, TEE);
        String path = shop.path("/products/" + tee.get("id").asString());
        String etag = api.call("GET", path, null, owner.bearer()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> added = api.call("POST", path + "/variants",
                "{\"option_values\":[\"S\",\"Blue\"],\"sku\":\"TEE-S-BLUE\",\"price\":{\"amount\":1599,\"currency\":\"EUR\"}}",
                owner.bearer(), "If-Match", etag);
        JsonNode afterAdd = api.ok(added, 201);
        assertThat(afterAdd.get("variants").size()).isEqualTo(3);
        assertThat(afterAdd.get("price_range").get("min").get("amount").asLong()).isEqualTo(1599);
        assertThat(added.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
        assertThat(api.call("POST", path + "/variants", "{\"option_values\":[\"XL\",\"Red\"],\"price\":{\"amount\":1,\"currency\":\"EUR\"}}",
                owner.bearer(), "If-Match", etag).statusCode()).as("stale product ETag").isEqualTo(412);
        assertThat(IdentityClient.read(api.call("GET", path, null, owner.bearer())).get("variants").size())
                .as("the refused variant was not written").isEqualTo(3);

        String blue = afterAdd.get("variants").valueStream().filter(v -> v.get("sku").asString().equals("TEE-S-BLUE"))
                .findFirst().orElseThrow().get("id").asString();
        JsonNode afterUpdate = api.ok(api.call("PATCH", path + "/variants/" + blue, "{\"price\":{\"amount\":2999,\"currency\":\"EUR\"}}",
                owner.bearer()), 200);
        assertThat(afterUpdate.get("price_range").get("min").get("amount").asLong()).isEqualTo(1999);
        assertThat(afterUpdate.get("price_range").get("max").get("amount").asLong()).isEqualTo(2999);

        List<String> ids = afterUpdate.get("variants").valueStream().map(v -> v.get("id").asString()).toList();
        assertThat(api.call("DELETE", path + "/variants/" + ids.get(0), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.call("DELETE", path + "/variants/" + ids.get(1), null, owner.bearer()).statusCode()).isEqualTo(204);
        HttpResponse<String> last = api.call("DELETE", path + "/variants/" + ids.get(2), null, owner.bearer());
        assertProblem(last, 422, "last_variant", null);
        assertThat(api.call("DELETE", path + "/variants/" + UUID.randomUUID(), null, owner.bearer()).statusCode()).isEqualTo(404);

        assertThat(api.call("DELETE", path, null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.call("GET", path, null, owner.bearer()).statusCode()).isEqualTo(404);
    }

    @Test
    void listsFilterSortAndPageWithoutGapsOrRepeats() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "list");
        create(owner, shop, simple("Banana", null, "active", 300, ",\"tags\":[\"fruit\"],\"vendor\":\"Farm\""));
        create(owner, shop, simple("apple", null, "active", 100, ",\"tags\":[\"fruit\"],\"vendor\":\"Farm\""));
        create(owner, shop, simple("Carrot", null, "active", 200, ",\"tags\":[\"vegetable\"],\"product_type\":\"Root\""));
        create(owner, shop, simple("Durian", null, "draft", 900, ",\"tags\":[\"fruit\"]"));
        create(owner, shop, simple("Eggplant", null, "archived", 400, ""));

        assertThat(titles(shop, "?sort=title", null)).containsExactly("apple", "Banana", "Carrot");
        assertThat(titles(shop, "?sort=-price", null)).containsExactly("Banana", "Carrot", "apple");
        assertThat(titles(shop, "?tag=fruit", null)).containsExactlyInAnyOrder("apple", "Banana");
        assertThat(titles(shop, "?tag=fruit", owner)).containsExactlyInAnyOrder("apple", "Banana", "Durian");
        assertThat(titles(shop, "?vendor=Farm&price_max=150", null)).containsExactly("apple");
        assertThat(titles(shop, "?product_type=Root", null)).containsExactly("Carrot");
        assertThat(titles(shop, "?status=draft&status=archived&sort=title", owner)).containsExactly("Durian", "Eggplant");

        // Pages of two, in each order, put together are the whole list once.
        for (String sort : List.of("title", "-title", "price", "-price", "created_at", "-created_at")) {
            List<String> all = new java.util.ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = api.ok(api.call("GET", shop.path("/products?limit=2&sort=" + sort + (cursor == null ? "" : "&after=" + cursor)),
                        null, owner.bearer()), 200);
                page.get("data").forEach(p -> all.add(p.get("title").asString()));
                cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asString() : null;
            } while (cursor != null);
            assertThat(all).as(sort).hasSize(5).doesNotHaveDuplicates();
        }

        assertProblem(api.call("GET", shop.path("/products?status=draft"), null, null), 400, "validation_failed", "status");
        assertProblem(api.call("GET", shop.path("/products?sort=popularity"), null, null), 400, "validation_failed", "sort");
        assertProblem(api.call("GET", shop.path("/products?after=bm9wZQ"), null, null), 400, "validation_failed", "after");
    }

    @Test
    void aPageCostsTheSameQueriesForOneProductAsForTwenty() {
        Person owner = api.person("owner");
        Shop one = api.createShop(owner, "one");
        Shop many = api.createShop(owner, "many");
        api.choosePlan(owner, many, "basic");
        create(owner, one, TEE.replace("\"draft\"", "\"active\""));
        for (int i = 0; i < 20; i++) {
            create(owner, many, TEE.replace("\"draft\"", "\"active\"").replace("Organic Tee", "Tee " + i).replace("TEE-", "T" + i + "-"));
        }
        int forOne = statements(one.path("/products"));
        int forTwenty = statements(many.path("/products"));
        assertThat(forOne).isPositive();
        assertThat(forTwenty).as("N+1-free: the same statements for 20 products as for 1").isEqualTo(forOne);
        assertThat(statements(many.path("/products/tee-3"))).isEqualTo(forOne);
    }

    @Test
    void theShopsPlanLimitsItsProducts() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "limit");
        Person admin = api.administrator();
        String plan = "tiny-" + UUID.randomUUID().toString().substring(0, 8);
        api.ok(api.call("POST", "/api/v1/admin/plans", """
                {"key":"%s","name":"Tiny","limits":{"api_rate":50,"api_burst":100,"staff_seats":3,"products":2,
                 "storage_bytes":0,"webhook_endpoints":0,"api_keys":1},"is_public":false}""".formatted(plan), admin.bearer()), 201);
        api.ok(api.call("PUT", "/api/v1/admin/shops/" + shop.id() + "/subscription", "{\"plan\":\"" + plan + "\"}", admin.bearer()), 200);
        create(owner, shop, simple("One", null, "active", 1, ""));
        create(owner, shop, simple("Two", null, "active", 1, ""));
        HttpResponse<String> third = api.call("POST", shop.path("/products"), simple("Three", null, "active", 1, ""), owner.bearer());
        assertProblem(third, 403, "plan_limit_reached", null);
        assertThat(IdentityClient.read(third).get("limit").asString()).isEqualTo("products");
        assertThat(api.call("DELETE", shop.path("/products/one"), null, owner.bearer()).statusCode()).isEqualTo(204);
        create(owner, shop, simple("Three", null, "active", 1, ""));
        assertProblem(api.call("POST", shop.path("/products"), simple("Four", null, "active", 1, ""), owner.bearer()),
                403, "plan_limit_reached", null);
    }

    private int statements(String path) {
        String requestId = "count-" + UUID.randomUUID();
        HttpResponse<String> response = api.call("GET", path, null, null, "X-Request-Id", requestId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return QueryCounter.statementsOf(requestId);
    }

    private List<String> titles(Shop shop, String query, @Nullable Person caller) {
        return api.ok(api.call("GET", shop.path("/products" + query), null, caller == null ? null : caller.bearer()), 200)
                .get("data").valueStream().map(p -> p.get("title").asString()).toList();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, @Nullable String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = IdentityClient.read(response);
        assertThat(problem.get("code").asString()).as(response.body()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList()).as(response.body()).contains(field);
        }
    }
}
