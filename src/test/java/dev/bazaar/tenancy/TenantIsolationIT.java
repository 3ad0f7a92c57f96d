package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TenantTables;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Isolation enforced by PostgreSQL: row-level security under a role that owns nothing, proven with forgotten filters. */
@IntegrationTest
class TenantIsolationIT extends TenancyHttpTest {

    /**
     * Indexes on tenant-owned tables that deliberately do not lead with tenant_id (documented in docs/TENANCY.md):
     * reverse lookups, and GIN search indexes (where a tenant key would be one huge posting list).
     */
    private static final Set<String> REVERSE_LOOKUP_INDEXES = Set.of("memberships_account_idx", "subscriptions_plan_idx",
            "inventory_reservations_due_idx", "products_search_idx", "products_search_title_idx", "products_tags_idx",
            "products_attributes_idx", "events_recorded_idx", "notifications_created_idx", "webhook_deliveries_due_idx", "orders_payment_due_idx",
            "payments_unresolved_idx", "payment_refunds_unresolved_idx", "payments_awaiting_action_idx");

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aQueryWithoutTenantFilterInsideShopAsRequestSeesNoRowOfShopB() {
        Person alice = api.person("alice");
        Person bob = api.person("bob");
        Shop a = api.createShop(alice, "rls-a");
        Shop b = api.createShop(bob, "rls-b");
        api.apiKey(alice, a, List.of("products:read"));
        api.apiKey(bob, b, List.of("products:read"));

        JsonNode seen = api.ok(api.call("GET", a.path("/test-probe/unscoped"), null, alice.bearer()), 200);
        for (String table : List.of("shops", "memberships", "api_keys", "audit_events", "subscriptions")) {
            assertThat(seen.get(table).valueStream().map(JsonNode::asString).toList()).as(table).containsExactly(a.id());
        }
        // And the rows of B do exist: the owner's connection (not subject to the application's role) sees both.
        assertThat(ownerQuery("select count(distinct tenant_id) from memberships where tenant_id in ('" + a.id() + "','" + b.id() + "')"))
                .containsExactly("2");
    }

    @Test
    void withoutTenantContextTheApplicationSeesAndWritesNoTenantRows() {
        Person alice = api.person("alice");
        Shop shop = api.createShop(alice, "rls-none");
        Long visible = transactions.execute(status -> jdbc.sql("select count(*) from memberships").query(Long.class).single());
        assertThat(visible).isZero();
        assertThatThrownBy(() -> transactions.execute(status -> jdbc.sql(
                "insert into shop_roles (tenant_id, id, version, created_at, updated_at, key, name, permissions) "
                        + "values (cast(:t as uuid), gen_random_uuid(), 0, now(), now(), 'sneaky', 'S', '{products:read}')")
                .param("t", shop.id()).update()))
                .rootCause().hasMessageContaining("violates row-level security policy");
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotRewriteTheAuditLog() {
        Person alice = api.person("alice");
        api.createShop(alice, "rls-audit");
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("bazaar_app");
        assertThat(jdbc.sql("select rolsuper or rolbypassrls from pg_roles where rolname = current_user").query(Boolean.class).single()).isFalse();
        assertThat(ownerQuery("select count(*) from pg_tables where schemaname = 'public' and tableowner = 'bazaar_app'")).containsExactly("0");
        assertThat(ownerQuery("select has_table_privilege('bazaar_app', 'audit_events', 'UPDATE') or "
                + "has_table_privilege('bazaar_app', 'audit_events', 'DELETE') or has_table_privilege('bazaar_system', 'audit_events', 'DELETE')"))
                .containsExactly("f");
        assertThatThrownBy(() -> transactions.execute(status -> jdbc.sql("delete from audit_events").update()))
                .rootCause().hasMessageContaining("permission denied for table audit_events");
        // Nor through the shop's cascade: only the system role (the purge) deletes shops.
        assertThat(ownerQuery("select has_table_privilege('bazaar_app', 'shops', 'DELETE') or "
                + "has_table_privilege('bazaar_app', 'plans', 'DELETE')")).containsExactly("f");
        assertThatThrownBy(() -> transactions.execute(status -> jdbc.sql("delete from shops").update()))
                .rootCause().hasMessageContaining("permission denied for table shops");
    }

    @Test
    void everyTenantOwnedTableHasForcedRowLevelSecurityAndTenantLedKeys() {
        List<String> tables = ownerQuery(TenantTables.SQL);
        assertThat(tables).contains("memberships", "shop_roles", "invitations", "api_keys", "subscriptions", "audit_events");
        for (String table : tables) {
            assertThat(ownerQuery("select relrowsecurity and relforcerowsecurity from pg_class where relname = '" + table + "'"))
                    .as(table + " has forced row-level security").containsExactly("t");
            assertThat(ownerQuery("select count(*) from pg_policies where tablename = '" + table + "' and policyname = 'tenant_isolation' "
                    + "and qual like '%bazaar_current_tenant()%' and with_check like '%bazaar_current_tenant()%'"))
                    .as(table + " has the tenant policy").containsExactly("1");
            for (String index : ownerQuery("select indexrelid::regclass || ':' || (select attname from pg_attribute "
                    + "where attrelid = indrelid and attnum = indkey[0]) from pg_index where indrelid = '" + table + "'::regclass")) {
                String[] parts = index.split(":");
                if (!REVERSE_LOOKUP_INDEXES.contains(parts[0])) {
                    assertThat(parts[1]).as("index %s leads with tenant_id", parts[0]).isEqualTo("tenant_id");
                }
            }
            for (String foreignKey : ownerQuery("select pg_get_constraintdef(oid) from pg_constraint where contype = 'f' "
                    + "and conrelid = '" + table + "'::regclass")) {
                boolean toTenantRoot = foreignKey.matches("FOREIGN KEY \\(tenant_id\\) REFERENCES shops\\(id\\).*")
                        || foreignKey.contains("REFERENCES plans(id)");
                assertThat(toTenantRoot || foreignKey.startsWith("FOREIGN KEY (tenant_id,"))
                        .as("in-tenant foreign key %s on %s includes tenant_id", foreignKey, table).isTrue();
            }
        }
    }

    private List<String> ownerQuery(String sql) {
        try (Connection connection = DriverManager.getConnection(databaseUrl); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
