package dev.bazaar.payments;

import dev.bazaar.payments.domain.PaymentRepository;
import dev.bazaar.payments.domain.RefundRepository;
import dev.bazaar.payments.gateway.PaymentGateways;
import dev.bazaar.platform.TenantContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop's payments and refunds; they join the caller's transaction when there is one. */
@Service
@Transactional(readOnly = true)
public class PaymentQueries {

    /** The most payments or refunds one order's reads return: an order is paid in a handful of attempts. */
    public static final int MAX_PER_ORDER = 100;
    /** The most orders {@link #forOrders} takes at once (a page of a list). */
    public static final int MAX_ORDERS = 100;

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentGateways gateways;

    PaymentQueries(PaymentRepository payments, RefundRepository refunds, PaymentGateways gateways) {
        this.payments = payments;
        this.refunds = refunds;
        this.gateways = gateways;
    }

    /** 404 {@code payment_not_found} when the shop has no such payment. */
    public PaymentView get(UUID paymentId) {
        return payments.find(TenantContext.requireTenantId(), paymentId).map(Views::payment)
                .orElseThrow(Views::paymentNotFound);
    }

    /** 404 {@code refund_not_found} when the shop has no such refund. */
    public RefundView getRefund(UUID refundId) {
        return refunds.find(TenantContext.requireTenantId(), refundId).map(Views::refund)
                .orElseThrow(Views::refundNotFound);
    }

    /** The order's payments, oldest first. */
    public List<PaymentView> forOrder(UUID orderId) {
        return payments.forOrders(TenantContext.requireTenantId(), List.of(orderId), MAX_PER_ORDER).stream()
                .map(Views::payment).toList();
    }

    /**
     * The payments of up to {@link #MAX_ORDERS} orders with one query, oldest first per order; every asked order is a
     * key (with an empty list when it has none).
     */
    public Map<UUID, List<PaymentView>> forOrders(Collection<UUID> orderIds) {
        if (orderIds.size() > MAX_ORDERS) {
            throw new IllegalArgumentException("at most " + MAX_ORDERS + " orders at once");
        }
        Map<UUID, List<PaymentView>> byOrder = new LinkedHashMap<>();
        orderIds.forEach(order -> byOrder.put(order, new java.util.ArrayList<>()));
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        payments.forOrders(TenantContext.requireTenantId(), orderIds, MAX_ORDERS * MAX_PER_ORDER)
                .forEach(row -> byOrder.get(row.orderId()).add(Views.payment(row)));
        byOrder.replaceAll((order, list) -> List.copyOf(list));
        return byOrder;
    }

    /** The refunds of all the order's payments, oldest first. */
    public List<RefundView> refundsForOrder(UUID orderId) {
        return refunds.forOrder(TenantContext.requireTenantId(), orderId, MAX_PER_ORDER).stream().map(Views::refund).toList();
    }

    /** The gateways the current shop can take payments through: {@code test} when enabled, {@code stripe} when configured. */
    public List<String> availableGateways() {
        return gateways.available();
    }
}
