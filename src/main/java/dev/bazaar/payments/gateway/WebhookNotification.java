package dev.bazaar.payments.gateway;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An authentic provider event this module acts on: about a payment (found by Bazaar's id from the provider's metadata,
 * else by the provider's reference) or about a refund.
 */
public sealed interface WebhookNotification {

    /** The provider's event id, for de-duplication. */
    String eventId();

    String type();

    record PaymentChanged(String eventId, String type, @Nullable UUID paymentId, @Nullable UUID shopId,
                          GatewayResult result) implements WebhookNotification {}

    record RefundChanged(String eventId, String type, List<RefundUpdate> refunds) implements WebhookNotification {}

    /** One refund's state: found by Bazaar's id from the provider's metadata, else by the provider's reference. */
    record RefundUpdate(@Nullable UUID refundId, String providerReference, RefundResult result) {}

    /** Authentic, but nothing to do (an event type this module ignores). */
    record Ignored(String eventId, String type) implements WebhookNotification {}
}
