package dev.bazaar.payments;

import dev.bazaar.platform.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A refund of (part of) a payment. {@code status}: pending | succeeded | failed. */
public record RefundView(UUID id, UUID paymentId, UUID orderId, Money amount, String status, @Nullable String reason,
                         @Nullable String failureCode, Instant createdAt, Instant updatedAt) {}
