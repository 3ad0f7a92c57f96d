package dev.bazaar.ordering;

import dev.bazaar.catalog.ProductSnapshots.PurchasableVariant;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.inventory.InventoryService.ReserveLine;
import dev.bazaar.ordering.CartPricing.Priced;
import dev.bazaar.ordering.OrderQueries.OrderView;
import dev.bazaar.ordering.domain.CartRepository;
import dev.bazaar.ordering.domain.CartRepository.CartRow;
import dev.bazaar.ordering.domain.CartRepository.LineRow;
import dev.bazaar.ordering.domain.CartTotals;
import dev.bazaar.ordering.domain.OrderRepository;
import dev.bazaar.ordering.domain.OrderRepository.OrderRow;
import dev.bazaar.payments.PaymentQueries;
import dev.bazaar.payments.PaymentService;
import dev.bazaar.payments.PaymentView;
import dev.bazaar.payments.StartPayment;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkout: turns a cart into exactly one order. In one transaction it locks the cart, refreshes its prices, checks
 * it (lines, email, address, a shipping rate on offer, the expected total), redeems its discount (the limits hold
 * under concurrency), reserves its stock through inventory (all or nothing), takes the shop's next order number,
 * writes the order and marks the cart completed, and records the payment as pending. After the commit it sends the
 * payment to its gateway ({@link PaymentService#process}); if this process dies first, the payment's durable job sends
 * it. A second checkout of a completed cart answers its order without placing another (a failed payment is started
 * again with the new payment method); the database's unique cart of an order is the last line of defence.
 */
@Service
public class CheckoutService {

    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);
    private static final Set<String> RETRYABLE = Set.of("failed");

    private final CartRepository carts;
    private final CartService cartService;
    private final CartPricing pricing;
    private final OrderRepository orders;
    private final OrderQueries queries;
    private final OrderTimeline timeline;
    private final CustomerService customers;
    private final DiscountService discounts;
    private final InventoryService inventory;
    private final PaymentService payments;
    private final PaymentQueries paymentQueries;
    private final OrderingProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CheckoutService(CartRepository carts, CartService cartService, CartPricing pricing, OrderRepository orders,
                    OrderQueries queries, OrderTimeline timeline, CustomerService customers, DiscountService discounts,
                    InventoryService inventory, PaymentService payments,
                    PaymentQueries paymentQueries, OrderingProperties properties, TransactionTemplate transactions,
                    ApplicationEventPublisher events) {
        this.carts = carts;
        this.cartService = cartService;
        this.pricing = pricing;
        this.orders = orders;
        this.queries = queries;
        this.timeline = timeline;
        this.customers = customers;
        this.discounts = discounts;
        this.inventory = inventory;
        this.payments = payments;
        this.paymentQueries = paymentQueries;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
    }

    /** How the shopper pays: a gateway ({@code test}, {@code stripe}) and its payment method id ({@code pm_…}). */
    public record PaymentChoice(@Nullable String gateway, @Nullable String paymentMethod) {}

    public record Checkout(@Nullable PaymentChoice payment, @Nullable Money expectedTotal) {}

    /** {@code created} false when the cart had been checked out already. */
    public record Placed(OrderView order, boolean created) {}

    private record Outcome(UUID orderId, @Nullable UUID paymentId, boolean created) {}

    /**
     * Places the cart's order (see the class). Refusals change nothing: 404 for a cart the caller cannot reach, 409
     * {@code cart_not_active} (merged), 422 {@code cart_empty}, {@code email_required},
     * {@code shipping_address_required}, {@code shipping_rate_required}, {@code variant_unavailable},
     * {@code discount_not_applicable}, {@code payment_gateway_unavailable}; 409 {@code insufficient_stock},
     * {@code discount_exhausted}, {@code discount_limit_reached}, {@code total_changed}. Not transactional itself: the
     * order commits before its payment is sent.
     */
    public Placed checkout(UUID cartId, @Nullable String token, Checkout request) {
        PaymentChoice payment = request.payment();
        if (payment == null || payment.gateway() == null || payment.gateway().isBlank()) {
            throw ApplicationException.invalidField("payment.gateway", "required", "is required");
        }
        if (payment.paymentMethod() == null || payment.paymentMethod().isBlank()) {
            throw ApplicationException.invalidField("payment.payment_method", "required", "is required");
        }
        Outcome outcome = transactions.execute(status -> place(cartId, token, payment, request.expectedTotal()));
        if (outcome.paymentId() != null) {
            try {
                payments.process(outcome.paymentId());
            } catch (RuntimeException e) {
                // The payment stays pending; its durable job sends it again with the same idempotency key.
                log.warn("Sending payment {} of order {} failed; its job will retry", outcome.paymentId(),
                        outcome.orderId(), e);
            }
        }
        return new Placed(queries.ofCart(cartId), outcome.created());
    }

    /** The order placed from the cart, for its shopper (the cart's token or customer); 404 before checkout. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public OrderView orderOf(UUID cartId, @Nullable String token) {
        cartService.access(carts.find(TenantContext.requireTenantId(), cartId), token);
        return queries.ofCart(cartId);
    }

    private Outcome place(UUID cartId, @Nullable String token, PaymentChoice payment, @Nullable Money expectedTotal) {
        UUID tenant = TenantContext.requireTenantId();
        CartRow cart = cartService.access(carts.lock(tenant, cartId), token);
        if (cart.status().equals("completed")) {
            return again(tenant, cart, payment);
        }
        cartService.active(cart);
        CartService.Fresh fresh = cartService.refresh(tenant, cartId, carts.lines(tenant, cartId));
        List<LineRow> lines = fresh.lines();
        if (lines.isEmpty()) {
            throw new ApplicationException(OrderingErrorCode.CART_EMPTY, "Add a line to the cart before checking out");
        }
        Map<UUID, PurchasableVariant> found = fresh.variants();
        for (LineRow line : lines) {
            if (!found.get(line.variantId()).active()) {
                throw new ApplicationException(OrderingErrorCode.VARIANT_UNAVAILABLE, "The product of variant "
                        + line.variantId() + " is not for sale; remove its line", List.of(),
                        Map.of("variant_id", line.variantId().toString()));
            }
        }
        if (cart.email() == null) {
            throw new ApplicationException(OrderingErrorCode.EMAIL_REQUIRED, "Set the cart's email before checking out");
        }
        if (cart.shippingAddress() == null) {
            throw new ApplicationException(OrderingErrorCode.SHIPPING_ADDRESS_REQUIRED,
                    "Set the cart's shipping address before checking out");
        }
        Priced priced = pricing.price(cart, lines, found);
        if (priced.rate() == null) {
            throw new ApplicationException(OrderingErrorCode.SHIPPING_RATE_REQUIRED, priced.offers().isEmpty()
                    ? "The shop ships nowhere near this address" : "Choose one of the shipping rates on offer", List.of(),
                    Map.of("offered", priced.offers().stream().map(offer -> offer.rateId().toString()).toList()));
        }
        CartTotals.Totals totals = priced.totals();
        if (expectedTotal != null && (expectedTotal.amount() != totals.total()
                || !expectedTotal.currency().equals(cart.currency()))) {
            throw new ApplicationException(OrderingErrorCode.TOTAL_CHANGED, "The cart's total is " + totals.total() + " "
                    + cart.currency() + ", not the one expected", List.of(),
                    Map.of("total", Map.of("amount", totals.total(), "currency", cart.currency())));
        }
        if (cart.discountCode() != null && (totals.discount() == null || !totals.discount().applies())) {
            throw new ApplicationException(OrderingErrorCode.DISCOUNT_NOT_APPLICABLE, "The discount code "
                    + cart.discountCode() + " does not apply to this cart; remove it or change the cart", List.of(),
                    totals.discount() == null || totals.discount().refusal() == null ? Map.of()
                            : Map.of("refusal", totals.discount().refusal().name().toLowerCase(java.util.Locale.ROOT)));
        }
        requireGateway(payment);
        UUID orderId = Ids.newId();
        String email = cart.email();
        UUID customerId = cart.customerId() != null ? cart.customerId() : customers.guestCustomerId(email);
        UUID discountId = null;
        if (priced.discount() != null && totals.discount() != null && totals.discount().applies()) {
            discountId = discounts.redeem(priced.discount().id(), orderId, email).id();
        }
        UUID reservation = inventory.reserve(lines.stream().map(l -> new ReserveLine(l.variantId(), l.quantity())).toList(),
                properties.reservationLifetime(), "order " + orderId).id();
        // Last: the shop's number row is the one every checkout of the shop waits for.
        long number = orders.nextNumber(tenant);
        var now = priced.at();
        String currency = cart.currency();
        orders.insert(tenant, new OrderRow(orderId, 0, now, now, number, cartId, customerId, email, "pending_payment",
                "pending", currency, priced.pricesIncludeTax(), totals.subtotal(), totals.discountTotal(),
                totals.shipping(), totals.tax(), totals.total(), 0, 0, cart.shippingAddress(), priced.rate().rateId(),
                priced.rate().name(), discountId, discountId == null ? null : priced.discount().code(), reservation,
                now.plus(properties.paymentWindow()), null, null, null, null));
        List<OrderRepository.LineRow> orderLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LineRow l = lines.get(i);
            CartTotals.LineTotals t = totals.lines().get(i);
            orderLines.add(new OrderRepository.LineRow(Ids.newId(), orderId, i, l.variantId(), l.productId(),
                    l.productTitle(), l.variantTitle(), l.sku(), l.quantity(), l.unitPrice(), t.subtotal(), t.discount(),
                    t.tax(), priced.taxRate(), t.total(), 0, 0));
        }
        orders.insertLines(tenant, orderLines);
        carts.update(tenant, new CartRow(cart.id(), cart.version(), cart.createdAt(), now, cart.tokenHash(), cart.customerId(),
                "completed", null, currency, email, cart.shippingAddress(), cart.shippingRateId(), cart.discountCode()), now);
        timeline.append(orderId, "placed", "Order #" + number + " was placed", Map.of("total", totals.total()));
        events.publishEvent(new OrderEvent.Created(tenant, orderId, number, customerId, email,
                new Money(totals.total(), currency), now));
        if (totals.total() == 0) {
            return new Outcome(orderId, null, true);
        }
        PaymentView started = payments.start(new StartPayment(orderId, new Money(totals.total(), currency),
                payment.gateway(), payment.paymentMethod(), email, "Order #" + number));
        timeline.append(orderId, "payment_started", "A payment of " + totals.total() + " " + currency + " was started via "
                + payment.gateway(), Map.of("payment_id", started.id().toString()));
        return new Outcome(orderId, started.id(), true);
    }

    private void requireGateway(PaymentChoice payment) {
        List<String> available = paymentQueries.availableGateways();
        if (!available.contains(payment.gateway())) {
            throw new ApplicationException(OrderingErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, "The shop takes no payments "
                    + "through " + payment.gateway(), List.of(), Map.of("available", available));
        }
    }

    /** A completed cart again: its order; a new payment when the last one failed and the order still waits. */
    private Outcome again(UUID tenant, CartRow cart, PaymentChoice payment) {
        OrderRow placed = orders.findByCart(tenant, cart.id()).orElseThrow(OrderQueries::notFound);
        OrderRow locked = orders.lock(tenant, placed.id()).orElseThrow();
        if (!locked.status().equals("pending_payment") || !RETRYABLE.contains(locked.paymentStatus())) {
            return new Outcome(locked.id(), null, false);
        }
        requireGateway(payment);
        PaymentView started = payments.start(new StartPayment(locked.id(), new Money(locked.total(), locked.currency()),
                payment.gateway(), payment.paymentMethod(), locked.email(), "Order #" + locked.number()));
        orders.setStatus(tenant, locked.id(), null, "pending", started.createdAt());
        timeline.append(locked.id(), "payment_started", "A new payment of " + locked.total() + " " + locked.currency()
                + " was started via " + payment.gateway(), Map.of("payment_id", started.id().toString()));
        return new Outcome(locked.id(), started.id(), false);
    }
}
