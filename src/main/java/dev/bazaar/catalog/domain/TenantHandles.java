package dev.bazaar.catalog.domain;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The handles of a tenant's products, categories or collections that a generated handle must avoid. */
final class TenantHandles {

    private TenantHandles() {}

    /**
     * Handles of {@code table} (a repository's own table name, never input) equal to {@code base} or {@code base-<n>},
     * at most 1,000.
     */
    static List<String> like(JdbcClient jdbc, String table, UUID tenant, String base) {
        return jdbc.sql("select handle from " + table + " where tenant_id = :tenant and (handle = :base or handle like :prefix) "
                        + "limit 1000")
                .param("tenant", tenant).param("base", base).param("prefix", base.replace("_", "\\_") + "-%")
                .query(String.class).list();
    }
}
