package dev.bazaar.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.ordering.domain.OrderRepository;
import dev.bazaar.ordering.domain.OrderRepository.EventRow;
import dev.bazaar.ordering.domain.OrderRepository.FulfillmentRow;
import dev.bazaar.ordering.domain.OrderRepository.LineRow;
import dev.bazaar.ordering.domain.OrderRepository.OrderRow;
import dev.bazaar.ordering.domain.OrderRepository.RefundRow;
import dev.bazaar.payments.PaymentQueries;
import dev.bazaar.payments.PaymentView;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of orders: staff's filtered list and detail with timeline, and a customer's own orders. */
@Service
public class OrderQueries {

    static final Set<String> STATUSES = Set.of("pending_payment", "paid", "partially_fulfilled", "fulfilled", "canceled");
    static final Set<String> PAYMENT_STATUSES = Set.of("pending", "requires_action", "authorized", "paid",
            "partially_refunded", "refunded", "failed", "voided");
    private static final Pattern NUMBER = Pattern.compile("#?(\\d{1,18})");

    private final OrderRepository orders;
    private final PaymentQueries payments;
    private final CustomerService customers;
    private final JsonMapper json;

    OrderQueries(OrderRepository orders, PaymentQueries payments, CustomerService customers, JsonMapper json) {
        this.orders = orders;
        this.payments = payments;
        this.customers = customers;
        this.json = json;
    }

    public record LineView(UUID id, UUID variantId, UUID productId, String productTitle, String variantTitle,
                           @Nullable String sku, long quantity, Money unitPrice, Money subtotal, Money discount, Money tax,
                           String taxRate, Money total, long fulfilledQuantity, long refundedQuantity) {}

    public record Totals(Money subtotal, Money discount, Money shipping, Money tax, Money total, Money captured,
                         Money refunded) {}

    public record ShippingView(@Nullable UUID rateId, String name, Money price) {}

    public record FulfillmentView(UUID id, Instant createdAt, @Nullable String trackingNumber,
                                  @Nullable String trackingCompany, @Nullable String trackingUrl,
                                  List<FulfilledLine> lines) {}

    public record FulfilledLine(UUID lineId, long quantity) {}

    public record RefundView(UUID id, Money amount, String status, boolean restock, List<FulfilledLine> lines,
                             @Nullable String reason, Instant createdAt) {}

    public record TimelineEntry(UUID id, Instant at, String kind, String actorType, @Nullable UUID actorId, String message,
                                JsonNode data) {}

    /** {@code name} is the number as people say it ({@code #1001}). {@code note}, {@code timeline} only for staff. */
    public record OrderView(UUID id, long number, String name, String status, String paymentStatus, String email,
                            UUID customerId, String currency, boolean pricesIncludeTax, List<LineView> lines,
                            Totals totals, Address shippingAddress, ShippingView shipping, @Nullable UUID discountId,
                            @Nullable String discountCode, List<PaymentView> payments,
                            List<FulfillmentView> fulfillments, List<RefundView> refunds,
                            @Nullable List<TimelineEntry> timeline, @Nullable String note, Instant createdAt,
                            Instant updatedAt, @Nullable Instant paidAt, @Nullable Instant canceledAt,
                            @Nullable String cancelReason, @JsonIgnore long version) {}

    public record OrderSummary(UUID id, long number, String name, String status, String paymentStatus, String email,
                               UUID customerId, long itemCount, Money total, Instant createdAt, @Nullable Instant paidAt) {}

    /** Staff's list filters; {@code q} is an order number ({@code 1001} or {@code #1001}) or the start of an email. */
    public record OrderFilter(@Nullable String status, @Nullable String paymentStatus, @Nullable Instant createdAfter,
                              @Nullable Instant createdBefore, @Nullable UUID customerId, @Nullable String q) {}

    /** Newest first. 400 for an unknown status or payment status. Three queries whatever the page size. */
    @Transactional(readOnly = true)
    public Page<OrderSummary> list(OrderFilter filter, PageRequest page) {
        UUID tenant = TenantContext.requireTenantId();
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            throw ApplicationException.invalidField("status", "unknown_value", "must be one of " + STATUSES);
        }
        if (filter.paymentStatus() != null && !PAYMENT_STATUSES.contains(filter.paymentStatus())) {
            throw ApplicationException.invalidField("payment_status", "unknown_value", "must be one of " + PAYMENT_STATUSES);
        }
        Long number = null;
        String email = null;
        if (filter.q() != null && !filter.q().isBlank()) {
            var matcher = NUMBER.matcher(filter.q().strip());
            if (matcher.matches()) {
                number = Long.parseLong(matcher.group(1));
            } else {
                email = filter.q().strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        List<OrderRow> rows = orders.list(tenant, new OrderRepository.Filter(filter.status(), filter.paymentStatus(),
                filter.createdAfter(), filter.createdBefore(), filter.customerId(), number, email), page.afterId(),
                page.fetchSize());
        Map<UUID, List<LineRow>> lines = orders.lines(tenant, rows.stream().map(OrderRow::id).toList());
        return page.page(rows.stream().map(row -> summary(row, lines.getOrDefault(row.id(), List.of()))).toList(),
                order -> order.id().toString());
    }

    /** Staff's view, with the timeline. 404 {@code order_not_found}. */
    @Transactional(readOnly = true)
    public OrderView get(UUID orderId) {
        UUID tenant = TenantContext.requireTenantId();
        return view(tenant, orders.find(tenant, orderId).orElseThrow(OrderQueries::notFound), true);
    }

    /** The signed-in customer's orders, newest first. */
    @Transactional(readOnly = true)
    public Page<OrderSummary> mine(PageRequest page) {
        CustomerService.requirePerson();
        UUID customer = customers.findCurrentCustomerId();
        if (customer == null) {
            return new Page<>(List.of(), false, null);
        }
        return list(new OrderFilter(null, null, null, null, customer, null), page);
    }

    /** One of the signed-in customer's orders, without staff's note and timeline; another's is 404. */
    @Transactional(readOnly = true)
    public OrderView mine(UUID orderId) {
        UUID tenant = TenantContext.requireTenantId();
        CustomerService.requirePerson();
        UUID customer = customers.findCurrentCustomerId();
        OrderRow row = orders.find(tenant, orderId).filter(order -> order.customerId().equals(customer))
                .orElseThrow(OrderQueries::notFound);
        return view(tenant, row, false);
    }

    /** The order placed from a cart, as its shopper sees it (the caller has shown they may reach the cart). */
    @Transactional(readOnly = true)
    public OrderView ofCart(UUID cartId) {
        UUID tenant = TenantContext.requireTenantId();
        return view(tenant, orders.findByCart(tenant, cartId).orElseThrow(OrderQueries::notFound), false);
    }

    OrderView view(UUID tenant, OrderRow o, boolean staff) {
        String c = o.currency();
        List<LineView> lines = orders.lines(tenant, List.of(o.id())).getOrDefault(o.id(), List.of()).stream()
                .map(l -> new LineView(l.id(), l.variantId(), l.productId(), l.productTitle(), l.variantTitle(), l.sku(),
                        l.quantity(), new Money(l.unitPrice(), c), new Money(l.subtotal(), c), new Money(l.discount(), c),
                        new Money(l.tax(), c), l.taxRate().setScale(4).toPlainString(), new Money(l.total(), c),
                        l.fulfilledQuantity(), l.refundedQuantity()))
                .toList();
        List<FulfillmentView> fulfillments = orders.fulfillments(tenant, o.id()).stream().map(OrderQueries::fulfillment)
                .toList();
        List<RefundView> refunds = orders.refunds(tenant, o.id()).stream().map(r -> refund(r, c)).toList();
        List<TimelineEntry> timeline = staff ? orders.events(tenant, o.id()).stream().map(this::entry).toList() : null;
        return new OrderView(o.id(), o.number(), "#" + o.number(), o.status(), o.paymentStatus(), o.email(),
                o.customerId(), c, o.pricesIncludeTax(), lines,
                new Totals(new Money(o.subtotal(), c), new Money(o.discountTotal(), c), new Money(o.shippingTotal(), c),
                        new Money(o.taxTotal(), c), new Money(o.total(), c), new Money(o.capturedAmount(), c),
                        new Money(o.refundedAmount(), c)),
                customers.read(o.shippingAddress()), new ShippingView(o.shippingRateId(), o.shippingRateName(),
                        new Money(o.shippingTotal(), c)), o.discountId(), o.discountCode(), payments.forOrder(o.id()),
                fulfillments, refunds, timeline, staff ? o.note() : null, o.createdAt(), o.updatedAt(), o.paidAt(),
                o.canceledAt(), o.cancelReason(), o.version());
    }

    private static OrderSummary summary(OrderRow o, List<LineRow> lines) {
        return new OrderSummary(o.id(), o.number(), "#" + o.number(), o.status(), o.paymentStatus(), o.email(),
                o.customerId(), lines.stream().mapToLong(LineRow::quantity).sum(), new Money(o.total(), o.currency()),
                o.createdAt(), o.paidAt());
    }

    private static FulfillmentView fulfillment(FulfillmentRow f) {
        return new FulfillmentView(f.id(), f.createdAt(), f.trackingNumber(), f.trackingCompany(), f.trackingUrl(),
                f.lines().entrySet().stream().map(e -> new FulfilledLine(e.getKey(), e.getValue())).toList());
    }

    private RefundView refund(RefundRow r, String currency) {
        List<FulfilledLine> lines = json.readValue(r.lines(), new TypeReference<List<FulfilledLine>>() {});
        return new RefundView(r.id(), new Money(r.amount(), currency), r.status(), r.restock(), lines, r.reason(),
                r.createdAt());
    }

    private TimelineEntry entry(EventRow e) {
        return new TimelineEntry(e.id(), e.at(), e.kind(), e.actorType(), e.actorId(), e.message(), json.readTree(e.data()));
    }

    static ApplicationException notFound() {
        return new ApplicationException(OrderingErrorCode.ORDER_NOT_FOUND, "No order with this id in this shop");
    }
}
