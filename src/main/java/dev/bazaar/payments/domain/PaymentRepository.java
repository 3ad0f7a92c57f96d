package dev.bazaar.payments.domain;

import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's payments. Writes use the database's clock, so that claims compare across instances. */
@Repository
public class PaymentRepository {

    private static final String COLUMNS = "tenant_id, id, order_id, gateway, status, capture_method, payment_method, "
            + "amount, currency, captured_amount, refunded_amount, customer_email, description, provider_reference, "
            + "next_action_type, next_action_url, next_action_secret, failure_code, failure_message, attempts, "
            + "claimed_until, created_at, updated_at, version";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PaymentRow(UUID tenantId, UUID id, UUID orderId, String gateway, PaymentStatus status,
                             boolean manualCapture, String paymentMethod, long amount, String currency,
                             long capturedAmount, long refundedAmount, @Nullable String customerEmail,
                             String description, @Nullable String providerReference, @Nullable String nextActionType,
                             @Nullable String nextActionUrl, @Nullable String nextActionSecret,
                             @Nullable String failureCode, @Nullable String failureMessage, int attempts,
                             @Nullable Instant claimedUntil, Instant createdAt, Instant updatedAt, long version) {}


    public PaymentRow insert(UUID tenant, UUID id, UUID orderId, String gateway, boolean manualCapture,
                             String paymentMethod, long amount, String currency, @Nullable String customerEmail,
                             String description) {
        return jdbc.sql("insert into payments (tenant_id, id, order_id, gateway, status, capture_method, payment_method, "
                        + "amount, currency, customer_email, description) values (:tenant, :id, :order, :gateway, "
                        + "'pending', :capture, :method, :amount, :currency, :email, :description) returning " + COLUMNS)
                .param("tenant", tenant).param("id", id).param("order", orderId).param("gateway", gateway)
                .param("capture", manualCapture ? "manual" : "automatic").param("method", paymentMethod)
                .param("amount", amount).param("currency", currency).param("email", customerEmail)
                .param("description", description).query(PaymentRepository::row).single();
    }

    public Optional<PaymentRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payments where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(PaymentRepository::row).optional();
    }

    /** The payment, locked for the rest of the transaction. */
    public Optional<PaymentRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payments where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(PaymentRepository::row).optional();
    }

    public Optional<PaymentRow> lockByReference(UUID tenant, String gateway, String reference) {
        return jdbc.sql("select " + COLUMNS + " from payments where tenant_id = :tenant and gateway = :gateway "
                        + "and provider_reference = :reference order by created_at limit 1 for update")
                .param("tenant", tenant).param("gateway", gateway).param("reference", reference)
                .query(PaymentRepository::row).optional();
    }

    /** Oldest first, at most {@code limit}. */
    public List<PaymentRow> forOrders(UUID tenant, Collection<UUID> orderIds, int limit) {
        return jdbc.sql("select " + COLUMNS + " from payments where tenant_id = :tenant and order_id = any(:orders) "
                        + "order by created_at, id limit :limit")
                .param("tenant", tenant).param("orders", orderIds.toArray(UUID[]::new)).param("limit", limit)
                .query(PaymentRepository::row).list();
    }

    /**
     * Claims the payment for one gateway call: a pending one, or one processing with an unknown outcome whose last
     * claim is over (its holder recorded nothing or died). Empty when someone else holds it or it is resolved.
     */
    public Optional<PaymentRow> claim(UUID tenant, UUID id, Duration lease) {
        return jdbc.sql("update payments set status = 'processing', attempts = attempts + 1, "
                        + "claimed_until = now() + cast(:lease as interval), updated_at = now(), version = version + 1 "
                        + "where tenant_id = :tenant and id = :id and status in ('pending', 'processing') "
                        + "and (claimed_until is null or claimed_until < now()) returning " + COLUMNS)
                .param("tenant", tenant).param("id", id).param("lease", lease.toMillis() + " milliseconds")
                .query(PaymentRepository::row).optional();
    }

    /** Writes a transition the caller has checked (on the locked row) and releases any claim. */
    public PaymentRow transition(UUID tenant, UUID id, PaymentStatus status, GatewayResult result, long capturedAmount) {
        GatewayResult.RequiresAction action = result instanceof GatewayResult.RequiresAction a ? a : null;
        GatewayResult.Failed failed = result instanceof GatewayResult.Failed f ? f : null;
        return jdbc.sql("update payments set status = :status, captured_amount = :captured, "
                        + "provider_reference = coalesce(:reference, provider_reference), next_action_type = :actionType, "
                        + "next_action_url = :actionUrl, next_action_secret = :actionSecret, failure_code = :failureCode, "
                        + "failure_message = :failureMessage, claimed_until = null, updated_at = now(), version = version + 1 "
                        + "where tenant_id = :tenant and id = :id returning " + COLUMNS)
                .param("tenant", tenant).param("id", id).param("status", status.code()).param("captured", capturedAmount)
                .param("reference", result.reference())
                .param("actionType", action == null ? null : action.type())
                .param("actionUrl", action == null ? null : action.url())
                .param("actionSecret", action == null ? null : action.clientSecret())
                .param("failureCode", failed == null ? null : failed.code())
                .param("failureMessage", failed == null ? null : truncate(failed.message(), 1000))
                .query(PaymentRepository::row).single();
    }

    /** An unknown outcome: the payment stays where it is, unclaimed, for a retry or reconciliation. */
    public PaymentRow release(UUID tenant, UUID id, @Nullable String reference) {
        return jdbc.sql("update payments set provider_reference = coalesce(:reference, provider_reference), "
                        + "claimed_until = null, updated_at = now(), version = version + 1 "
                        + "where tenant_id = :tenant and id = :id returning " + COLUMNS)
                .param("tenant", tenant).param("id", id).param("reference", reference)
                .query(PaymentRepository::row).single();
    }

    public void addRefunded(UUID tenant, UUID id, long amount) {
        jdbc.sql("update payments set refunded_amount = refunded_amount + :amount, updated_at = now(), version = version + 1 "
                        + "where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("amount", amount).update();
    }

    /** Across tenants (system scope): pending or processing, untouched since {@code before}, not held by anyone. */
    public List<Unresolved> unresolved(Instant before, int limit) {
        return Unresolved.find(jdbc, "payments", "status in ('pending', 'processing')", before, limit);
    }

    /**
     * Across tenants (system scope): waiting for the customer's action (3-D Secure) and untouched since
     * {@code before}, the longest untouched first.
     */
    public List<Unresolved> awaitingAction(Instant before, int limit) {
        return Unresolved.find(jdbc, "payments", "status = 'requires_action'", before, limit);
    }

    /**
     * Marks a payment as looked at without changing it ({@code updated_at} only), so that reconciliation asks about a
     * payment still waiting for its customer once per {@code bazaar.payments.requires-action-after}, not every run.
     */
    public void touch(UUID tenant, UUID id) {
        jdbc.sql("update payments set updated_at = now() where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    static PaymentRow row(ResultSet rs, int n) throws SQLException {
        return new PaymentRow(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class), rs.getString("gateway"), PaymentStatus.of(rs.getString("status")),
                rs.getString("capture_method").equals("manual"), rs.getString("payment_method"), rs.getLong("amount"),
                rs.getString("currency"), rs.getLong("captured_amount"), rs.getLong("refunded_amount"),
                rs.getString("customer_email"), rs.getString("description"), rs.getString("provider_reference"),
                rs.getString("next_action_type"), rs.getString("next_action_url"), rs.getString("next_action_secret"),
                rs.getString("failure_code"), rs.getString("failure_message"), rs.getInt("attempts"),
                Sql.instant(rs, "claimed_until"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
