package dev.bazaar.payments.domain;

import dev.bazaar.platform.persistence.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A payment or refund that reconciliation should take up again, found across shops (system scope). */
public record Unresolved(UUID tenantId, UUID id, Instant createdAt) {

    /**
     * The rows of {@code table} (a constant) matching {@code status} (a constant condition), untouched since
     * {@code before} and not held by anyone, the longest untouched first.
     */
    static List<Unresolved> find(JdbcClient jdbc, String table, String status, Instant before, int limit) {
        return jdbc.sql("select tenant_id, id, created_at from " + table + " where " + status
                        + " and updated_at < :before and (claimed_until is null or claimed_until < now()) "
                        + "order by updated_at limit :limit")
                .param("before", Sql.ts(before)).param("limit", limit)
                .query((rs, n) -> new Unresolved(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        Sql.instant(rs, "created_at")))
                .list();
    }
}
