package dev.bazaar.payments.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's refunds, each read with its payment's order. */
@Repository
public class RefundRepository {

    private static final String SELECT = "select r.tenant_id, r.id, r.payment_id, p.order_id, p.gateway, p.currency, "
            + "r.amount, r.status, r.reason, r.provider_reference, r.failure_code, r.attempts, r.claimed_until, "
            + "r.created_at, r.updated_at from payment_refunds r join payments p on p.tenant_id = r.tenant_id "
            + "and p.id = r.payment_id ";

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code status}: pending, succeeded or failed. */
    public record RefundRow(UUID tenantId, UUID id, UUID paymentId, UUID orderId, String gateway, String currency,
                            long amount, String status, @Nullable String reason, @Nullable String providerReference,
                            @Nullable String failureCode, int attempts, @Nullable Instant claimedUntil,
                            Instant createdAt, Instant updatedAt) {}


    public void insert(UUID tenant, UUID id, UUID paymentId, long amount, @Nullable String reason) {
        jdbc.sql("insert into payment_refunds (tenant_id, id, payment_id, amount, status, reason) "
                        + "values (:tenant, :id, :payment, :amount, 'pending', :reason)")
                .param("tenant", tenant).param("id", id).param("payment", paymentId).param("amount", amount)
                .param("reason", reason).update();
    }

    public Optional<RefundRow> find(UUID tenant, UUID id) {
        return jdbc.sql(SELECT + "where r.tenant_id = :tenant and r.id = :id")
                .param("tenant", tenant).param("id", id).query(RefundRepository::row).optional();
    }

    /** The refund, locked; lock its payment first (the order every writer takes). */
    public Optional<RefundRow> lock(UUID tenant, UUID id) {
        return jdbc.sql(SELECT + "where r.tenant_id = :tenant and r.id = :id for update of r")
                .param("tenant", tenant).param("id", id).query(RefundRepository::row).optional();
    }

    public Optional<UUID> idByReference(UUID tenant, String reference) {
        return jdbc.sql("select id from payment_refunds where tenant_id = :tenant and provider_reference = :reference limit 1")
                .param("tenant", tenant).param("reference", reference).query(UUID.class).optional();
    }

    public List<RefundRow> forOrder(UUID tenant, UUID orderId, int limit) {
        return jdbc.sql(SELECT + "where r.tenant_id = :tenant and p.order_id = :order order by r.created_at, r.id limit :limit")
                .param("tenant", tenant).param("order", orderId).param("limit", limit)
                .query(RefundRepository::row).list();
    }

    /** The sum of the payment's refunds still pending. */
    public long pendingTotal(UUID tenant, UUID paymentId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from payment_refunds where tenant_id = :tenant "
                        + "and payment_id = :payment and status = 'pending'")
                .param("tenant", tenant).param("payment", paymentId).query(Long.class).single();
    }

    /** Claims a pending refund for one gateway call; empty when someone holds it or it is resolved. */
    public boolean claim(UUID tenant, UUID id, Duration lease) {
        return jdbc.sql("update payment_refunds set attempts = attempts + 1, claimed_until = now() + cast(:lease as interval), "
                        + "updated_at = now() where tenant_id = :tenant and id = :id and status = 'pending' "
                        + "and (claimed_until is null or claimed_until < now())")
                .param("tenant", tenant).param("id", id).param("lease", lease.toMillis() + " milliseconds").update() == 1;
    }

    /** Records the outcome (or, with status pending, an unknown one) and releases the claim. */
    public void resolve(UUID tenant, UUID id, String status, @Nullable String reference, @Nullable String failureCode) {
        jdbc.sql("update payment_refunds set status = :status, provider_reference = coalesce(:reference, provider_reference), "
                        + "failure_code = :code, claimed_until = null, updated_at = now() where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("status", status).param("reference", reference)
                .param("code", failureCode).update();
    }

    /** Across tenants (system scope): pending, untouched since {@code before}, not held by anyone. */
    public List<Unresolved> unresolved(Instant before, int limit) {
        return Unresolved.find(jdbc, "payment_refunds", "status = 'pending'", before, limit);
    }

    static RefundRow row(ResultSet rs, int n) throws SQLException {
        return new RefundRow(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("payment_id", UUID.class), rs.getObject("order_id", UUID.class), rs.getString("gateway"),
                rs.getString("currency"), rs.getLong("amount"), rs.getString("status"), rs.getString("reason"),
                rs.getString("provider_reference"), rs.getString("failure_code"), rs.getInt("attempts"),
                Sql.instant(rs, "claimed_until"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
