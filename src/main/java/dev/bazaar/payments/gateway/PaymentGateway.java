package dev.bazaar.payments.gateway;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment provider. Every call is made outside any database transaction, carries an idempotency key derived from
 * the payment or refund it is for (a repeat never charges or refunds twice), has connect and read timeouts, and
 * answers with a {@link GatewayResult} or {@link RefundResult}: a timeout, a network error, a 5xx or a 429 is
 * {@code Unknown} (the outcome is not known; reconciliation resolves it), never an exception. The current tenant is
 * bound while it runs.
 */
public interface PaymentGateway {

    /** {@code test} or {@code stripe}: the value of payments' {@code gateway} column. */
    String name();

    /** Whether the current shop may pay through this gateway now. */
    boolean isAvailable();

    /** Creates the payment at the provider and confirms it with its payment method, capturing at once or only authorising. */
    GatewayResult createPayment(ChargeRequest request);

    /** The payment's current state at the provider (reconciliation); {@code Unknown} when it cannot be told. */
    GatewayResult retrieve(PaymentRef payment);

    /** Captures an authorised payment in full. */
    GatewayResult capture(PaymentRef payment, long amount, String idempotencyKey);

    /** Voids a payment that is not captured. */
    GatewayResult cancel(PaymentRef payment, String idempotencyKey);

    RefundResult refund(RefundRequest request);

    /** The refund's current state at the provider (reconciliation). */
    RefundResult retrieveRefund(UUID refundId, String refundReference);

    /**
     * Verifies and parses an inbound webhook of this provider for the current shop; empty for an event this module does
     * not act on. Throws {@link InvalidWebhookException} when it is not authentic (or the gateway takes no webhooks).
     */
    Optional<WebhookNotification> parseWebhook(String payload, Map<String, String> headers);

    /** A provider's identification of a payment: Bazaar's id and, once known, the provider's. */
    record PaymentRef(UUID paymentId, UUID orderId, String providerReference) {}

    /** The webhook is not authentic: bad or missing signature, stale timestamp, no secret configured. */
    class InvalidWebhookException extends RuntimeException {
        public InvalidWebhookException(String message) {
            super(message);
        }
    }
}
