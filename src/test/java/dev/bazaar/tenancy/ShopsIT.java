package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ShopsIT extends TenancyHttpTest {

    @Test
    void creatorBecomesOwnerAndSeesTheShopByHandleOrId() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "acme");

        JsonNode byHandle = api.ok(api.call("GET", shop.path(""), null, owner.bearer()), 200);
        assertThat(byHandle.get("role").asString()).isEqualTo("owner");
        assertThat(byHandle.get("currency").asString()).isEqualTo("EUR");
        JsonNode byId = api.ok(api.call("GET", "/api/v1/shops/" + shop.id(), null, owner.bearer()), 200);
        assertThat(byId.get("handle").asString()).isEqualTo(shop.handle());

        JsonNode mine = api.ok(api.call("GET", "/api/v1/shops", null, owner.bearer()), 200);
        assertThat(mine.get("data").valueStream().map(s -> s.get("handle").asString()).toList()).containsExactly(shop.handle());
        assertThat(mine.get("data").get(0).get("role").asString()).isEqualTo("owner");
    }

    @Test
    void handlesAreUniqueSlugsAndSomeAreReserved() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "taken");
        HttpResponse<String> duplicate = api.call("POST", "/api/v1/shops", body("Again", shop.handle()), owner.bearer());
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(IdentityClient.read(duplicate).get("code").asString()).isEqualTo("handle_taken");

        for (String handle : List.of("admin", "api", "www", "Upper", "a", "-dash", "has space", "0191a6b2-0000-7000-8000-000000000000")) {
            HttpResponse<String> refused = api.call("POST", "/api/v1/shops", body("X", handle), owner.bearer());
            assertThat(refused.statusCode()).as(handle + ": " + refused.body()).isEqualTo(400);
        }
        HttpResponse<String> badCurrency = api.call("POST", "/api/v1/shops",
                "{\"name\":\"X\",\"handle\":\"fine-handle\",\"currency\":\"XYZ\",\"timezone\":\"Europe/Berlin\",\"locale\":\"en\"}", owner.bearer());
        assertThat(badCurrency.statusCode()).isEqualTo(400);
        assertThat(badCurrency.body()).contains("invalid_currency");
        HttpResponse<String> anonymous = api.call("POST", "/api/v1/shops", body("X", "anon-shop"), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownShopAndSomeoneElsesShopAnswerTheSame404() {
        Person owner = api.person("owner");
        Person stranger = api.person("stranger");
        Shop shop = api.createShop(owner, "private");

        HttpResponse<String> foreign = api.call("GET", shop.path(""), null, stranger.bearer());
        HttpResponse<String> unknown = api.call("GET", "/api/v1/shops/no-such-shop-" + shop.handle().hashCode() % 1000, null, stranger.bearer());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode a = IdentityClient.problemWithoutRequestId(foreign);
        JsonNode b = IdentityClient.problemWithoutRequestId(unknown);
        assertThat(a.get("code").asString()).isEqualTo("shop_not_found").isEqualTo(b.get("code").asString());
        assertThat(a.get("title")).isEqualTo(b.get("title"));
        assertThat(api.call("GET", shop.path(""), null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void settingsChangeWithIfMatchAndAreAudited() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "settings");
        HttpResponse<String> read = api.call("GET", shop.path(""), null, owner.bearer());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        JsonNode changed = api.ok(api.call("PATCH", shop.path(""), "{\"name\":\"Renamed\",\"currency\":\"usd\"}", owner.bearer(),
                "If-Match", etag), 200);
        assertThat(changed.get("name").asString()).isEqualTo("Renamed");
        assertThat(changed.get("currency").asString()).isEqualTo("USD");
        HttpResponse<String> stale = api.call("PATCH", shop.path(""), "{\"name\":\"Again\"}", owner.bearer(), "If-Match", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        HttpResponse<String> handleChange = api.call("PATCH", shop.path(""), "{\"handle\":\"other\"}", owner.bearer());
        assertThat(handleChange.statusCode()).isEqualTo(400);

        JsonNode audit = api.ok(api.call("GET", shop.path("/audit-events?action=shop.updated"), null, owner.bearer()), 200);
        JsonNode event = audit.get("data").get(0);
        assertThat(event.get("actor_type").asString()).isEqualTo("account");
        assertThat(event.get("changes").get("name").get("before").asString()).isEqualTo("Shop " + shop.handle());
        assertThat(event.get("changes").get("name").get("after").asString()).isEqualTo("Renamed");
        assertThat(event.get("changes").has("timezone")).as("only changed fields").isFalse();
        assertThat(event.get("request_id").asString()).isNotBlank();
        assertThat(event.get("ip").asString()).isNotBlank();
    }

    @Test
    void administratorsSuspendReactivateDeleteAndRestoreShops() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "lifecycle");
        Person signedInAdmin = api.administrator();

        assertThat(api.call("GET", "/api/v1/admin/shops", null, owner.bearer()).statusCode()).isEqualTo(403);
        JsonNode all = api.ok(api.call("GET", "/api/v1/admin/shops?q=" + shop.handle(), null, signedInAdmin.bearer()), 200);
        assertThat(all.get("data").get(0).get("id").asString()).isEqualTo(shop.id());

        api.ok(api.call("POST", "/api/v1/admin/shops/" + shop.handle() + "/suspend", "{\"reason\":\"unpaid\"}", signedInAdmin.bearer()), 200);
        HttpResponse<String> staffView = api.call("GET", shop.path(""), null, owner.bearer());
        assertThat(staffView.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(staffView).get("code").asString()).isEqualTo("shop_suspended");
        assertThat(api.call("GET", shop.path(""), null, api.person("public").bearer()).statusCode()).isEqualTo(404);

        api.ok(api.call("POST", "/api/v1/admin/shops/" + shop.id() + "/reactivate", null, signedInAdmin.bearer()), 200);
        assertThat(api.call("GET", shop.path(""), null, owner.bearer()).statusCode()).isEqualTo(200);

        api.ok(api.call("DELETE", "/api/v1/admin/shops/" + shop.id() + "?reason=closed", null, signedInAdmin.bearer()), 200);
        assertThat(api.call("GET", shop.path(""), null, owner.bearer()).statusCode()).isEqualTo(404);
        JsonNode mine = api.ok(api.call("GET", "/api/v1/shops", null, owner.bearer()), 200);
        assertThat(mine.get("data").size()).isZero();
        api.ok(api.call("POST", "/api/v1/admin/shops/" + shop.id() + "/restore", null, signedInAdmin.bearer()), 200);
        assertThat(api.call("GET", shop.path(""), null, owner.bearer()).statusCode()).isEqualTo(200);

        JsonNode audit = api.ok(api.call("GET", shop.path("/audit-events"), null, owner.bearer()), 200);
        assertThat(audit.get("data").valueStream().map(e -> e.get("action").asString()).toList())
                .containsSubsequence("shop.restored", "shop.deleted", "shop.reactivated", "shop.suspended", "shop.created");
    }

    @Test
    void namesMustNotBeBlankOrCarryControlCharacters() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "names");
        HttpResponse<String> blank = api.call("PATCH", shop.path(""), "{\"name\":\"   \"}", owner.bearer());
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(blank).get("errors").get(0).get("code").asString()).isEqualTo("blank");
        HttpResponse<String> header = api.call("PATCH", shop.path(""), "{\"name\":\"Shop\\r\\nBcc: x@example.com\"}", owner.bearer());
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(header).get("errors").get(0).get("code").asString()).isEqualTo("control_characters");
        assertThat(api.ok(api.call("GET", shop.path(""), null, owner.bearer()), 200).get("name").asString()).startsWith("Shop ");
    }

    private static String body(String name, String handle) {
        return "{\"name\":\"%s\",\"handle\":\"%s\",\"currency\":\"EUR\",\"timezone\":\"Europe/Berlin\",\"locale\":\"en\"}"
                .formatted(name, handle);
    }
}
