package dev.bazaar.ordering.domain;

import dev.bazaar.platform.persistence.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's discount definitions. */
@Repository
public class DiscountRepository {

    private final JdbcClient jdbc;

    DiscountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code kind} percentage, fixed_amount or free_shipping; {@code percentage} set for percentage, {@code amount} for
     * fixed_amount; {@code targets} all, products or collections.
     */
    public record DiscountRow(UUID id, long version, Instant createdAt, Instant updatedAt, @Nullable String code,
                              String name, String kind, @Nullable BigDecimal percentage, @Nullable Long amount,
                              String currency, @Nullable Long minimumSubtotal, String targets, List<UUID> targetIds,
                              Instant startsAt, @Nullable Instant endsAt, @Nullable Long usageLimit,
                              @Nullable Long perCustomerLimit, long timesUsed, String status) {}

    public void insert(UUID tenant, DiscountRow row) {
        jdbc.sql("""
                        insert into discounts (tenant_id, id, version, created_at, updated_at, code, name, kind, percentage,
                               amount, currency, minimum_subtotal, targets, target_ids, starts_at, ends_at, usage_limit,
                               per_customer_limit, status)
                        values (:tenant, :id, 0, :at, :at, :code, :name, :kind, :percentage, :amount, :currency, :minimum,
                               :targets, :targetIds, :startsAt, :endsAt, :usageLimit, :perCustomerLimit, :status)""")
                .param("tenant", tenant).param("id", row.id()).param("at", Sql.ts(row.createdAt())).params(params(row))
                .update();
    }

    public boolean update(UUID tenant, DiscountRow row, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update discounts set code = :code, name = :name, kind = :kind, percentage = :percentage,
                               amount = :amount, currency = :currency, minimum_subtotal = :minimum, targets = :targets,
                               target_ids = :targetIds, starts_at = :startsAt, ends_at = :endsAt, usage_limit = :usageLimit,
                               per_customer_limit = :perCustomerLimit, status = :status, version = version + 1,
                               updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", row.id()).param("version", expectedVersion).param("at", Sql.ts(at))
                .params(params(row)).update() == 1;
    }

    public Optional<DiscountRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from discounts where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(DiscountRepository::row).optional();
    }

    /** The discount whose code equals {@code code} ignoring case. */
    public Optional<DiscountRow> findByCode(UUID tenant, String code) {
        return jdbc.sql("select * from discounts where tenant_id = :tenant and lower(code) = lower(:code)")
                .param("tenant", tenant).param("code", code).query(DiscountRepository::row).optional();
    }

    public List<DiscountRow> list(UUID tenant, int limit) {
        return jdbc.sql("select * from discounts where tenant_id = :tenant order by created_at, id limit :limit")
                .param("tenant", tenant).param("limit", limit).query(DiscountRepository::row).list();
    }

    /** Active automatic discounts (no code) in force at {@code now}. */
    public List<DiscountRow> automatic(UUID tenant, Instant now, int limit) {
        return jdbc.sql("""
                        select * from discounts where tenant_id = :tenant and code is null and status = 'active'
                          and starts_at <= :now and (ends_at is null or ends_at > :now)
                        order by created_at, id limit :limit""")
                .param("tenant", tenant).param("now", Sql.ts(now)).param("limit", limit)
                .query(DiscountRepository::row).list();
    }

    /**
     * Counts one use, if one is left: the row stays locked until the transaction ends, so concurrent redemptions of
     * one discount count one at a time and never pass its usage limit. Returns the row as it is after, or empty.
     */
    public Optional<DiscountRow> use(UUID tenant, UUID id) {
        return jdbc.sql("""
                        update discounts set times_used = times_used + 1
                        where tenant_id = :tenant and id = :id and (usage_limit is null or times_used < usage_limit)
                        returning *""")
                .param("tenant", tenant).param("id", id).query(DiscountRepository::row).optional();
    }

    /** How many orders with this (lower-cased) email have used the discount; call it under {@link #use}'s lock. */
    public long usesBy(UUID tenant, UUID id, String email) {
        return jdbc.sql("select count(*) from discount_redemptions where tenant_id = :tenant and discount_id = :id "
                        + "and email = :email")
                .param("tenant", tenant).param("id", id).param("email", email).query(Long.class).single();
    }

    public void recordUse(UUID tenant, UUID id, UUID orderId, String email, Instant at) {
        jdbc.sql("insert into discount_redemptions (tenant_id, discount_id, order_id, email, created_at) "
                        + "values (:tenant, :id, :order, :email, :at)")
                .param("tenant", tenant).param("id", id).param("order", orderId).param("email", email)
                .param("at", Sql.ts(at)).update();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from discounts where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    public boolean delete(UUID tenant, UUID id, @Nullable Long expectedVersion) {
        return jdbc.sql("delete from discounts where tenant_id = :tenant and id = :id"
                        + (expectedVersion != null ? " and version = :version" : ""))
                .param("tenant", tenant).param("id", id).param("version", expectedVersion == null ? 0 : expectedVersion)
                .update() == 1;
    }

    private static Map<String, @Nullable Object> params(DiscountRow row) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("code", row.code());
        params.put("name", row.name());
        params.put("kind", row.kind());
        params.put("percentage", row.percentage());
        params.put("amount", row.amount());
        params.put("currency", row.currency());
        params.put("minimum", row.minimumSubtotal());
        params.put("targets", row.targets());
        params.put("targetIds", row.targetIds().toArray(UUID[]::new));
        params.put("startsAt", Sql.ts(row.startsAt()));
        params.put("endsAt", Sql.ts(row.endsAt()));
        params.put("usageLimit", row.usageLimit());
        params.put("perCustomerLimit", row.perCustomerLimit());
        params.put("status", row.status());
        return params;
    }

    static DiscountRow row(ResultSet rs, int n) throws SQLException {
        return new DiscountRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                rs.getBigDecimal("percentage"), rs.getObject("amount", Long.class), rs.getString("currency"),
                rs.getObject("minimum_subtotal", Long.class), rs.getString("targets"),
                List.of((UUID[]) rs.getArray("target_ids").getArray()), Sql.instant(rs, "starts_at"),
                Sql.instant(rs, "ends_at"), rs.getObject("usage_limit", Long.class),
                rs.getObject("per_customer_limit", Long.class), rs.getLong("times_used"), rs.getString("status"));
    }
}
