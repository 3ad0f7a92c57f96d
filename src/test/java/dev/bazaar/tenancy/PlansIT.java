package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TenantTables;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.application.ShopService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Plans managed by administrators, the per-plan API rate limit, and the purge of deleted shops. */
@IntegrationTest
class PlansIT extends TenancyHttpTest {

    @Autowired
    ShopService shopService;

    @Autowired
    TenantScope tenantScope;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    private static String plan(String key, int rate, int burst, boolean isPublic) {
        return """
                {"key":"%s","name":"Plan %s","limits":{"api_rate":%d,"api_burst":%d,"staff_seats":5,"products":100,
                 "storage_bytes":1000000,"webhook_endpoints":2,"api_keys":2},"features":["custom_roles"],"is_public":%s}"""
                .formatted(key, key, rate, burst, isPublic);
    }

    private static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void administratorsManagePlansAndOnlyTheySeeAndAssignHiddenOnes() {
        Person admin = api.administrator();
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "plans");
        String hidden = uniqueKey("partner");

        assertThat(api.call("POST", "/api/v1/admin/plans", plan(hidden, 5, 10, false), owner.bearer()).statusCode())
                .as("owners are not administrators").isEqualTo(403);
        HttpResponse<String> created = api.call("POST", "/api/v1/admin/plans", plan(hidden, 5, 10, false), admin.bearer());
        JsonNode plan = api.ok(created, 201);
        assertThat(plan.get("limits").get("api_burst").asInt()).isEqualTo(10);
        assertThat(plan.get("is_public").asBoolean()).isFalse();
        assertThat(api.call("POST", "/api/v1/admin/plans", plan(hidden, 5, 10, false), admin.bearer()).statusCode())
                .as("keys are unique").isEqualTo(409);
        assertThat(IdentityClient.read(api.call("POST", "/api/v1/admin/plans", plan("Bad Key", 5, 10, false), admin.bearer()))
                .get("errors").get(0).get("field").asString()).isEqualTo("key");
        assertThat(api.call("POST", "/api/v1/admin/plans", plan(uniqueKey("burst"), 5, 4, false), admin.bearer()).statusCode())
                .as("burst below the rate").isEqualTo(400);
        HttpResponse<String> tooFast = api.call("POST", "/api/v1/admin/plans", plan(uniqueKey("fast"), 1_000_000, 1_000_000, false),
                admin.bearer());
        assertThat(tooFast.statusCode()).as("above the rate the database allows: a clear 400, not a conflict").isEqualTo(400);
        assertThat(IdentityClient.read(tooFast).get("errors").get(0).get("code").asString()).isEqualTo("invalid_limits");

        assertThat(keys(api.ok(api.call("GET", "/api/v1/plans", null, null), 200))).contains("free", "basic", "pro")
                .doesNotContain(hidden);
        assertThat(keys(api.ok(api.call("GET", "/api/v1/admin/plans", null, admin.bearer()), 200))).contains(hidden);

        HttpResponse<String> ownerChoosesHidden = api.call("PATCH", shop.path("/subscription"), "{\"plan\":\"" + hidden + "\"}", owner.bearer());
        assertThat(ownerChoosesHidden.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(ownerChoosesHidden).get("errors").get(0).get("code").asString()).isEqualTo("unknown_plan");

        JsonNode assigned = api.ok(api.call("PUT", "/api/v1/admin/shops/" + shop.handle() + "/subscription",
                "{\"plan\":\"" + hidden + "\",\"status\":\"trialing\"}", admin.bearer()), 200);
        assertThat(assigned.get("plan").get("key").asString()).isEqualTo(hidden);
        assertThat(assigned.get("status").asString()).isEqualTo("trialing");
        assertThat(api.call("PUT", "/api/v1/admin/shops/" + shop.id() + "/subscription",
                "{\"plan\":\"" + hidden + "\",\"status\":\"sleeping\"}", admin.bearer()).statusCode()).isEqualTo(400);
        assertThat(api.call("PUT", "/api/v1/admin/shops/" + shop.id() + "/subscription", "{\"plan\":\"pro\"}", owner.bearer())
                .statusCode()).as("owners cannot assign plans").isEqualTo(403);
        JsonNode subscription = api.ok(api.call("GET", shop.path("/subscription"), null, owner.bearer()), 200);
        assertThat(subscription.get("plan").get("key").asString()).isEqualTo(hidden);

        // Optimistic concurrency on plan changes; a stale version is refused and nothing changes.
        HttpResponse<String> read = api.call("GET", "/api/v1/admin/plans/" + hidden, null, admin.bearer());
        String etag = read.headers().firstValue("ETag").orElseThrow();
        api.ok(api.call("PATCH", "/api/v1/admin/plans/" + hidden, "{\"name\":\"Partners\"}", admin.bearer(), "If-Match", etag), 200);
        assertThat(api.call("PATCH", "/api/v1/admin/plans/" + hidden, "{\"name\":\"Stale\"}", admin.bearer(), "If-Match", etag)
                .statusCode()).isEqualTo(412);
        assertThat(api.ok(api.call("GET", "/api/v1/admin/plans/" + hidden, null, admin.bearer()), 200).get("name").asString())
                .isEqualTo("Partners");

        // An archived plan can no longer be assigned; the shop on it keeps it.
        api.ok(api.call("PATCH", "/api/v1/admin/plans/" + hidden, "{\"archived\":true}", admin.bearer()), 200);
        Shop other = api.createShop(owner, "other");
        assertThat(api.call("PUT", "/api/v1/admin/shops/" + other.id() + "/subscription", "{\"plan\":\"" + hidden + "\"}",
                admin.bearer()).statusCode()).isEqualTo(400);
        assertThat(api.ok(api.call("GET", shop.path("/subscription"), null, owner.bearer()), 200).get("plan").get("key")
                .asString()).isEqualTo(hidden);

        List<String> actions = api.ok(api.call("GET", shop.path("/audit-events"), null, owner.bearer()), 200).get("data")
                .valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(actions).contains("subscription.plan_changed");
    }

    @Test
    void theShopApiIsLimitedPerCredentialByThePlanAndAPlanChangeAppliesAtOnce() {
        Person admin = api.administrator();
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "limited");
        String key = api.apiKey(owner, shop, List.of("staff:read"));
        String tiny = uniqueKey("tiny");
        api.ok(api.call("POST", "/api/v1/admin/plans", plan(tiny, 1, 3, false), admin.bearer()), 201);
        api.ok(api.call("PUT", "/api/v1/admin/shops/" + shop.id() + "/subscription", "{\"plan\":\"" + tiny + "\"}",
                admin.bearer()), 200);

        HttpResponse<String> first = api.call("GET", shop.path("/members"), null, owner.bearer());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"shop-api\";q=3;w=3");
        assertThat(first.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"shop-api\";r=2;"));
        HttpResponse<String> refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            HttpResponse<String> response = api.call("GET", shop.path("/members"), null, owner.bearer());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("the burst of 3 is used up within a few requests").isNotNull();
        assertThat(IdentityClient.read(refused).get("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3L);

        // Another credential of the same shop has its own bucket.
        assertThat(api.call("GET", shop.path("/members"), null, key).statusCode()).isEqualTo(200);

        // A larger plan takes effect on the next request.
        api.ok(api.call("PUT", "/api/v1/admin/shops/" + shop.id() + "/subscription", "{\"plan\":\"pro\"}", admin.bearer()), 200);
        HttpResponse<String> afterUpgrade = api.call("GET", shop.path("/members"), null, owner.bearer());
        assertThat(afterUpgrade.statusCode()).isEqualTo(200);
        assertThat(afterUpgrade.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(v -> assertThat(v).startsWith("\"shop-api\";q=400;"));
    }

    @Test
    void deletedShopsArePurgedWithAllTheirDataAfterTheGracePeriodOnly() {
        Person admin = api.administrator();
        Person owner = api.person("owner");
        Shop expired = api.createShop(owner, "expired");
        Shop recent = api.createShop(owner, "recent");
        for (Shop shop : List.of(expired, recent)) {
            api.addMember(owner, shop, api.person("staff"), "staff");
            api.apiKey(owner, shop, List.of("staff:read"));
            // Catalog and inventory rows too, down to the append-only ledger.
            String variant = api.ok(api.call("POST", shop.path("/products"), "{\"title\":\"P\",\"variants\":[{\"price\":"
                    + "{\"amount\":1,\"currency\":\"EUR\"}}]}", owner.bearer()), 201).get("variants").get(0).get("id").asString();
            String location = api.ok(api.call("POST", shop.path("/stock-locations"), "{\"name\":\"W\"}", owner.bearer()), 201)
                    .get("id").asString();
            api.ok(api.call("POST", shop.path("/inventory-adjustments"), "{\"variant_id\":\"" + variant + "\",\"location_id\":\""
                    + location + "\",\"delta\":5}", owner.bearer()), 201);
            api.ok(api.call("DELETE", "/api/v1/admin/shops/" + shop.id() + "?reason=closed", null, admin.bearer()), 200);
        }
        UUID expiredId = UUID.fromString(expired.id());
        UUID recentId = UUID.fromString(recent.id());
        assertThat(rows(expiredId)).allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
        systemUpdate("update shops set deleted_at = now() - interval '31 days' where id = ?", expiredId);

        assertThat(shopService.purgeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(rows(expiredId)).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        assertThat(tenantRowsAnywhere(expiredId)).as("no table keeps a row of the purged shop").isZero();
        assertThat(tenantRowsAnywhere(recentId)).isPositive();
        assertThat(rows(recentId)).allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
        assertThat(api.call("GET", "/api/v1/admin/shops/" + expired.id(), null, admin.bearer()).statusCode()).isEqualTo(404);
        assertThat(api.ok(api.call("GET", "/api/v1/admin/shops/" + recent.id(), null, admin.bearer()), 200).get("status")
                .asString()).isEqualTo("deleted");
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'tenancy.shop-purge'").query(Long.class)
                .single()).as("the purge runs as a recurring job").isEqualTo(1);
    }

    private static List<String> keys(JsonNode plans) {
        return plans.get("data").valueStream().map(p -> p.get("key").asString()).toList();
    }

    /** Rows per table of one tenant, counted across tenants (the system role). */
    private java.util.Map<String, Long> rows(UUID tenant) {
        return tenantScope.system("test: count a tenant's rows", () -> transaction.execute(status -> {
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            counts.put("shops", jdbc.sql("select count(*) from shops where id = ?").param(tenant).query(Long.class).single());
            for (String table : List.of("memberships", "api_keys", "subscriptions", "audit_events")) {
                counts.put(table, jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant)
                        .query(Long.class).single());
            }
            return counts;
        }));
    }

    /** Rows of the tenant in every table with a tenant_id. */
    private long tenantRowsAnywhere(UUID tenant) {
        return tenantScope.system("test: count a tenant's rows everywhere", () -> transaction.execute(status -> {
            long total = 0;
            for (String table : jdbc.sql(TenantTables.SQL).query(String.class).list()) {
                total += jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant).query(Long.class).single();
            }
            return total;
        }));
    }

    private void systemUpdate(String sql, Object... params) {
        tenantScope.system("test: age a deletion", () -> transaction.execute(status -> jdbc.sql(sql).params(params).update()));
    }
}
