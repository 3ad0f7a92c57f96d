package dev.bazaar.payments.gateway;

import dev.bazaar.platform.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Refund {@code amount} of a captured payment. */
public record RefundRequest(UUID refundId, PaymentGateway.PaymentRef payment, Money amount, @Nullable String reason,
                            String idempotencyKey) {}
