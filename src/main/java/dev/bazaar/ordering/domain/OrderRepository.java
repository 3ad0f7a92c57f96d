package dev.bazaar.ordering.domain;

import dev.bazaar.platform.Ids;
import dev.bazaar.platform.persistence.Sql;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders with their lines, timeline, fulfillments and refunds, and the shop's order numbers. */
@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code shippingAddress} as JSON. */
    public record OrderRow(UUID id, long version, Instant createdAt, Instant updatedAt, long number, UUID cartId,
                           UUID customerId, String email, String status, String paymentStatus, String currency,
                           boolean pricesIncludeTax, long subtotal, long discountTotal, long shippingTotal, long taxTotal,
                           long total, long capturedAmount, long refundedAmount, String shippingAddress,
                           @Nullable UUID shippingRateId, String shippingRateName, @Nullable UUID discountId,
                           @Nullable String discountCode, UUID reservationId, Instant paymentExpiresAt,
                           @Nullable Instant paidAt, @Nullable Instant canceledAt, @Nullable String cancelReason,
                           @Nullable String note) {}

    public record LineRow(UUID id, UUID orderId, int position, UUID variantId, UUID productId, String productTitle,
                          String variantTitle, @Nullable String sku, long quantity, long unitPrice, long subtotal,
                          long discount, long tax, BigDecimal taxRate, long total, long fulfilledQuantity,
                          long refundedQuantity) {}

    /** {@code data} as JSON. */
    public record EventRow(UUID id, UUID orderId, Instant at, String kind, String actorType, @Nullable UUID actorId,
                           String message, String data) {}

    public record FulfillmentRow(UUID id, UUID orderId, Instant createdAt, @Nullable String trackingNumber,
                                 @Nullable String trackingCompany, @Nullable String trackingUrl,
                                 Map<UUID, Long> lines) {}

    /** {@code lines} as JSON: [{"line_id", "quantity"}]. */
    public record RefundRow(UUID id, UUID orderId, Instant createdAt, long amount, String status, boolean restock,
                            String lines, @Nullable String reason) {}

    /** Staff's list filters; nulls filter nothing. {@code number} and {@code emailPrefix} come from a search. */
    public record Filter(@Nullable String status, @Nullable String paymentStatus, @Nullable Instant createdAfter,
                         @Nullable Instant createdBefore, @Nullable UUID customerId, @Nullable Long number,
                         @Nullable String emailPrefix) {}

    /** The shop's next order number, 1001 first; the row stays locked until the transaction ends. */
    public long nextNumber(UUID tenant) {
        return jdbc.sql("""
                        insert into order_numbers (tenant_id, last_number) values (:tenant, 1001)
                        on conflict (tenant_id) do update set last_number = order_numbers.last_number + 1
                        returning last_number""")
                .param("tenant", tenant).query(Long.class).single();
    }

    public void insert(UUID tenant, OrderRow o) {
        jdbc.sql("""
                        insert into orders (tenant_id, id, version, created_at, updated_at, number, cart_id, customer_id,
                                            email, status, payment_status, currency, prices_include_tax, subtotal,
                                            discount_total, shipping_total, tax_total, total, shipping_address,
                                            shipping_rate_id, shipping_rate_name, discount_id, discount_code,
                                            reservation_id, payment_expires_at)
                        values (:tenant, :id, 0, :at, :at, :number, :cart, :customer, :email, :status, :paymentStatus,
                                :currency, :inclusive, :subtotal, :discount, :shipping, :tax, :total,
                                cast(:address as jsonb), :rate, :rateName, :discountId, :code, :reservation, :expires)""")
                .param("tenant", tenant).param("id", o.id()).param("at", Sql.ts(o.createdAt())).param("number", o.number())
                .param("cart", o.cartId()).param("customer", o.customerId()).param("email", o.email())
                .param("status", o.status()).param("paymentStatus", o.paymentStatus()).param("currency", o.currency())
                .param("inclusive", o.pricesIncludeTax()).param("subtotal", o.subtotal())
                .param("discount", o.discountTotal()).param("shipping", o.shippingTotal()).param("tax", o.taxTotal())
                .param("total", o.total()).param("address", o.shippingAddress()).param("rate", o.shippingRateId())
                .param("rateName", o.shippingRateName()).param("discountId", o.discountId())
                .param("code", o.discountCode()).param("reservation", o.reservationId())
                .param("expires", Sql.ts(o.paymentExpiresAt())).update();
    }

    public void insertLines(UUID tenant, List<LineRow> lines) {
        for (LineRow l : lines) {
            jdbc.sql("""
                            insert into order_lines (tenant_id, order_id, id, position, variant_id, product_id, product_title,
                                                     variant_title, sku, quantity, unit_price, subtotal, discount, tax,
                                                     tax_rate, total)
                            values (:tenant, :order, :id, :position, :variant, :product, :title, :variantTitle, :sku,
                                    :quantity, :price, :subtotal, :discount, :tax, :rate, :total)""")
                    .param("tenant", tenant).param("order", l.orderId()).param("id", l.id()).param("position", l.position())
                    .param("variant", l.variantId()).param("product", l.productId()).param("title", l.productTitle())
                    .param("variantTitle", l.variantTitle()).param("sku", l.sku()).param("quantity", l.quantity())
                    .param("price", l.unitPrice()).param("subtotal", l.subtotal()).param("discount", l.discount())
                    .param("tax", l.tax()).param("rate", l.taxRate()).param("total", l.total()).update();
        }
    }

    public void appendEvent(UUID tenant, UUID orderId, Instant at, String kind, String actorType, @Nullable UUID actorId,
                            String message, String data) {
        jdbc.sql("""
                        insert into order_events (tenant_id, id, order_id, at, kind, actor_type, actor_id, message, data)
                        values (:tenant, :id, :order, :at, :kind, :actorType, :actorId, :message, cast(:data as jsonb))""")
                .param("tenant", tenant).param("id", Ids.newId()).param("order", orderId).param("at", Sql.ts(at))
                .param("kind", kind).param("actorType", actorType).param("actorId", actorId).param("message", message)
                .param("data", data).update();
    }

    public Optional<OrderRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from orders where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(OrderRepository::row).optional();
    }

    public Optional<OrderRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from orders where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(OrderRepository::row).optional();
    }

    public Optional<OrderRow> findByCart(UUID tenant, UUID cartId) {
        return jdbc.sql("select * from orders where tenant_id = :tenant and cart_id = :cart")
                .param("tenant", tenant).param("cart", cartId).query(OrderRepository::row).optional();
    }

    /** Newest first, keyset-paginated by (UUIDv7) id. */
    public List<OrderRow> list(UUID tenant, Filter f, @Nullable UUID after, int limit) {
        return jdbc.sql("""
                        select * from orders where tenant_id = :tenant
                          and (cast(:after as uuid) is null or id < :after)
                          and (cast(:status as text) is null or status = :status)
                          and (cast(:paymentStatus as text) is null or payment_status = :paymentStatus)
                          and (cast(:createdAfter as timestamptz) is null or created_at >= :createdAfter)
                          and (cast(:createdBefore as timestamptz) is null or created_at < :createdBefore)
                          and (cast(:customer as uuid) is null or customer_id = :customer)
                          and (cast(:number as bigint) is null or number = :number)
                          and (cast(:email as text) is null or email like :email || '%')
                        order by id desc limit :limit""")
                .param("tenant", tenant).param("after", after).param("status", f.status())
                .param("paymentStatus", f.paymentStatus()).param("createdAfter", Sql.ts(f.createdAfter()))
                .param("createdBefore", Sql.ts(f.createdBefore())).param("customer", f.customerId())
                .param("number", f.number())
                .param("email", Sql.likeLiteral(f.emailPrefix()))
                .param("limit", limit).query(OrderRepository::row).list();
    }

    /** The lines of these orders, by order, in position order. */
    public Map<UUID, List<LineRow>> lines(UUID tenant, Collection<UUID> orderIds) {
        Map<UUID, List<LineRow>> lines = new HashMap<>();
        if (orderIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("select * from order_lines where tenant_id = :tenant and order_id = any(:orders) order by order_id, position")
                .param("tenant", tenant).param("orders", orderIds.toArray(UUID[]::new))
                .query((rs, n) -> line(rs)).list()
                .forEach(line -> lines.computeIfAbsent(line.orderId(), k -> new ArrayList<>()).add(line));
        return lines;
    }

    public List<EventRow> events(UUID tenant, UUID orderId) {
        return jdbc.sql("select * from order_events where tenant_id = :tenant and order_id = :order order by id")
                .param("tenant", tenant).param("order", orderId)
                .query((rs, n) -> new EventRow(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                        Sql.instant(rs, "at"), rs.getString("kind"), rs.getString("actor_type"),
                        rs.getObject("actor_id", UUID.class), rs.getString("message"), rs.getString("data")))
                .list();
    }

    public List<FulfillmentRow> fulfillments(UUID tenant, UUID orderId) {
        Map<UUID, Map<UUID, Long>> lines = new HashMap<>();
        jdbc.sql("""
                        select fl.fulfillment_id, fl.order_line_id, fl.quantity from fulfillment_lines fl
                        join fulfillments f on f.tenant_id = fl.tenant_id and f.id = fl.fulfillment_id
                        where f.tenant_id = :tenant and f.order_id = :order""")
                .param("tenant", tenant).param("order", orderId)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.LinkedHashMap<>())
                            .put(rs.getObject(2, UUID.class), rs.getLong(3));
                });
        return jdbc.sql("select * from fulfillments where tenant_id = :tenant and order_id = :order order by created_at, id")
                .param("tenant", tenant).param("order", orderId)
                .query((rs, n) -> new FulfillmentRow(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                        Sql.instant(rs, "created_at"), rs.getString("tracking_number"), rs.getString("tracking_company"),
                        rs.getString("tracking_url"), lines.getOrDefault(rs.getObject("id", UUID.class), Map.of())))
                .list();
    }

    public void insertFulfillment(UUID tenant, FulfillmentRow f) {
        jdbc.sql("""
                        insert into fulfillments (tenant_id, id, order_id, created_at, tracking_number, tracking_company,
                                                  tracking_url)
                        values (:tenant, :id, :order, :at, :number, :company, :url)""")
                .param("tenant", tenant).param("id", f.id()).param("order", f.orderId()).param("at", Sql.ts(f.createdAt()))
                .param("number", f.trackingNumber()).param("company", f.trackingCompany()).param("url", f.trackingUrl())
                .update();
        for (Map.Entry<UUID, Long> line : f.lines().entrySet()) {
            jdbc.sql("insert into fulfillment_lines (tenant_id, fulfillment_id, order_line_id, quantity) "
                            + "values (:tenant, :fulfillment, :line, :quantity)")
                    .param("tenant", tenant).param("fulfillment", f.id()).param("line", line.getKey())
                    .param("quantity", line.getValue()).update();
            jdbc.sql("update order_lines set fulfilled_quantity = fulfilled_quantity + :quantity "
                            + "where tenant_id = :tenant and id = :line")
                    .param("tenant", tenant).param("line", line.getKey()).param("quantity", line.getValue()).update();
        }
    }

    public void addRefundedQuantity(UUID tenant, UUID lineId, long quantity) {
        jdbc.sql("update order_lines set refunded_quantity = refunded_quantity + :quantity where tenant_id = :tenant and id = :line")
                .param("tenant", tenant).param("line", lineId).param("quantity", quantity).update();
    }

    public void insertRefund(UUID tenant, RefundRow r) {
        jdbc.sql("""
                        insert into order_refunds (tenant_id, id, order_id, created_at, amount, status, restock, lines, reason)
                        values (:tenant, :id, :order, :at, :amount, :status, :restock, cast(:lines as jsonb), :reason)""")
                .param("tenant", tenant).param("id", r.id()).param("order", r.orderId()).param("at", Sql.ts(r.createdAt()))
                .param("amount", r.amount()).param("status", r.status()).param("restock", r.restock())
                .param("lines", r.lines()).param("reason", r.reason()).update();
    }

    public Optional<RefundRow> lockRefund(UUID tenant, UUID id) {
        return jdbc.sql("select * from order_refunds where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id)
                .query((rs, n) -> refund(rs)).optional();
    }

    public List<RefundRow> refunds(UUID tenant, UUID orderId) {
        return jdbc.sql("select * from order_refunds where tenant_id = :tenant and order_id = :order order by created_at, id")
                .param("tenant", tenant).param("order", orderId).query((rs, n) -> refund(rs)).list();
    }

    public void setRefundStatus(UUID tenant, UUID id, String status) {
        jdbc.sql("update order_refunds set status = :status where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("status", status).update();
    }

    /** Sets the order's status and payment status (each null: unchanged), bumping its version. */
    public void setStatus(UUID tenant, UUID id, @Nullable String status, @Nullable String paymentStatus, Instant at) {
        jdbc.sql("""
                        update orders set status = coalesce(:status, status),
                                          payment_status = coalesce(:paymentStatus, payment_status),
                                          version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("status", status).param("paymentStatus", paymentStatus)
                .param("at", Sql.ts(at)).update();
    }

    public void markPaid(UUID tenant, UUID id, long captured, Instant at) {
        jdbc.sql("""
                        update orders set status = 'paid', payment_status = 'paid', captured_amount = captured_amount + :captured,
                                          paid_at = :at, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("captured", captured).param("at", Sql.ts(at)).update();
    }

    /** Money captured for an order that no longer waits for it (it is refunded next). */
    public void addCaptured(UUID tenant, UUID id, long captured, Instant at) {
        jdbc.sql("""
                        update orders set captured_amount = captured_amount + :captured, payment_status = 'paid',
                                          version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("captured", captured).param("at", Sql.ts(at)).update();
    }

    public void cancel(UUID tenant, UUID id, @Nullable String reason, Instant at) {
        jdbc.sql("""
                        update orders set status = 'canceled', canceled_at = :at, cancel_reason = :reason,
                                          version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("reason", reason).param("at", Sql.ts(at)).update();
    }

    public void addRefunded(UUID tenant, UUID id, long amount, String paymentStatus, Instant at) {
        jdbc.sql("""
                        update orders set refunded_amount = refunded_amount + :amount, payment_status = :paymentStatus,
                                          version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("amount", amount).param("paymentStatus", paymentStatus)
                .param("at", Sql.ts(at)).update();
    }

    public void setNote(UUID tenant, UUID id, @Nullable String note, Instant at) {
        jdbc.sql("update orders set note = :note, version = version + 1, updated_at = :at where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("note", note).param("at", Sql.ts(at)).update();
    }

    /** Unpaid orders past their payment window, in every shop (system scope). */
    public List<Due> paymentDue(Instant now, int limit) {
        return jdbc.sql("select tenant_id, id from orders where status = 'pending_payment' and payment_expires_at <= :now "
                        + "order by payment_expires_at limit :limit")
                .param("now", Sql.ts(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class))).list();
    }

    public record Due(UUID tenantId, UUID id) {}

    static OrderRow row(ResultSet rs, int n) throws SQLException {
        return new OrderRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getLong("number"), rs.getObject("cart_id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getString("email"), rs.getString("status"),
                rs.getString("payment_status"), rs.getString("currency"), rs.getBoolean("prices_include_tax"),
                rs.getLong("subtotal"), rs.getLong("discount_total"), rs.getLong("shipping_total"), rs.getLong("tax_total"),
                rs.getLong("total"), rs.getLong("captured_amount"), rs.getLong("refunded_amount"),
                rs.getString("shipping_address"), rs.getObject("shipping_rate_id", UUID.class),
                rs.getString("shipping_rate_name"), rs.getObject("discount_id", UUID.class), rs.getString("discount_code"),
                rs.getObject("reservation_id", UUID.class), Sql.instant(rs, "payment_expires_at"),
                Sql.instant(rs, "paid_at"), Sql.instant(rs, "canceled_at"), rs.getString("cancel_reason"),
                rs.getString("note"));
    }

    static LineRow line(ResultSet rs) throws SQLException {
        return new LineRow(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class), rs.getInt("position"),
                rs.getObject("variant_id", UUID.class), rs.getObject("product_id", UUID.class),
                rs.getString("product_title"), rs.getString("variant_title"), rs.getString("sku"), rs.getLong("quantity"),
                rs.getLong("unit_price"), rs.getLong("subtotal"), rs.getLong("discount"), rs.getLong("tax"),
                rs.getBigDecimal("tax_rate"), rs.getLong("total"), rs.getLong("fulfilled_quantity"),
                rs.getLong("refunded_quantity"));
    }

    static RefundRow refund(ResultSet rs) throws SQLException {
        return new RefundRow(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                Sql.instant(rs, "created_at"), rs.getLong("amount"), rs.getString("status"), rs.getBoolean("restock"),
                rs.getString("lines"), rs.getString("reason"));
    }
}
