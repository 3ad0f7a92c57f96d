package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.catalog.CatalogTransfers;
import dev.bazaar.identity.IdentityClient;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TenantTables;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The reusable cross-tenant harness and the role x route matrix. Both read the routes from the served OpenAPI
 * document, so every shop-scoped route a later module adds is covered without touching this class (the harness at
 * once; the matrix fails until its row is added to {@code tenancy/route-matrix.tsv}).
 */
@IntegrationTest
class TenantRoutesIT extends TenancyHttpTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");
    /** The outcome columns of the matrix file, after the permission column. */
    private static final List<String> COLUMNS = List.of("anonymous", "non_member", "viewer", "staff", "admin", "owner",
            "key_with", "key_without");

    @Value("${spring.datasource.url}")
    String databaseUrl;

    /** {@code access}: public, member or permission (the document's {@code x-bazaar-access}). */
    record Route(String method, String path, @Nullable JsonNode requestSchema, String access, boolean streaming) {
        String key() {
            return method + " " + path;
        }

        boolean isPublic() {
            return access.equals("public");
        }
    }

    /**
     * A seeded shop: its owner, members of each role, one object of every kind a path can name, and values only its
     * staff may see (a draft product), which must never reach anyone else, even through public routes.
     */
    record Seeded(Shop shop, Person owner, Map<String, Person> people, Map<String, String> ids, String email,
                  List<String> staffOnly) {}

    @Test
    void shopAsCredentialsNeverReachShopBsData() {
        Seeded a = seed("harness-a");
        Seeded b = seed("harness-b");
        List<Route> routes = shopRoutes();
        assertThat(routes).hasSizeGreaterThan(15);
        Map<String, String> before = snapshot(b.shop().id());
        List<String> foreignValues = new ArrayList<>(b.ids().values());
        foreignValues.add(b.shop().id());
        foreignValues.add(b.email());

        foreignValues.addAll(b.staffOnly());
        for (Route route : routes) {
            // 1. B's shop in the path with A's credentials (the owner's, and an all-scopes key's): B is invisible, or,
            // on a public route, B looks exactly as it does to the public.
            for (String credential : List.of(a.owner().bearer(), a.ids().get("key_all_secret"))) {
                HttpResponse<String> response = call(route, path(route, b.shop().handle(), b.ids()),
                        body(route, b), credential);
                // A storefront route that knows signed-in customers (carts, the customer's own /me) answers a person
                // as that customer: compared with the public, it differs by design; it must still leak nothing of B's staff.
                if (route.isPublic() && (route.path().contains("/carts") || route.path().contains("/me/"))) {
                    HttpResponse<String> response2 = response;
                    assertThat(response2.statusCode()).as("%s into shop B", route.key()).isLessThan(500);
                    assertThat(b.staffOnly()).as("%s into shop B: %s", route.key(), response2.body())
                            .noneMatch(response2.body()::contains);
                    continue;
                }
                if (route.isPublic()) {
                    HttpResponse<String> anonymous = call(route, path(route, b.shop().handle(), b.ids()),
                            body(route, b), null);
                    assertThat(response.statusCode()).as("%s into shop B as the public sees it", route.key())
                            .isEqualTo(anonymous.statusCode());
                    assertThat(withoutRequestId(response)).as("%s into shop B", route.key()).isEqualTo(withoutRequestId(anonymous));
                    assertThat(b.staffOnly()).as("%s into shop B: %s", route.key(), response.body()).noneMatch(response.body()::contains);
                    continue;
                }
                assertThat(response.statusCode()).as("%s into shop B: %s", route.key(), response.body()).isEqualTo(404);
                assertThat(IdentityClient.read(response).get("code").asString()).isEqualTo("shop_not_found");
            }
            // 2. A's shop in the path, B's ids in path, query and body: refused, or answered without a row of B.
            HttpResponse<String> response = call(route, path(route, a.shop().handle(), b.ids())
                    + (route.method().equals("GET") ? query(b) : ""), body(route, b), a.owner().bearer());
            assertThat(response.statusCode()).as("%s with B's ids", route.key()).isLessThan(500);
            if (response.statusCode() < 300) {
                assertThat(foreignValues).as("%s answered with B's data: %s", route.key(), response.body())
                        .noneMatch(response.body()::contains);
            }
        }
        // Storefront routes are open to anyone, A's staff included: the carts and customer records they make in B are
        // B's shoppers' rows by design. Everything else of B's is unchanged.
        Set<String> storefront = Set.of("carts", "cart_lines", "customers", "customer_addresses");
        Map<String, String> after = new HashMap<>(snapshot(b.shop().id()));
        Map<String, String> expected = new HashMap<>(before);
        after.keySet().removeAll(storefront);
        expected.keySet().removeAll(storefront);
        assertThat(after).as("shop B's rows are unchanged").isEqualTo(expected);
    }

    @Test
    void everyRoleGetsExactlyTheOutcomeOfTheMatrix() throws IOException {
        Seeded shop = seed("matrix");
        Person stranger = api.person("stranger");
        Map<String, List<String>> matrix = readMatrix();
        List<Route> routes = new ArrayList<>(shopRoutes());
        assertThat(routes.stream().map(Route::key).toList()).as("every route has a row, every row a route")
                .containsExactlyInAnyOrderElementsOf(matrix.keySet());
        // Leaving ends the membership the other rows need: it goes last.
        routes.sort(Comparator.comparing(route -> route.path().endsWith("/membership")));
        List<String> roles = List.of("anonymous", "non_member", "key_with", "key_without", "viewer", "staff", "admin", "owner");
        Map<String, String> keysWithout = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (Route route : routes) {
            List<String> row = matrix.get(route.key());
            String permission = row.get(0);
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                String credential = switch (role) {
                    case "anonymous" -> null;
                    case "non_member" -> stranger.bearer();
                    case "key_with" -> shop.ids().get("key_all_secret");
                    case "key_without" -> permission.equals("-") ? shop.ids().get("key_all_secret")
                            : keysWithout.computeIfAbsent(permission, p -> keyWithout(shop, p));
                    default -> shop.people().get(role).bearer();
                };
                Map<String, String> before = snapshot(shop.shop().id());
                HttpResponse<String> response = call(route, path(route, shop.shop().handle(), shop.ids()),
                        body(route, shop), credential);
                String outcome = outcome(response);
                String expected = row.get(COLUMNS.indexOf(role) + 1);
                if (!outcome.equals(expected)) {
                    mismatches.add("%s as %s: expected %s, got %s %s".formatted(route.key(), role, expected, response.statusCode(), response.body()));
                }
                if (!outcome.equals("ok")) {
                    assertThat(snapshot(shop.shop().id())).as("%s refused for %s changed nothing", route.key(), role).isEqualTo(before);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    // --- seeding -------------------------------------------------------------------------------------------------

    private Seeded seed(String label) {
        Person owner = api.person(label + "-owner");
        Shop shop = api.createShop(owner, label);
        api.choosePlan(owner, shop, "pro");
        Map<String, Person> people = new LinkedHashMap<>();
        people.put("owner", owner);
        Map<String, String> ids = new HashMap<>();
        for (String role : List.of("viewer", "staff", "admin")) {
            Person person = api.person(label + "-" + role);
            ids.put("member_" + role, api.addMember(owner, shop, person, role));
            people.put(role, person);
        }
        Person target = api.person(label + "-target");
        ids.put("member", api.addMember(owner, shop, target, "viewer"));
        JsonNode role = api.ok(api.call("POST", shop.path("/roles"),
                "{\"key\":\"" + label + "-role\",\"name\":\"R\",\"permissions\":[\"orders:read\"]}", owner.bearer()), 201);
        ids.put("role", role.get("key").asString());
        ids.put("role_id", role.get("id").asString());
        String invited = IdentityClient.newEmail(label + "-invited");
        ids.put("invitation", api.ok(api.call("POST", shop.path("/invitations"), "{\"email\":\"" + invited + "\",\"role\":\"viewer\"}",
                owner.bearer()), 201).get("id").asString());
        JsonNode key = api.ok(api.call("POST", shop.path("/api-keys"), "{\"name\":\"spare\",\"scopes\":[\"orders:read\"]}", owner.bearer()), 201);
        ids.put("key", key.get("id").asString());
        ids.put("key_all_secret", api.apiKey(owner, shop, Arrays.stream(Permission.values()).map(Permission::code).toList()));
        // Catalog: an active product with two variants (so that one may be deleted), and a draft only staff see.
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"%s product","status":"active","option_names":["Size"],
                 "variants":[{"option_values":["S"],"price":{"amount":100,"currency":"EUR"}},
                             {"option_values":["M"],"price":{"amount":200,"currency":"EUR"}}]}""".formatted(label), owner.bearer()), 201);
        ids.put("product", product.get("id").asString());
        ids.put("variant", product.get("variants").get(1).get("id").asString());
        // Inventory: a location holding stock of that variant, a reservation of some of it, and its low-stock threshold.
        String location = api.ok(api.call("POST", shop.path("/stock-locations"), "{\"name\":\"" + label + " warehouse\"}",
                owner.bearer()), 201).get("id").asString();
        ids.put("location", location);
        api.ok(api.call("POST", shop.path("/inventory-adjustments"), "{\"variant_id\":\"" + ids.get("variant")
                + "\",\"location_id\":\"" + location + "\",\"delta\":100}", owner.bearer()), 201);
        ids.put("reservation", api.ok(api.call("POST", shop.path("/inventory-reservations"), "{\"lines\":[{\"variant_id\":\""
                + ids.get("variant") + "\",\"quantity\":1}]}", owner.bearer()), 201).get("id").asString());
        api.ok(api.call("PATCH", shop.path("/inventory-items/" + ids.get("variant")), "{\"low_stock_threshold\":5}",
                owner.bearer()), 200);
        // Catalog structure: an attribute, a category with the product in it, and a manual collection holding it.
        ids.put("attribute", api.ok(api.call("POST", shop.path("/product-attributes"),
                "{\"handle\":\"material\",\"name\":\"Material\",\"type\":\"text\"}", owner.bearer()), 201).get("id").asString());
        ids.put("category", api.ok(api.call("POST", shop.path("/categories"), "{\"name\":\"" + label + " category\"}",
                owner.bearer()), 201).get("id").asString());
        api.ok(api.call("PATCH", shop.path("/products/" + ids.get("product")), "{\"category_id\":\"" + ids.get("category")
                + "\",\"attributes\":{\"material\":\"" + label + " material\"}}", owner.bearer()), 200);
        ids.put("collection", api.ok(api.call("POST", shop.path("/collections"), "{\"title\":\"" + label
                + " collection\",\"kind\":\"manual\"}", owner.bearer()), 201).get("id").asString());
        api.ok(api.call("PUT", shop.path("/collections/" + ids.get("collection") + "/products"), "{\"product_ids\":[\""
                + ids.get("product") + "\"]}", owner.bearer()), 200);
        JsonNode draft = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Secret %s draft","status":"draft","variants":[{"price":{"amount":100,"currency":"EUR"}}]}"""
                .formatted(label), owner.bearer()), 201);
        // Catalog transfers: an import whose dry run found an error (so that starting it writes nothing), and a
        // finished export; both jobs are done before any snapshot is taken.
        String imported = api.ok(CatalogTransfers.upload(api, shop, owner.bearer(), "Handle,Title,Variant Price\n"
                + label + "-import,Imported,not-a-price\n", true), 202).get("id").asString();
        ids.put("import", imported);
        CatalogTransfers.await(api, shop.path("/product-imports/" + imported), owner.bearer(), "validated");
        String exported = api.ok(api.call("POST", shop.path("/product-exports"), "{\"format\":\"csv\"}", owner.bearer()), 202)
                .get("id").asString();
        ids.put("export", exported);
        CatalogTransfers.await(api, shop.path("/product-exports/" + exported), owner.bearer(), "succeeded");
        // Notifications: the owner's "export ready" (an account's own; everyone else gets 404 for it).
        ids.put("notification", api.ok(api.call("GET", shop.path("/notifications"), null, owner.bearer()), 200)
                .get("data").get(0).get("id").asString());
        // Ordering settings: a shipping zone (with a rate) and a tax rate.
        ids.put("zone", api.ok(api.call("POST", shop.path("/shipping-zones"), "{\"name\":\"" + label + " zone\","
                + "\"countries\":[{\"code\":\"DE\"}],\"rates\":[{\"name\":\"Standard\",\"kind\":\"flat\","
                + "\"price\":{\"amount\":500,\"currency\":\"EUR\"}}]}", owner.bearer()), 201).get("id").asString());
        ids.put("rate", api.ok(api.call("POST", shop.path("/tax-rates"), "{\"name\":\"" + label + " VAT\",\"country\":\"DE\","
                + "\"rate\":\"19\"}", owner.bearer()), 201).get("id").asString());
        // Discounts: a code discount on the seeded product.
        ids.put("discount", api.ok(api.call("POST", shop.path("/discounts"), "{\"code\":\"" + label + "\",\"name\":\""
                + label + " discount\",\"kind\":\"percentage\",\"percentage\":\"10\",\"targets\":\"products\","
                + "\"target_ids\":[\"" + ids.get("product") + "\"]}", owner.bearer()), 201).get("id").asString());
        // Ordering: an anonymous cart checked out into a paid order (its guest customer), and an address of the owner's.
        JsonNode cart = api.ok(api.call("POST", shop.path("/carts"), "{}", null), 201);
        String cartId = cart.get("id").asString();
        String cartToken = cart.get("token").asString();
        api.ok(api.call("POST", shop.path("/carts/" + cartId + "/lines"), "{\"variant_id\":\"" + ids.get("variant")
                + "\",\"quantity\":1}", null, "Cart-Token", cartToken), 200);
        JsonNode ready = api.ok(api.call("PATCH", shop.path("/carts/" + cartId), "{\"email\":\""
                + IdentityClient.newEmail(label + "-buyer") + "\",\"shipping_address\":{\"name\":\"" + label
                + " buyer\",\"line1\":\"1 Street\",\"city\":\"Berlin\",\"postal_code\":\"10117\",\"country\":\"DE\"}}",
                null, "Cart-Token", cartToken), 200);
        api.ok(api.call("PATCH", shop.path("/carts/" + cartId), "{\"shipping_rate_id\":\""
                + ready.get("shipping_rates").get(0).get("id").asString() + "\"}", null, "Cart-Token", cartToken), 200);
        JsonNode order = api.ok(api.call("POST", shop.path("/carts/" + cartId + "/checkout"),
                "{\"payment\":{\"gateway\":\"test\",\"payment_method\":\"pm_card_visa\"}}", null, "Cart-Token", cartToken,
                "Idempotency-Key", UUID.randomUUID().toString()), 201);
        ids.put("cart", cartId);
        ids.put("order", order.get("id").asString());
        ids.put("customer", order.get("customer_id").asString());
        ids.put("address", api.ok(api.call("POST", shop.path("/me/addresses"), "{\"address\":{\"name\":\"" + label
                + " owner\",\"line1\":\"2 Street\",\"city\":\"Berlin\",\"postal_code\":\"10117\",\"country\":\"DE\"}}",
                owner.bearer()), 201).get("id").asString());
        // Webhooks: a disabled endpoint (so that nothing is sent while snapshots are compared) and one delivery of it,
        // written directly: a disabled endpoint gets none through the API.
        String endpoint = api.ok(api.call("POST", shop.path("/webhook-endpoints"), "{\"url\":\"https://hooks.example.com/"
                + label + "\",\"events\":[\"product.*\"],\"enabled\":false}", owner.bearer()), 201).get("id").asString();
        ids.put("endpoint", endpoint);
        try (Connection connection = DriverManager.getConnection(databaseUrl)) {
            try (ResultSet rs = connection.createStatement().executeQuery("insert into webhook_deliveries (tenant_id, id, "
                    + "endpoint_id, event_id, status, attempt_count) select tenant_id, gen_random_uuid(), '" + endpoint
                    + "', id, 'failed', 1 from events where tenant_id = '" + shop.id() + "' limit 1 returning id")) {
                rs.next();
                ids.put("delivery", rs.getString(1));
            }
            // Payments: a test-gateway payment waiting for its authentication (ordering's checkout creates them).
            try (ResultSet rs = connection.createStatement().executeQuery("insert into payments (tenant_id, id, order_id, "
                    + "gateway, status, capture_method, payment_method, amount, currency, description) values ('" + shop.id()
                    + "', gen_random_uuid(), gen_random_uuid(), 'test', 'requires_action', 'automatic', "
                    + "'pm_card_authenticationRequired', 100, 'EUR', '" + label + " payment') returning id")) {
                rs.next();
                ids.put("payment", rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Seeded(shop, owner, people, ids, target.email(),
                List.of(draft.get("id").asString(), draft.get("handle").asString()));
    }

    private String keyWithout(Seeded shop, String permission) {
        return api.apiKey(shop.owner(), shop.shop(), Arrays.stream(Permission.values()).map(Permission::code)
                .filter(code -> !code.equals(permission)).toList());
    }

    /**
     * Calls the route; a streaming route (Server-Sent Events) that opens is closed at once and answers with an empty
     * body: its refusals come back whole, so they are checked like any other route's.
     */
    private HttpResponse<String> call(Route route, String path, @Nullable String body, @Nullable String credential) {
        if (!route.streaming()) {
            return api.call(route.method(), path, body, credential);
        }
        return StreamProbe.call(port, route.method(), path, credential);
    }

    // --- routes from the OpenAPI document ------------------------------------------------------------------------

    private List<Route> shopRoutes() {
        JsonNode document = IdentityClient.read(api.identity().http().get("/v3/api-docs"));
        List<Route> routes = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/v1/shops/{shop}")) {
                return;
            }
            path.getValue().properties().forEach(operation -> {
                JsonNode schema = operation.getValue().path("requestBody").path("content").path("application/json").path("schema");
                JsonNode resolved = schema.has("$ref") ? document.at("/components/schemas/"
                        + schema.get("$ref").asString().substring("#/components/schemas/".length())) : schema;
                String access = operation.getValue().path("x-bazaar-access").path("access").asString("");
                assertThat(access).as("%s %s declares its access in the document", operation.getKey(), path.getKey())
                        .isIn("public", "member", "permission");
                boolean streaming = operation.getValue().path("responses").path("200").path("content").has("text/event-stream");
                routes.add(new Route(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        resolved.isMissingNode() ? null : resolved, access, streaming));
            });
        });
        return routes;
    }

    private static String path(Route route, String shop, Map<String, String> ids) {
        Matcher matcher = PARAMETER.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.equals("shop") ? shop : ids.getOrDefault(name, UUID.randomUUID().toString());
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** Query parameters that name other objects, set to the given shop's ids. */
    private static String query(Seeded shop) {
        return "?actor_id=" + shop.ids().get("member") + "&target_id=" + shop.ids().get("member") + "&category="
                + shop.ids().get("category") + "&collection=" + shop.ids().get("collection");
    }

    /** A body for the route's request schema, with references (role) to the given shop's objects. */
    private static @Nullable String body(Route route, Seeded shop) {
        if (route.requestSchema() == null || !route.requestSchema().has("properties")) {
            return route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
        }
        var body = IdentityClient.JSON.createObjectNode();
        route.requestSchema().get("properties").properties().forEach(property -> {
            String unique = Long.toString(System.nanoTime(), 36);
            switch (property.getKey()) {
                case "title" -> body.put("title", "Harness title");
                case "handle" -> body.put("handle", "harness-" + unique);
                case "sku" -> body.put("sku", "harness-" + unique);
                case "status" -> body.put("status", "active");
                case "price", "compare_at_price" -> body.putObject(property.getKey()).put("amount", 100).put("currency", "EUR");
                case "variants" -> body.putArray("variants").addObject().putObject("price").put("amount", 100).put("currency", "EUR");
                case "option_values" -> body.putArray("option_values").add("Harness " + unique);
                case "option_names", "set" -> { }
                case "variant_id" -> body.put("variant_id", shop.ids().get("variant"));
                case "parent_id", "category_id" -> body.put(property.getKey(), shop.ids().get("category"));
                case "product_ids" -> body.putArray("product_ids").add(shop.ids().get("product"));
                case "kind" -> body.put("kind", "manual");
                case "type" -> body.put("type", "text");
                case "choices", "rules", "attributes" -> { }
                case "products" -> body.putArray("products").addObject().put("id", shop.ids().get("product"))
                        .put("title", "Harness bulk title");
                case "location_id" -> body.put("location_id", shop.ids().get("location"));
                case "lines" -> body.putArray("lines").addObject().put("variant_id", shop.ids().get("variant")).put("quantity", 1);
                case "delta" -> body.put("delta", 1);
                case "ttl_seconds" -> body.put("ttl_seconds", 60);
                case "media" -> body.putArray("media").addObject().put("url", "https://example.com/harness.jpg")
                        .put("variant_id", shop.ids().get("variant"));
                case "role" -> body.put("role", shop.ids().get("role"));
                case "email" -> body.put("email", IdentityClient.newEmail("harness"));
                case "permissions", "scopes" -> body.putArray(property.getKey()).add("orders:read");
                case "key" -> body.put("key", "k" + Long.toString(System.nanoTime(), 36));
                case "plan" -> body.put("plan", "pro");
                case "currency" -> body.put("currency", "EUR");
                case "timezone" -> body.put("timezone", "Europe/Berlin");
                case "locale" -> body.put("locale", "en");
                case "expires_at" -> { }
                case "address", "shipping_address" -> body.putObject(property.getKey()).put("name", "Harness").put("line1", "1 St")
                        .put("city", "Berlin").put("postal_code", "10117").put("country", "DE");
                default -> {
                    switch (property.getValue().path("type").asString("")) {
                        case "integer", "number" -> body.put(property.getKey(), 1);
                        case "boolean" -> body.put(property.getKey(), true);
                        case "array" -> body.putArray(property.getKey()).add("harness");
                        default -> body.put(property.getKey(), "Harness " + property.getKey());
                    }
                }
            }
        });
        return body.toString();
    }

    private static String outcome(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        // Downloads answer with files, not JSON.
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
        String code = response.body().isEmpty() || !json ? "" : IdentityClient.read(response).path("code").asString("");
        return switch (response.statusCode()) {
            case 401 -> "401";
            case 404 -> code.equals("shop_not_found") ? "404" : "ok";
            case 403 -> code.equals("permission_denied") && response.body().contains("required_permission")
                    || response.body().contains("API keys cannot") ? "403" : "ok";
            default -> "ok";
        };
    }

    private static Map<String, List<String>> readMatrix() throws IOException {
        Map<String, List<String>> matrix = new LinkedHashMap<>();
        try (var in = TenantRoutesIT.class.getResourceAsStream("/tenancy/route-matrix.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                matrix.put(cells[0], List.of(cells).subList(1, cells.length));
            }
        }
        return matrix;
    }

    /** Every table with a tenant_id: the tables later modules add are compared too. */
    private static List<String> tenantTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery(TenantTables.SQL)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String withoutRequestId(HttpResponse<String> response) {
        return response.body().replaceAll("\"request_id\":\"[^\"]*\"", "");
    }

    /** Every tenant-owned row of the shop, as seen by the tables' owner. */
    private Map<String, String> snapshot(String tenant) {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl)) {
            for (String table : tenantTables(connection)) {
                // last_used_at moves with every use of a key; it is not data a request could change.
                String columns = table.equals("api_keys") ? "(t.id, t.name, t.scopes, t.revoked_at, t.expires_at)" : "t";
                try (ResultSet rs = connection.createStatement().executeQuery("select md5(coalesce(string_agg(" + columns
                        + "::text, ',' order by " + columns + "::text), '')) from " + table + " t where tenant_id = '" + tenant + "'")) {
                    rs.next();
                    rows.put(table, rs.getString(1));
                }
            }
            try (ResultSet rs = connection.createStatement().executeQuery("select s::text from shops s where id = '" + tenant + "'")) {
                rs.next();
                rows.put("shops", rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
