package dev.bazaar.payments;

import dev.bazaar.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment as it now is. {@code status}: pending | processing | requires_action | authorized | succeeded | failed |
 * canceled (docs/PAYMENTS.md has the transitions). Amounts are minor units of {@code amount}'s currency.
 */
public record PaymentView(UUID id, UUID orderId, String gateway, String status, String paymentMethod, Money amount,
                          long capturedAmount, long refundedAmount, @Nullable NextAction nextAction,
                          @Nullable String failureCode, @Nullable String failureMessage,
                          Instant createdAt, Instant updatedAt) {

    /** What the customer must do next, e.g. type {@code redirect_to_url} with a url, or {@code use_stripe_sdk} with a client secret. */
    public record NextAction(String type, @Nullable String url, @Nullable String clientSecret) {}
}
