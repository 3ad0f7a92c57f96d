package dev.bazaar.ordering.listeners;

import dev.bazaar.ordering.OrderService;
import dev.bazaar.payments.PaymentEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A payment's outcome reaches its order in the transaction that records it. */
@Component
class PaymentOutcomes {

    private final OrderService orders;

    PaymentOutcomes(OrderService orders) {
        this.orders = orders;
    }

    @EventListener
    void on(PaymentEvent event) {
        orders.recordPayment(event);
    }
}
