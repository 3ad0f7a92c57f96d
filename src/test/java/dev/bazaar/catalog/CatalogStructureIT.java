package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.QueryCounter;
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
import tools.jackson.databind.JsonNode;

/** Attributes, the category tree and collections, and the product list's filters and facets over them. */
@IntegrationTest
class CatalogStructureIT extends TenancyHttpTest {

    private JsonNode post(Person staff, Shop shop, String path, String body) {
        return api.ok(api.call("POST", shop.path(path), body, staff.bearer()), 201);
    }

    private String category(Person staff, Shop shop, String name, @Nullable String parent, @Nullable Integer position) {
        return post(staff, shop, "/categories", "{\"name\":\"%s\"%s%s}".formatted(name,
                parent == null ? "" : ",\"parent_id\":\"" + parent + "\"", position == null ? "" : ",\"position\":" + position))
                .get("id").asString();
    }

    /** The tree as "name@position[children]" for compact assertions. */
    private String tree(Shop shop) {
        return render(api.ok(api.call("GET", shop.path("/categories"), null, null), 200).get("data"));
    }

    private static String render(JsonNode nodes) {
        List<String> parts = new ArrayList<>();
        for (JsonNode node : nodes) {
            String children = node.get("children").isEmpty() ? "" : "[" + render(node.get("children")) + "]";
            parts.add(node.get("name").asString() + "@" + node.get("position").asInt() + children);
        }
        return String.join(" ", parts);
    }

    private HttpResponse<String> move(Person staff, Shop shop, String category, String body) {
        return api.call("PATCH", shop.path("/categories/" + category), body, staff.bearer());
    }

    @Test
    void categoriesMoveAndReorderWithoutGapsOrCycles() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "tree");
        String clothing = category(owner, shop, "Clothing", null, null);
        String shoes = category(owner, shop, "Shoes", null, null);
        String accessories = category(owner, shop, "Accessories", null, null);
        String shirts = category(owner, shop, "Shirts", clothing, null);
        String tees = category(owner, shop, "Tees", shirts, null);
        category(owner, shop, "Hats", null, 0);
        assertThat(tree(shop)).isEqualTo("Hats@0 Clothing@1[Shirts@0[Tees@0]] Shoes@2 Accessories@3");

        api.ok(move(owner, shop, accessories, "{\"position\":0}"), 200);
        assertThat(tree(shop)).isEqualTo("Accessories@0 Hats@1 Clothing@2[Shirts@0[Tees@0]] Shoes@3");
        api.ok(move(owner, shop, shoes, "{\"position\":99}"), 200);
        assertThat(tree(shop)).as("beyond the end is the end").isEqualTo("Accessories@0 Hats@1 Clothing@2[Shirts@0[Tees@0]] Shoes@3");
        api.ok(move(owner, shop, shirts, "{\"parent_id\":\"\",\"position\":1}"), 200);
        assertThat(tree(shop)).isEqualTo("Accessories@0 Shirts@1[Tees@0] Hats@2 Clothing@3 Shoes@4");
        api.ok(move(owner, shop, clothing, "{\"parent_id\":\"" + tees + "\"}"), 200);
        assertThat(tree(shop)).isEqualTo("Accessories@0 Shirts@1[Tees@0[Clothing@0]] Hats@2 Shoes@3");

        assertProblem(move(owner, shop, shirts, "{\"parent_id\":\"" + clothing + "\"}"), 422, "category_cycle");
        assertProblem(move(owner, shop, shirts, "{\"parent_id\":\"" + shirts + "\"}"), 422, "category_cycle");
        assertProblem(move(owner, shop, shirts, "{\"position\":-1}"), 400, "validation_failed");
        assertProblem(api.call("DELETE", shop.path("/categories/" + shirts), null, owner.bearer()), 409, "category_not_empty");
        assertThat(tree(shop)).as("refused moves change nothing").isEqualTo("Accessories@0 Shirts@1[Tees@0[Clothing@0]] Hats@2 Shoes@3");

        JsonNode detail = api.ok(api.call("GET", shop.path("/categories/clothing"), null, null), 200);
        assertThat(detail.get("path").valueStream().map(step -> step.get("handle").asString()).toList())
                .containsExactly("shirts", "tees", "clothing");
        api.ok(move(owner, shop, clothing, "{\"parent_id\":\"\"}"), 200);
        assertThat(api.call("DELETE", shop.path("/categories/" + tees), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.call("DELETE", shop.path("/categories/accessories"), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(tree(shop)).isEqualTo("Shirts@0 Hats@1 Shoes@2 Clothing@3");
    }

    @Test
    void concurrentMovesKeepSiblingPositionsContiguous() throws Exception {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "race");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(category(owner, shop, "C" + i, null, null));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> moves = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String id = ids.get(i % ids.size());
                int position = (i * 5) % 8;
                moves.add(pool.submit(() -> move(owner, shop, id, "{\"position\":" + position + "}").statusCode()));
            }
            for (Future<Integer> status : moves) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        List<Integer> positions = api.ok(api.call("GET", shop.path("/categories"), null, null), 200).get("data")
                .valueStream().map(node -> node.get("position").asInt()).toList();
        assertThat(positions).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void theTreeIsAtMostTenLevelsDeep() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "deep");
        String parent = null;
        for (int level = 1; level <= 10; level++) {
            parent = category(owner, shop, "L" + level, parent, null);
        }
        assertProblem(api.call("POST", shop.path("/categories"), "{\"name\":\"L11\",\"parent_id\":\"" + parent + "\"}",
                owner.bearer()), 422, "category_too_deep");
    }

    @Test
    void onlyStaffWithProductsWriteChangeTheStructure() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "structure-refused");
        Person viewer = api.person("viewer");
        api.addMember(owner, shop, viewer, "viewer");
        String clothing = category(owner, shop, "Clothing", null, null);
        assertThat(api.call("POST", shop.path("/categories"), "{\"name\":\"X\"}", viewer.bearer()).statusCode()).isEqualTo(403);
        assertThat(api.call("POST", shop.path("/categories"), "{\"name\":\"X\"}", null).statusCode()).isEqualTo(401);
        assertThat(move(viewer, shop, clothing, "{\"name\":\"Renamed\"}").statusCode()).isEqualTo(403);
        assertThat(api.call("POST", shop.path("/collections"), "{\"title\":\"X\",\"kind\":\"manual\"}", viewer.bearer())
                .statusCode()).isEqualTo(403);
        assertThat(api.call("POST", shop.path("/product-attributes"), "{\"handle\":\"x\",\"name\":\"X\",\"type\":\"text\"}",
                viewer.bearer()).statusCode()).isEqualTo(403);
        assertThat(tree(shop)).isEqualTo("Clothing@0");
        assertThat(api.ok(api.call("GET", shop.path("/collections"), null, null), 200).get("data").size()).isZero();
        assertThat(api.ok(api.call("GET", shop.path("/product-attributes"), null, null), 200).get("data").size()).isZero();
    }

    private record Catalog(Person owner, Shop shop, String cotton, String wool, String plain, String clothing, String tees) {}

    private Catalog catalog(String label) {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, label);
        api.choosePlan(owner, shop, "basic");
        post(owner, shop, "/product-attributes", "{\"handle\":\"material\",\"name\":\"Material\",\"type\":\"choice\",\"choices\":[\"cotton\",\"wool\"]}");
        post(owner, shop, "/product-attributes", "{\"handle\":\"weight\",\"name\":\"Weight (kg)\",\"type\":\"number\"}");
        post(owner, shop, "/product-attributes", "{\"handle\":\"organic\",\"name\":\"Organic\",\"type\":\"boolean\"}");
        String clothing = category(owner, shop, "Clothing", null, null);
        String shirts = category(owner, shop, "Shirts", clothing, null);
        String tees = category(owner, shop, "Tees", shirts, null);
        String shoes = category(owner, shop, "Shoes", null, null);
        String cotton = product(owner, shop, "Cotton Tee", "Acme", "summer", 1500,
                "\"attributes\":{\"material\":\"cotton\",\"weight\":1.50,\"organic\":true},\"category_id\":\"" + tees + "\"", true);
        String wool = product(owner, shop, "Wool Boot", "Boots Co", "winter", 5000,
                "\"attributes\":{\"material\":\"wool\",\"weight\":3},\"category_id\":\"" + shoes + "\"", true);
        String plain = product(owner, shop, "Gift Card", "Acme", "gift", 2500, "\"attributes\":{}", false);
        return new Catalog(owner, shop, cotton, wool, plain, clothing, tees);
    }

    private String product(Person owner, Shop shop, String title, String vendor, String tag, long price, String extra,
                           boolean tracked) {
        return post(owner, shop, "/products", """
                {"title":"%s","status":"active","vendor":"%s","tags":["%s"],%s,
                 "variants":[{"price":{"amount":%d,"currency":"EUR"},"track_inventory":%s}]}"""
                .formatted(title, vendor, tag, extra, price, tracked)).get("id").asString();
    }

    private List<String> titles(Shop shop, String query) {
        return api.ok(api.call("GET", shop.path("/products" + query), null, null), 200).get("data").valueStream()
                .map(product -> product.get("title").asString()).sorted().toList();
    }

    @Test
    void productsFilterByCategoryAttributesAndStock() {
        Catalog c = catalog("filters");
        Shop shop = c.shop();
        assertThat(titles(shop, "?category=clothing")).as("subcategories included").containsExactly("Cotton Tee");
        assertThat(titles(shop, "?category=" + c.tees())).containsExactly("Cotton Tee");
        assertThat(titles(shop, "?category=shoes")).containsExactly("Wool Boot");
        assertThat(titles(shop, "?attr.material=cotton")).containsExactly("Cotton Tee");
        assertThat(titles(shop, "?attr.material=cotton,%20wool")).as("one value with a comma, not two values").isEmpty();
        assertThat(titles(shop, "?attr.material=cotton&attr.material=wool")).containsExactly("Cotton Tee", "Wool Boot");
        assertThat(titles(shop, "?attr.weight=1.5")).containsExactly("Cotton Tee");
        assertThat(titles(shop, "?attr.weight=1..2")).containsExactly("Cotton Tee");
        assertThat(titles(shop, "?attr.weight=2..")).containsExactly("Wool Boot");
        assertThat(titles(shop, "?attr.organic=true")).containsExactly("Cotton Tee");
        assertThat(titles(shop, "?attr.organic=true&vendor=Boots%20Co")).isEmpty();
        assertThat(titles(shop, "?in_stock=true")).as("only the untracked product sells without stock").containsExactly("Gift Card");
        assertThat(titles(shop, "?in_stock=false")).containsExactly("Cotton Tee", "Wool Boot");

        String location = post(c.owner(), shop, "/stock-locations", "{\"name\":\"Main\",\"priority\":1}").get("id").asString();
        JsonNode tee = api.ok(api.call("GET", shop.path("/products/" + c.cotton()), null, null), 200);
        String variant = tee.get("variants").get(0).get("id").asString();
        api.ok(api.call("POST", shop.path("/inventory-adjustments"), "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":2,\"reason\":\"count\"}"
                .formatted(variant, location), c.owner().bearer()), 201);
        assertThat(titles(shop, "?in_stock=true")).containsExactly("Cotton Tee", "Gift Card");
        JsonNode reservation = api.ok(api.call("POST", shop.path("/inventory-reservations"),
                "{\"lines\":[{\"variant_id\":\"%s\",\"quantity\":2}]}".formatted(variant), c.owner().bearer()), 201);
        assertThat(titles(shop, "?in_stock=true")).as("reserved units are not for sale").containsExactly("Gift Card");
        api.ok(api.call("POST", shop.path("/inventory-reservations/" + reservation.get("id").asString() + "/release"), null,
                c.owner().bearer()), 200);
        assertThat(titles(shop, "?in_stock=true")).containsExactly("Cotton Tee", "Gift Card");
        api.ok(api.call("PATCH", shop.path("/stock-locations/" + location), "{\"active\":false}", c.owner().bearer()), 200);
        assertThat(titles(shop, "?in_stock=true")).as("an inactive location's stock is not for sale").containsExactly("Gift Card");
        api.ok(api.call("PATCH", shop.path("/stock-locations/" + location), "{\"active\":true}", c.owner().bearer()), 200);
        assertThat(titles(shop, "?in_stock=true")).containsExactly("Cotton Tee", "Gift Card");

        assertProblem(api.call("GET", shop.path("/products?attr.colour=red"), null, null), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?attr.weight=heavy"), null, null), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?attr.weight=1e300000000"), null, null), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?attr.weight=1e-300000000.."), null, null), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?attr.weight=.."), null, null), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?" + "attr.material=cotton&".repeat(51)), null, null),
                400, "validation_failed");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("abc|" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertProblem(api.call("GET", shop.path("/products?after=" + forged), null, null), 400, "validation_failed");
        assertProblem(api.call("PATCH", shop.path("/products/" + c.cotton()), "{\"attributes\":{\"weight\":1e400}}",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?category=nowhere"), null, null), 400, "validation_failed");
    }

    @Test
    void facetsCountCategoriesAndAttributeValuesOfTheFilteredSet() {
        Catalog c = catalog("facets");
        JsonNode facets = api.ok(api.call("GET", c.shop().path("/products?facets=category,attributes"), null, null), 200).get("facets");
        assertThat(facets.get("category").valueStream().map(v -> v.get("value").asString() + "=" + v.get("count").asLong()).toList())
                .containsExactlyInAnyOrder("tees=1", "shoes=1");
        assertThat(facets.get("attribute.material").valueStream().map(v -> v.get("value").asString() + "=" + v.get("count").asLong())
                .toList()).containsExactlyInAnyOrder("cotton=1", "wool=1");
        assertThat(facets.get("attribute.organic").valueStream().map(v -> v.get("value").asString()).toList()).containsExactly("true");
        JsonNode filtered = api.ok(api.call("GET", c.shop().path("/products?vendor=Acme&facets=attribute.material"), null, null),
                200).get("facets");
        assertThat(filtered.get("attribute.material").valueStream().map(v -> v.get("value").asString()).toList()).containsExactly("cotton");
        assertProblem(api.call("GET", c.shop().path("/products?facets=attribute.colour"), null, null), 400, "validation_failed");
    }

    @Test
    void aProductShowsItsAttributesAndCategoryPathAndRefusesBadValues() {
        Catalog c = catalog("details");
        HttpResponse<String> read = api.call("GET", c.shop().path("/products/cotton-tee"), null, null);
        JsonNode tee = IdentityClient.read(read);
        assertThat(tee.get("attributes").get("material").asString()).isEqualTo("cotton");
        assertThat(tee.get("attributes").get("weight").asDouble()).isEqualTo(1.5);
        assertThat(tee.get("attributes").get("organic").asBoolean()).isTrue();
        assertThat(tee.get("category").get("handle").asString()).isEqualTo("tees");
        assertThat(tee.get("category").get("path").valueStream().map(step -> step.get("name").asString()).toList())
                .containsExactly("Clothing", "Shirts", "Tees");

        String etag = read.headers().firstValue("ETag").orElseThrow();
        api.ok(move(c.owner(), c.shop(), c.clothing(), "{\"name\":\"Apparel\"}"), 200);
        assertThat(api.call("GET", c.shop().path("/products/cotton-tee"), null, null, "If-None-Match", etag).statusCode())
                .as("a renamed category in the path changes the product's ETag").isEqualTo(200);

        assertProblem(api.call("PATCH", c.shop().path("/products/cotton-tee"), "{\"attributes\":{\"material\":\"silk\"}}",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("PATCH", c.shop().path("/products/cotton-tee"), "{\"attributes\":{\"weight\":\"heavy\"}}",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("PATCH", c.shop().path("/products/cotton-tee"), "{\"attributes\":{\"colour\":\"red\"}}",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("PATCH", c.shop().path("/products/cotton-tee"), "{\"category_id\":\"" + UUID.randomUUID() + "\"}",
                c.owner().bearer()), 400, "validation_failed");
        JsonNode patched = api.ok(api.call("PATCH", c.shop().path("/products/cotton-tee"),
                "{\"attributes\":{\"organic\":null,\"weight\":2},\"category_id\":\"\"}", c.owner().bearer()), 200);
        assertThat(patched.get("attributes").has("organic")).isFalse();
        assertThat(patched.get("attributes").get("weight").asInt()).isEqualTo(2);
        assertThat(patched.get("attributes").get("material").asString()).as("merged, not replaced").isEqualTo("cotton");
        assertThat(patched.get("category").isNull()).isTrue();

        String material = api.ok(api.call("GET", c.shop().path("/product-attributes"), null, null), 200).get("data")
                .valueStream().filter(a -> a.get("handle").asString().equals("material")).findFirst().orElseThrow().get("id").asString();
        assertThat(api.call("DELETE", c.shop().path("/product-attributes/" + material), null, c.owner().bearer()).statusCode()).isEqualTo(204);
        assertThat(api.ok(api.call("GET", c.shop().path("/products/wool-boot"), null, null), 200).get("attributes").has("material"))
                .as("deleting an attribute removes its values").isFalse();
    }

    @Test
    void manualCollectionsKeepTheirOrderAndAutomaticOnesFollowTheirRules() {
        Catalog c = catalog("collections");
        Shop shop = c.shop();
        post(c.owner(), shop, "/collections", "{\"title\":\"Staff picks\",\"kind\":\"manual\"}");
        api.ok(api.call("PUT", shop.path("/collections/staff-picks/products"),
                "{\"product_ids\":[\"%s\",\"%s\"]}".formatted(c.wool(), c.cotton()), c.owner().bearer()), 200);
        List<String> ordered = api.ok(api.call("GET", shop.path("/products?collection=staff-picks"), null, null), 200).get("data")
                .valueStream().map(p -> p.get("title").asString()).toList();
        assertThat(ordered).as("the collection's order").containsExactly("Wool Boot", "Cotton Tee");
        JsonNode paged = api.ok(api.call("GET", shop.path("/products?collection=staff-picks&limit=1"), null, null), 200);
        assertThat(paged.get("data").get(0).get("title").asString()).isEqualTo("Wool Boot");
        JsonNode second = api.ok(api.call("GET", shop.path("/products?collection=staff-picks&limit=1&after="
                + paged.get("next_cursor").asString()), null, null), 200);
        assertThat(second.get("data").get(0).get("title").asString()).isEqualTo("Cotton Tee");

        Shop other = api.createShop(c.owner(), "collections-other");
        String foreign = product(c.owner(), other, "Foreign", "X", "x", 100, "\"attributes\":{}", false);
        assertProblem(api.call("PUT", shop.path("/collections/staff-picks/products"), "{\"product_ids\":[\"" + foreign + "\"]}",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("PUT", shop.path("/collections/staff-picks/products"),
                "{\"product_ids\":[\"%s\",\"%s\"]}".formatted(c.wool(), c.wool()), c.owner().bearer()), 400, "validation_failed");
        assertThat(titles(shop, "?collection=staff-picks")).as("refused changes change nothing").containsExactly("Cotton Tee", "Wool Boot");

        post(c.owner(), shop, "/collections", """
                {"title":"Acme or heavy","kind":"automatic","match":"any","rules":[
                  {"field":"vendor","relation":"equals","value":"acme"},
                  {"field":"attribute","attribute":"weight","relation":"greater_than","value":"2"}]}""");
        assertThat(titles(shop, "?collection=acme-or-heavy")).containsExactly("Cotton Tee", "Gift Card", "Wool Boot");
        post(c.owner(), shop, "/collections", """
                {"title":"Pricey summer","kind":"automatic","rules":[
                  {"field":"price","relation":"greater_than","value":"1000"},
                  {"field":"tag","relation":"equals","value":"summer"}]}""");
        assertThat(titles(shop, "?collection=pricey-summer")).containsExactly("Cotton Tee");
        api.ok(api.call("PATCH", shop.path("/products/wool-boot"), "{\"tags\":[\"summer\"]}", c.owner().bearer()), 200);
        assertThat(titles(shop, "?collection=pricey-summer")).as("rules are evaluated when read").containsExactly("Cotton Tee", "Wool Boot");

        assertProblem(api.call("PUT", shop.path("/collections/pricey-summer/products"), "{\"product_ids\":[]}",
                c.owner().bearer()), 422, "collection_not_manual");
        assertProblem(api.call("POST", shop.path("/collections"), """
                {"title":"Bad","kind":"automatic","rules":[{"field":"vendor","relation":"greater_than","value":"x"}]}""",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("POST", shop.path("/collections"), """
                {"title":"Bad","kind":"automatic","rules":[{"field":"attribute","attribute":"colour","relation":"equals","value":"x"}]}""",
                c.owner().bearer()), 400, "validation_failed");
        assertProblem(api.call("GET", shop.path("/products?sort=manual"), null, null), 400, "validation_failed");

        api.ok(api.call("PATCH", shop.path("/products/wool-boot"), "{\"status\":\"draft\"}", c.owner().bearer()), 200);
        assertThat(api.ok(api.call("GET", shop.path("/collections/staff-picks"), null, null), 200).get("product_ids")
                .valueStream().map(JsonNode::asString).toList()).as("the public never learns of a draft").containsExactly(c.cotton());
        assertThat(api.ok(api.call("GET", shop.path("/collections/staff-picks"), null, c.owner().bearer()), 200).get("product_ids")
                .valueStream().map(JsonNode::asString).toList()).containsExactly(c.wool(), c.cotton());
    }

    @Test
    void checkoutsOfOverlappingCartsDoNotDeadlockOnTheInStockFlag() throws Exception {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "overlap");
        api.choosePlan(owner, shop, "pro");
        JsonNode product = post(owner, shop, "/products", """
                {"title":"Shirt","status":"active","option_names":["Size"],
                 "variants":[{"option_values":["M"],"price":{"amount":100,"currency":"EUR"}},
                             {"option_values":["L"],"price":{"amount":100,"currency":"EUR"}}]}""");
        String m = product.get("variants").get(0).get("id").asString();
        String l = product.get("variants").get(1).get("id").asString();
        String location = post(owner, shop, "/stock-locations", "{\"name\":\"Main\"}").get("id").asString();
        for (String variant : List.of(m, l)) {
            api.ok(api.call("POST", shop.path("/inventory-adjustments"), "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":1000}"
                    .formatted(variant, location), owner.bearer()), 201);
        }
        String both = "{\"lines\":[{\"variant_id\":\"%s\",\"quantity\":1},{\"variant_id\":\"%s\",\"quantity\":1}]}".formatted(m, l);
        String large = "{\"lines\":[{\"variant_id\":\"%s\",\"quantity\":1}]}".formatted(l);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String body = i % 2 == 0 ? both : large;
                calls.add(pool.submit(() -> api.call("POST", shop.path("/inventory-reservations"), body, owner.bearer())));
            }
            for (Future<HttpResponse<String>> call : calls) {
                assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(201);
            }
        }
    }

    @Test
    void aPageWithCategoryPathsCostsTheSameQueriesForOneProductAsForTwenty() {
        Catalog one = catalog("count-one");
        Catalog many = catalog("count-many");
        for (int i = 0; i < 17; i++) {
            product(many.owner(), many.shop(), "Tee " + i, "Acme", "summer", 1000 + i,
                    "\"category_id\":\"" + many.tees() + "\",\"attributes\":{\"material\":\"cotton\"}", i % 2 == 0);
        }
        int forOne = statements(one.shop().path("/products?category=tees"));
        int forTwenty = statements(many.shop().path("/products?category=clothing"));
        assertThat(forTwenty).as("N+1-free with categories and attributes").isEqualTo(forOne);
    }

    private int statements(String path) {
        String requestId = "count-" + UUID.randomUUID();
        HttpResponse<String> response = api.call("GET", path, null, null, "X-Request-Id", requestId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return QueryCounter.statementsOf(requestId);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(IdentityClient.read(response).get("code").asString()).as(response.body()).isEqualTo(code);
    }
}
