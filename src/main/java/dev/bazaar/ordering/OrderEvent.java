package dev.bazaar.ordering;

import dev.bazaar.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What happens to orders, published inside the transaction that makes it happen (webhooks record them in the outbox,
 * notifications write theirs, both in that transaction).
 */
public sealed interface OrderEvent {

    UUID tenantId();

    UUID orderId();

    long number();

    Instant at();

    /** Placed at checkout (its payment may still be running). */
    record Created(UUID tenantId, UUID orderId, long number, UUID customerId, String email, Money total, Instant at)
            implements OrderEvent {}

    /** Its payment was captured. */
    record Paid(UUID tenantId, UUID orderId, long number, String email, Money amount, Instant at) implements OrderEvent {}

    /** A fulfillment was created; {@code complete} when nothing is left to ship. */
    record Fulfilled(UUID tenantId, UUID orderId, long number, UUID fulfillmentId, boolean complete, Instant at)
            implements OrderEvent {}

    record Canceled(UUID tenantId, UUID orderId, long number, @Nullable String reason, Instant at) implements OrderEvent {}

    /** A refund succeeded at the gateway. */
    record Refunded(UUID tenantId, UUID orderId, long number, UUID refundId, Money amount, Money totalRefunded, Instant at)
            implements OrderEvent {}
}
