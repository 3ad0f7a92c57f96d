package dev.bazaar.payments;

import dev.bazaar.platform.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A change of a payment's status (or a refund's outcome), published with {@code ApplicationEventPublisher} inside the
 * transaction that records it, exactly once per change: a repeated webhook or a second {@code process()} publishes
 * nothing new. Listen synchronously ({@code @EventListener}) to act in the same transaction.
 */
public sealed interface PaymentEvent {

    UUID tenantId();

    UUID paymentId();

    UUID orderId();

    Instant at();

    /** Authorised, to be captured (manual capture). */
    record Authorized(UUID tenantId, UUID paymentId, UUID orderId, Money amount, Instant at) implements PaymentEvent {}

    /** Captured: the money is taken. */
    record Succeeded(UUID tenantId, UUID paymentId, UUID orderId, Money amount, Instant at) implements PaymentEvent {}

    /** The customer must act (3-D Secure); the payment's next action says how. */
    record RequiresAction(UUID tenantId, UUID paymentId, UUID orderId, Instant at) implements PaymentEvent {}

    record Failed(UUID tenantId, UUID paymentId, UUID orderId, String code, String message, Instant at) implements PaymentEvent {}

    record Canceled(UUID tenantId, UUID paymentId, UUID orderId, Instant at) implements PaymentEvent {}

    /** A refund succeeded; {@code totalRefunded} is the payment's refunded amount after it. */
    record Refunded(UUID tenantId, UUID paymentId, UUID orderId, UUID refundId, Money amount, long totalRefunded,
                    Instant at) implements PaymentEvent {}

    record RefundFailed(UUID tenantId, UUID paymentId, UUID orderId, UUID refundId, Money amount, String code,
                        Instant at) implements PaymentEvent {}
}
