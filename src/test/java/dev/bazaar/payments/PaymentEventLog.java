package dev.bazaar.payments;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Every payment event published, in order; {@code @Import} it into a test. */
@TestComponent
class PaymentEventLog {

    private final List<PaymentEvent> all = new CopyOnWriteArrayList<>();

    @EventListener
    void on(PaymentEvent event) {
        all.add(event);
    }

    List<PaymentEvent> of(UUID paymentId) {
        return all.stream().filter(event -> event.paymentId().equals(paymentId)).toList();
    }
}
