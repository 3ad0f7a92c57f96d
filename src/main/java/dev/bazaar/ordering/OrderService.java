package dev.bazaar.ordering;

import dev.bazaar.inventory.InventoryService;
import dev.bazaar.ordering.OrderQueries.FulfilledLine;
import dev.bazaar.ordering.OrderQueries.OrderView;
import dev.bazaar.ordering.domain.OrderRepository;
import dev.bazaar.ordering.domain.OrderRepository.FulfillmentRow;
import dev.bazaar.ordering.domain.OrderRepository.LineRow;
import dev.bazaar.ordering.domain.OrderRepository.OrderRow;
import dev.bazaar.ordering.domain.OrderRepository.RefundRow;
import dev.bazaar.ordering.domain.OrderStates;
import dev.bazaar.ordering.domain.OrderStates.PaymentStatus;
import dev.bazaar.ordering.domain.OrderStates.Status;
import dev.bazaar.payments.PaymentEvent;
import dev.bazaar.payments.PaymentQueries;
import dev.bazaar.payments.PaymentService;
import dev.bazaar.payments.PaymentView;
import dev.bazaar.payments.RefundView;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff's changes to orders (cancel, fulfil, refund, capture, notes) and what payments tell orders. Each change locks
 * the order, checks the transition ({@link OrderStates}; 422 with a stable code otherwise), appends to the timeline and
 * publishes its {@link OrderEvent} in the same transaction. Money moves in two steps: the refund, void or capture is
 * recorded with the order's change, and sent to the gateway after the commit (its durable job sends it if this
 * process dies first); the gateway's answer comes back as a {@link PaymentEvent} ({@link #recordPayment}).
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final Set<String> VOIDABLE = Set.of("pending", "processing", "requires_action", "authorized");

    private final OrderRepository orders;
    private final OrderQueries queries;
    private final OrderTimeline timeline;
    private final InventoryService inventory;
    private final PaymentService payments;
    private final PaymentQueries paymentQueries;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    OrderService(OrderRepository orders, OrderQueries queries, OrderTimeline timeline, InventoryService inventory,
                 PaymentService payments, PaymentQueries paymentQueries, TenantScope tenantScope,
                 TransactionTemplate transactions, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.orders = orders;
        this.queries = queries;
        this.timeline = timeline;
        this.inventory = inventory;
        this.payments = payments;
        this.paymentQueries = paymentQueries;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Units of one order line; {@code quantity} null for all that are left. */
    public record LineQuantity(@Nullable UUID lineId, @Nullable Long quantity) {}

    /** {@code lines} null or empty: everything left to ship. */
    public record FulfillmentSpec(@Nullable List<LineQuantity> lines, @Nullable String trackingNumber,
                                  @Nullable String trackingCompany, @Nullable String trackingUrl) {}

    /**
     * {@code amount} given: the money refunded (lines then only say which units, if any, came back); absent: the
     * lines' share of what they cost. {@code restock} (default true) puts the lines' units back in stock once the
     * refund succeeds.
     */
    public record RefundSpec(@Nullable List<LineQuantity> lines, @Nullable Money amount, @Nullable Boolean restock,
                             @Nullable String reason) {}

    private record AfterCommit(List<UUID> voids, List<UUID> refunds, @Nullable UUID capture) {
        static AfterCommit none() {
            return new AfterCommit(List.of(), List.of(), null);
        }
    }

    /**
     * Cancels an order that has shipped nothing: unpaid, its stock is released and its payment voided; paid, its
     * units go back to stock and what was captured is refunded. 422 {@code order_not_cancelable} otherwise (shipped,
     * already canceled); 412 when {@code expectedVersion} is stale.
     */
    public OrderView cancel(UUID orderId, @Nullable String reason, @Nullable Long expectedVersion) {
        String why = reason == null || reason.isBlank() ? null : Text.line("reason", reason, 500);
        AfterCommit after = transactions.execute(status -> cancelInTransaction(orderId, why, expectedVersion));
        send(after);
        return queries.get(orderId);
    }

    /** Ships units (all that are left by default) with optional tracking; the order becomes partially or fully fulfilled. */
    @Transactional
    public OrderView fulfil(UUID orderId, FulfillmentSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        OrderRow order = orders.lock(tenant, orderId).orElseThrow(OrderQueries::notFound);
        if (!OrderStates.isFulfillable(Status.of(order.status()))) {
            throw new ApplicationException(OrderingErrorCode.ORDER_NOT_FULFILLABLE, "An order is fulfilled once paid and "
                    + "until everything is shipped; this one is " + order.status());
        }
        List<LineRow> lines = orders.lines(tenant, List.of(orderId)).getOrDefault(orderId, List.of());
        Map<UUID, Long> shipping = units(lines, spec.lines(), line -> line.quantity() - line.fulfilledQuantity()
                - line.refundedQuantity(), OrderingErrorCode.FULFILLMENT_EXCEEDS_ORDER);
        if (shipping.isEmpty()) {
            throw new ApplicationException(OrderingErrorCode.ORDER_NOT_FULFILLABLE, "Nothing is left to ship");
        }
        String url = spec.trackingUrl() == null || spec.trackingUrl().isBlank() ? null : spec.trackingUrl().strip();
        if (url != null && (!url.matches("https?://\\S+") || url.length() > 2000)) {
            throw ApplicationException.invalidField("tracking_url", "invalid_url", "must be an http(s) URL");
        }
        Instant now = clock.instant();
        UUID id = Ids.newId();
        orders.insertFulfillment(tenant, new FulfillmentRow(id, orderId, now, optional("tracking_number",
                spec.trackingNumber(), 100), optional("tracking_company", spec.trackingCompany(), 100), url, shipping));
        long left = 0;
        for (LineRow line : lines) {
            left += line.quantity() - line.fulfilledQuantity() - line.refundedQuantity() - shipping.getOrDefault(line.id(), 0L);
        }
        Status next = OrderStates.afterFulfillment(left);
        orders.setStatus(tenant, orderId, next.code(), null, now);
        long units = shipping.values().stream().mapToLong(Long::longValue).sum();
        timeline.append(orderId, "fulfilled", units + " unit(s) were shipped" + (spec.trackingNumber() == null ? ""
                : ", tracking " + spec.trackingNumber().strip()), Map.of("fulfillment_id", id.toString(), "units", units));
        events.publishEvent(new OrderEvent.Fulfilled(tenant, orderId, order.number(), id, next == Status.FULFILLED, now));
        return queries.get(orderId);
    }

    /**
     * Refunds part or all of what was captured: by lines (their share of what they cost, tax and discounts included)
     * or by amount. Never more than captured less refunded (422 {@code refund_exceeds_captured}); 422
     * {@code order_not_refundable} when nothing was captured. The refund is pending until the gateway answers.
     */
    public OrderView refund(UUID orderId, RefundSpec spec) {
        AfterCommit after = transactions.execute(status -> refundInTransaction(orderId, spec));
        send(after);
        return queries.get(orderId);
    }

    /** Captures the order's authorized payment (shops that capture manually); 422 {@code order_not_capturable}. */
    public OrderView capture(UUID orderId) {
        UUID tenant = TenantContext.requireTenantId();
        UUID payment = transactions.execute(status -> {
            OrderRow order = orders.lock(tenant, orderId).orElseThrow(OrderQueries::notFound);
            if (!order.status().equals("pending_payment") || !order.paymentStatus().equals("authorized")) {
                throw new ApplicationException(OrderingErrorCode.ORDER_NOT_CAPTURABLE, "The order's payment is "
                        + order.paymentStatus());
            }
            timeline.append(orderId, "capture_requested", "Capture of the authorized payment was requested", Map.of());
            return paymentQueries.forOrder(orderId).stream().filter(p -> p.status().equals("authorized"))
                    .map(PaymentView::id).findFirst().orElseThrow(() -> new ApplicationException(
                            OrderingErrorCode.ORDER_NOT_CAPTURABLE, "The order has no authorized payment"));
        });
        send(new AfterCommit(List.of(), List.of(), payment));
        return queries.get(orderId);
    }

    /** Adds a staff note to the timeline (1 to 5,000 characters). */
    @Transactional
    public OrderView addNote(UUID orderId, @Nullable String message) {
        UUID tenant = TenantContext.requireTenantId();
        orders.lock(tenant, orderId).orElseThrow(OrderQueries::notFound);
        if (message == null || message.isBlank()) {
            throw ApplicationException.invalidField("message", "required", "is required");
        }
        String text = message.strip();
        if (text.length() > 5000) {
            throw ApplicationException.invalidField("message", "too_long", "must be at most 5000 characters");
        }
        timeline.append(orderId, "note", text, Map.of());
        return queries.get(orderId);
    }

    /**
     * Cancels unpaid orders past their payment window, in every shop, releasing their stock and voiding their payments;
     * returns how many were due. Safe on several instances at once.
     */
    public int expireUnpaid() {
        List<OrderRepository.Due> due = tenantScope.system("find unpaid orders past their payment window",
                () -> transactions.execute(status -> orders.paymentDue(clock.instant(), 200)));
        for (OrderRepository.Due order : due) {
            tenantScope.run(order.tenantId(), () -> {
                AfterCommit after = transactions.execute(status -> {
                    OrderRow locked = orders.lock(order.tenantId(), order.id()).orElse(null);
                    if (locked == null || !locked.status().equals("pending_payment")
                            || locked.paymentExpiresAt().isAfter(clock.instant())) {
                        return AfterCommit.none();
                    }
                    return cancelInTransaction(order.id(), "The payment window ended", null);
                });
                send(after);
            });
        }
        return due.size();
    }

    /**
     * What a payment's outcome means for its order, in the transaction that records the outcome. A payment that
     * succeeds for an order that is no longer waiting (canceled meanwhile, or paid by another payment) is refunded.
     * Outcomes the order's state does not allow are logged and ignored; nothing here throws for them.
     */
    @Transactional
    public void recordPayment(PaymentEvent event) {
        UUID tenant = event.tenantId();
        OrderRow order = orders.lock(tenant, event.orderId()).orElse(null);
        if (order == null) {
            log.warn("Payment {} names order {}, which does not exist", event.paymentId(), event.orderId());
            return;
        }
        PaymentStatus current = PaymentStatus.of(order.paymentStatus());
        Instant now = event.at();
        switch (event) {
            case PaymentEvent.Authorized e -> {
                if (order.status().equals("pending_payment") && OrderStates.canBecome(current, PaymentStatus.AUTHORIZED)) {
                    orders.setStatus(tenant, order.id(), null, "authorized", now);
                    timeline.append(order.id(), "payment_authorized", "The payment was authorized",
                            Map.of("payment_id", e.paymentId().toString()));
                } else {
                    voidLate(order, e.paymentId());
                }
            }
            case PaymentEvent.Succeeded e -> paid(order, e);
            case PaymentEvent.RequiresAction e -> {
                if (order.status().equals("pending_payment") && OrderStates.canBecome(current, PaymentStatus.REQUIRES_ACTION)) {
                    orders.setStatus(tenant, order.id(), null, "requires_action", now);
                    timeline.append(order.id(), "payment_requires_action", "The payment needs the customer to "
                            + "authenticate", Map.of("payment_id", e.paymentId().toString()));
                }
            }
            case PaymentEvent.Failed e -> {
                if (order.status().equals("pending_payment") && OrderStates.canBecome(current, PaymentStatus.FAILED)) {
                    orders.setStatus(tenant, order.id(), null, "failed", now);
                }
                timeline.append(order.id(), "payment_failed", "The payment failed: " + e.code(),
                        Map.of("payment_id", e.paymentId().toString(), "code", e.code()));
            }
            case PaymentEvent.Canceled e -> {
                if (OrderStates.canBecome(current, PaymentStatus.VOIDED) && !order.status().equals("pending_payment")) {
                    orders.setStatus(tenant, order.id(), null, "voided", now);
                }
                timeline.append(order.id(), "payment_voided", "The payment was voided",
                        Map.of("payment_id", e.paymentId().toString()));
            }
            case PaymentEvent.Refunded e -> refunded(order, e);
            case PaymentEvent.RefundFailed e -> {
                RefundRow refund = orders.lockRefund(tenant, e.refundId()).orElse(null);
                if (refund != null && refund.status().equals("pending")) {
                    orders.setRefundStatus(tenant, refund.id(), "failed");
                    for (FulfilledLine line : lines(refund)) {
                        orders.addRefundedQuantity(tenant, line.lineId(), -line.quantity());
                    }
                }
                timeline.append(order.id(), "refund_failed", "A refund of " + e.amount().amount() + " "
                        + e.amount().currency() + " failed: " + e.code(), Map.of("refund_id", e.refundId().toString()));
            }
        }
    }

    private void paid(OrderRow order, PaymentEvent.Succeeded e) {
        UUID tenant = e.tenantId();
        long amount = e.amount().amount();
        boolean waiting = order.status().equals("pending_payment") && order.capturedAmount() == 0 && amount == order.total();
        if (waiting) {
            // Not commit() and a catch: its exception would mark this transaction, the payment's record, rollback-only.
            if (inventory.commitIfActive(order.reservationId())) {
                orders.markPaid(tenant, order.id(), amount, e.at());
                timeline.append(order.id(), "paid", "The payment of " + amount + " " + order.currency()
                        + " was captured", Map.of("payment_id", e.paymentId().toString()));
                events.publishEvent(new OrderEvent.Paid(tenant, order.id(), order.number(), order.email(), e.amount(),
                        e.at()));
                return;
            }
            // The stock was given back before the money came (the order's expiry ran late): the order cannot be kept.
            String reason = "The stock reservation ended before the payment came";
            log.warn("Order {} was paid after its reservation ended; canceling and refunding it", order.id());
            orders.cancel(tenant, order.id(), reason, e.at());
            timeline.append(order.id(), "canceled", "The order was canceled: " + reason, Map.of());
            events.publishEvent(new OrderEvent.Canceled(tenant, order.id(), order.number(), reason, e.at()));
        }
        // Not waiting for this money (canceled meanwhile, or already paid): give it back.
        RefundView refund = payments.refund(e.paymentId(), amount, "The order was no longer waiting for this payment");
        if (order.capturedAmount() == 0 && amount <= order.total()) {
            // The order's own money (it was canceled): counted as captured, then refunded.
            orders.addCaptured(tenant, order.id(), amount, e.at());
            orders.insertRefund(tenant, new RefundRow(refund.id(), order.id(), e.at(), amount, "pending", false, "[]",
                    "The order was canceled before the payment completed"));
        }
        timeline.append(order.id(), "payment_refunded_late", "A payment of " + amount + " " + order.currency()
                + " came after the order stopped waiting for it and is being refunded",
                Map.of("payment_id", e.paymentId().toString(), "refund_id", refund.id().toString()));
    }

    private void refunded(OrderRow order, PaymentEvent.Refunded e) {
        UUID tenant = TenantContext.requireTenantId();
        RefundRow refund = orders.lockRefund(tenant, e.refundId()).orElse(null);
        if (refund == null || !refund.status().equals("pending")) {
            timeline.append(order.id(), "refunded", "A refund of " + e.amount().amount() + " " + e.amount().currency()
                    + " went through", Map.of("refund_id", e.refundId().toString()));
            return;
        }
        orders.setRefundStatus(tenant, refund.id(), "succeeded");
        long refunded = order.refundedAmount() + refund.amount();
        orders.addRefunded(tenant, order.id(), refund.amount(),
                OrderStates.afterRefund(order.capturedAmount(), refunded).code(), e.at());
        if (refund.restock()) {
            Map<UUID, Long> back = new HashMap<>();
            Map<UUID, LineRow> byId = new HashMap<>();
            orders.lines(tenant, List.of(order.id())).getOrDefault(order.id(), List.of()).forEach(l -> byId.put(l.id(), l));
            for (FulfilledLine line : lines(refund)) {
                back.merge(byId.get(line.lineId()).variantId(), line.quantity(), Long::sum);
            }
            if (!back.isEmpty()) {
                try {
                    inventory.restock(order.reservationId(), back);
                } catch (ApplicationException e2) {
                    timeline.append(order.id(), "restock_skipped", "The refunded units could not go back to stock: "
                            + e2.getMessage(), Map.of("refund_id", refund.id().toString()));
                }
            }
        }
        timeline.append(order.id(), "refunded", "A refund of " + refund.amount() + " " + order.currency()
                + " went through", Map.of("refund_id", refund.id().toString()));
        events.publishEvent(new OrderEvent.Refunded(tenant, order.id(), order.number(), refund.id(),
                new Money(refund.amount(), order.currency()), new Money(refunded, order.currency()), e.at()));
    }

    private void voidLate(OrderRow order, UUID paymentId) {
        timeline.append(order.id(), "payment_voided_late", "An authorization came after the order stopped waiting "
                + "for it and is being voided", Map.of("payment_id", paymentId.toString()));
    }

    private AfterCommit cancelInTransaction(UUID orderId, @Nullable String reason, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        OrderRow order = orders.lock(tenant, orderId).orElseThrow(OrderQueries::notFound);
        if (expectedVersion != null && expectedVersion != order.version()) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The order was changed since you read it");
        }
        if (!OrderStates.isCancelable(Status.of(order.status()))) {
            throw new ApplicationException(OrderingErrorCode.ORDER_NOT_CANCELABLE, "An order can be canceled until "
                    + "something ships; this one is " + order.status());
        }
        Instant now = clock.instant();
        List<UUID> voids = new ArrayList<>();
        List<UUID> refunds = new ArrayList<>();
        if (order.status().equals("pending_payment")) {
            inventory.release(order.reservationId());
            paymentQueries.forOrder(orderId).stream().filter(p -> VOIDABLE.contains(p.status()))
                    .forEach(p -> voids.add(p.id()));
        } else {
            List<LineRow> lines = orders.lines(tenant, List.of(orderId)).getOrDefault(orderId, List.of());
            Map<UUID, Long> back = new HashMap<>();
            List<FulfilledLine> refundedLines = new ArrayList<>();
            for (LineRow line : lines) {
                long left = line.quantity() - line.refundedQuantity();
                if (left > 0) {
                    back.merge(line.variantId(), left, Long::sum);
                    refundedLines.add(new FulfilledLine(line.id(), left));
                    orders.addRefundedQuantity(tenant, line.id(), left);
                }
            }
            if (!back.isEmpty()) {
                inventory.restock(order.reservationId(), back);
            }
            long refundable = order.capturedAmount() - order.refundedAmount() - pendingRefunds(tenant, orderId);
            if (refundable > 0) {
                refunds.add(startRefund(order, refundable, refundedLines, false, "The order was canceled"));
            }
        }
        orders.cancel(tenant, orderId, reason, now);
        timeline.append(orderId, "canceled", "The order was canceled" + (reason == null ? "" : ": " + reason),
                Map.of());
        events.publishEvent(new OrderEvent.Canceled(tenant, orderId, order.number(), reason, now));
        return new AfterCommit(voids, refunds, null);
    }

    private AfterCommit refundInTransaction(UUID orderId, RefundSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        OrderRow order = orders.lock(tenant, orderId).orElseThrow(OrderQueries::notFound);
        if (order.capturedAmount() == 0) {
            throw new ApplicationException(OrderingErrorCode.ORDER_NOT_REFUNDABLE, "Nothing was captured for this order");
        }
        List<LineRow> lines = orders.lines(tenant, List.of(orderId)).getOrDefault(orderId, List.of());
        Map<UUID, Long> units = spec.lines() == null || spec.lines().isEmpty() ? Map.of()
                : units(lines, spec.lines(), line -> line.quantity() - line.refundedQuantity(),
                        OrderingErrorCode.REFUND_EXCEEDS_CAPTURED);
        long amount;
        if (spec.amount() != null) {
            if (!spec.amount().currency().equals(order.currency())) {
                throw ApplicationException.invalidField("amount.currency", "currency_mismatch", "must be " + order.currency());
            }
            amount = spec.amount().amount();
            if (amount <= 0) {
                throw ApplicationException.invalidField("amount.amount", "must_be_positive", "must be greater than 0");
            }
        } else if (!units.isEmpty()) {
            amount = 0;
            for (LineRow line : lines) {
                long q = units.getOrDefault(line.id(), 0L);
                // The units' share of the line's total; the last units take what rounding left, so a whole line adds
                // up to exactly its total.
                amount += share(line.total(), line.refundedQuantity() + q, line.quantity())
                        - share(line.total(), line.refundedQuantity(), line.quantity());
            }
        } else {
            throw ApplicationException.invalidField("amount", "required", "send lines, an amount, or both");
        }
        long refundable = order.capturedAmount() - order.refundedAmount() - pendingRefunds(tenant, orderId);
        if (amount > refundable) {
            throw new ApplicationException(OrderingErrorCode.REFUND_EXCEEDS_CAPTURED, "At most " + refundable + " "
                    + order.currency() + " can be refunded", List.of(), Map.of("refundable",
                    Map.of("amount", refundable, "currency", order.currency())));
        }
        List<FulfilledLine> refundedLines = new ArrayList<>();
        units.forEach((line, q) -> {
            refundedLines.add(new FulfilledLine(line, q));
            orders.addRefundedQuantity(tenant, line, q);
        });
        String reason = spec.reason() == null || spec.reason().isBlank() ? null : Text.line("reason", spec.reason(), 500);
        UUID refund = startRefund(order, amount, refundedLines, spec.restock() == null || spec.restock(), reason);
        return new AfterCommit(List.of(), List.of(refund), null);
    }

    private UUID startRefund(OrderRow order, long amount, List<FulfilledLine> lines, boolean restock,
                             @Nullable String reason) {
        UUID tenant = TenantContext.requireTenantId();
        PaymentView payment = paymentQueries.forOrder(order.id()).stream()
                .filter(p -> p.status().equals("succeeded") && p.capturedAmount() - p.refundedAmount() >= amount)
                .findFirst().orElseThrow(() -> new ApplicationException(OrderingErrorCode.REFUND_EXCEEDS_CAPTURED,
                        "No payment of the order has " + amount + " " + order.currency() + " left to refund"));
        RefundView refund = payments.refund(payment.id(), amount, reason);
        orders.insertRefund(tenant, new RefundRow(refund.id(), order.id(), clock.instant(), amount, "pending", restock,
                json.writeValueAsString(lines), reason));
        timeline.append(order.id(), "refund_requested", "A refund of " + amount + " " + order.currency()
                + " was requested", Map.of("refund_id", refund.id().toString(), "amount", amount));
        return refund.id();
    }

    private long pendingRefunds(UUID tenant, UUID orderId) {
        return orders.refunds(tenant, orderId).stream().filter(r -> r.status().equals("pending"))
                .mapToLong(RefundRow::amount).sum();
    }

    private void send(@Nullable AfterCommit after) {
        if (after == null) {
            return;
        }
        // After the commit: each call records its own outcome; if one fails here, its durable job sends it again.
        try {
            for (UUID payment : after.voids()) {
                payments.cancel(payment);
            }
            for (UUID refund : after.refunds()) {
                payments.processRefund(refund);
            }
            if (after.capture() != null) {
                payments.capture(after.capture());
            }
        } catch (RuntimeException e) {
            log.warn("A payment call after an order change failed; its job will retry", e);
        }
    }

    private List<FulfilledLine> lines(RefundRow refund) {
        return json.readValue(refund.lines(), new tools.jackson.core.type.TypeReference<List<FulfilledLine>>() {});
    }

    /** {@code total × units / quantity}, rounded down. */
    static long share(long total, long units, long quantity) {
        return java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.valueOf(units))
                .divide(java.math.BigInteger.valueOf(quantity)).longValueExact();
    }

    private static Map<UUID, Long> units(List<LineRow> lines, @Nullable List<LineQuantity> asked,
                                         java.util.function.ToLongFunction<LineRow> left, OrderingErrorCode tooMany) {
        Map<UUID, LineRow> byId = new LinkedHashMap<>();
        lines.forEach(line -> byId.put(line.id(), line));
        Map<UUID, Long> units = new LinkedHashMap<>();
        if (asked == null || asked.isEmpty()) {
            for (LineRow line : lines) {
                if (left.applyAsLong(line) > 0) {
                    units.put(line.id(), left.applyAsLong(line));
                }
            }
            return units;
        }
        for (LineQuantity q : asked) {
            if (q.lineId() == null) {
                throw ApplicationException.invalidField("lines.line_id", "required", "is required");
            }
            LineRow line = byId.get(q.lineId());
            if (line == null) {
                throw ApplicationException.invalidField("lines.line_id", "unknown_line", "is not a line of this order");
            }
            long want = q.quantity() == null ? left.applyAsLong(line) : q.quantity();
            if (want <= 0 && q.quantity() != null) {
                throw ApplicationException.invalidField("lines.quantity", "must_be_positive", "must be 1 or more");
            }
            long total = units.getOrDefault(line.id(), 0L) + want;
            if (total > left.applyAsLong(line)) {
                throw new ApplicationException(tooMany, "Line " + line.id() + " has " + left.applyAsLong(line)
                        + " unit(s) left", List.of(), Map.of("line_id", line.id().toString(), "left", left.applyAsLong(line)));
            }
            if (want > 0) {
                units.put(line.id(), total);
            }
        }
        return units;
    }

    private static @Nullable String optional(String field, @Nullable String value, int max) {
        return value == null || value.isBlank() ? null : Text.line(field, value, max);
    }
}
