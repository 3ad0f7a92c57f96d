package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Full-text search with weights, prefixes, accents and typos; facet counts for the filtered set. */
@IntegrationTest
class ProductSearchIT extends TenancyHttpTest {

    Person owner;
    Shop shop;

    @BeforeEach
    void catalog() {
        owner = api.person("owner");
        shop = api.createShop(owner, "search");
        product("Organic Cotton Tee", "Acme", "Shirt", List.of("summer", "cotton"), "<p>Soft and breathable</p>", 1999, "active");
        product("Crème Brûlée Candle", "Lumen", "Candle", List.of("home"), "<p>Smells of vanilla</p>", 2500, "active");
        product("Linen Shirt", "Acme", "Shirt", List.of("summer"), "<p>Made with organic linen</p>", 5900, "active");
        product("Tee Gift Card", "Acme", "Gift", List.of("gift"), "<p>For anything</p>", 500, "active");
        product("Secret Organic Draft", "Acme", "Shirt", List.of("summer"), "", 100, "draft");
    }

    private void product(String title, String vendor, String type, List<String> tags, String html, long price, String status) {
        String tagList = String.join(",", tags.stream().map(tag -> "\"" + tag + "\"").toList());
        api.ok(api.call("POST", shop.path("/products"), """
                {"title":"%s","vendor":"%s","product_type":"%s","tags":[%s],"description_html":"%s","status":"%s",
                 "variants":[{"price":{"amount":%d,"currency":"EUR"}}]}""".formatted(title, vendor, type, tagList, html,
                status, price), owner.bearer()), 201);
    }

    private List<String> titles(String query) {
        return api.ok(api.call("GET", shop.path("/products?" + query), null, null), 200).get("data").valueStream()
                .map(product -> product.get("title").asString()).toList();
    }

    @Test
    void titlesOutrankDescriptionsAndWordsMatchByPrefix() {
        assertThat(titles("q=organic")).containsExactly("Organic Cotton Tee", "Linen Shirt");
        assertThat(titles("q=org")).as("prefix").containsExactly("Organic Cotton Tee", "Linen Shirt");
        assertThat(titles("q=organic%20linen")).as("every word").containsExactly("Linen Shirt");
        assertThat(titles("q=tee")).containsExactlyInAnyOrder("Organic Cotton Tee", "Tee Gift Card");
        assertThat(titles("q=summer&sort=price")).as("tags, in another order").containsExactly("Organic Cotton Tee", "Linen Shirt");
        assertThat(titles("q=lumen")).as("vendor").containsExactly("Crème Brûlée Candle");
        assertThat(titles("q=nothing-like-this")).isEmpty();
    }

    @Test
    void aSearchWithFacetsPagesExactlyAsOneWithout() {
        for (String q : List.of("organic", "tee", "summer", "acme", "orgnic%20coton%20tee")) {
            List<String> plain = new java.util.ArrayList<>();
            List<String> faceted = new java.util.ArrayList<>();
            for (String facets : List.of("", "&facets=vendor,tag")) {
                List<String> into = facets.isEmpty() ? plain : faceted;
                String after = "";
                for (int pages = 0; pages < 10; pages++) {
                    JsonNode page = api.ok(api.call("GET", shop.path("/products?q=" + q + "&limit=1" + facets + after), null, null), 200);
                    page.get("data").forEach(product -> into.add(product.get("title").asString()));
                    if (!page.get("has_more").asBoolean()) {
                        break;
                    }
                    after = "&after=" + page.get("next_cursor").asString();
                }
            }
            assertThat(faceted).as("q=%s", q).isEqualTo(plain).isNotEmpty();
        }
        assertThat(titles("q=secret&facets=vendor")).as("drafts stay hidden on the combined path").isEmpty();
    }

    @Test
    void accentsAndSmallTyposStillFind() {
        assertThat(titles("q=creme")).containsExactly("Crème Brûlée Candle");
        assertThat(titles("q=brulee%20candle")).containsExactly("Crème Brûlée Candle");
        assertThat(titles("q=orgnic%20coton%20tee")).as("typos").contains("Organic Cotton Tee");
    }

    @Test
    void theDraftNeverShowsToThePublicButStaffFindIt() {
        assertThat(titles("q=secret")).isEmpty();
        assertThat(api.ok(api.call("GET", shop.path("/products?q=secret"), null, owner.bearer()), 200).get("data").size()).isEqualTo(1);
    }

    @Test
    void facetsCountTheWholeFilteredSet() {
        JsonNode page = api.ok(api.call("GET", shop.path("/products?limit=1&facets=vendor,product_type&facets=tag,price"), null, null), 200);
        assertThat(page.get("data").size()).isEqualTo(1);
        assertThat(counts(page.get("facets").get("vendor"))).isEqualTo(Map.of("Acme", 3L, "Lumen", 1L));
        assertThat(counts(page.get("facets").get("product_type"))).isEqualTo(Map.of("Shirt", 2L, "Candle", 1L, "Gift", 1L));
        assertThat(counts(page.get("facets").get("tag"))).isEqualTo(Map.of("summer", 2L, "cotton", 1L, "home", 1L, "gift", 1L));
        assertThat(counts(page.get("facets").get("price"))).isEqualTo(Map.of("0-1000", 1L, "1000-2500", 1L, "2500-5000", 1L,
                "5000-10000", 1L));

        JsonNode filtered = api.ok(api.call("GET", shop.path("/products?vendor=Acme&q=summer&facets=product_type"), null, null), 200);
        assertThat(counts(filtered.get("facets").get("product_type"))).isEqualTo(Map.of("Shirt", 2L));
        assertThat(api.ok(api.call("GET", shop.path("/products"), null, null), 200).has("facets")).isFalse();
        assertThat(api.call("GET", shop.path("/products?facets=colour"), null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void bestMatchPagesByPositionWithoutRepeats() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.ok(api.call("GET", shop.path("/products?q=acme&limit=1" + (cursor == null ? "" : "&after=" + cursor)),
                    null, null), 200);
            page.get("data").forEach(product -> all.add(product.get("title").asString()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asString() : null;
        } while (cursor != null);
        assertThat(all).hasSize(3).doesNotHaveDuplicates();
        HttpResponse<String> noSearch = api.call("GET", shop.path("/products?sort=best_match"), null, null);
        assertThat(noSearch.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(noSearch).get("errors").get(0).get("code").asString()).isEqualTo("needs_search");
        assertThat(api.call("GET", shop.path("/products?q=" + "a".repeat(201)), null, null).statusCode()).isEqualTo(400);
        assertThat(api.call("GET", shop.path("/products?q=%27%3B%20drop%20table%20products%3B--%20%26%7C%21"), null, null)
                .statusCode()).as("operators and quotes are only text").isEqualTo(200);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSearchOperatorsMayUseTheirIndexesUnderRowLevelSecurity() {
        // Not leakproof, a condition is evaluated after the policy and its index cannot be used (see docs/CATALOG.md).
        assertThat(jdbc.sql("select bool_and(proleakproof) from pg_proc where proname in ('ts_match_vq', "
                + "'word_similarity_op', 'word_similarity_commutator_op')").query(Boolean.class).single()).isTrue();
    }

    private static Map<String, Long> counts(JsonNode facet) {
        Map<String, Long> counts = new java.util.HashMap<>();
        facet.forEach(value -> counts.put(value.get("value").asString(), value.get("count").asLong()));
        return counts;
    }
}
