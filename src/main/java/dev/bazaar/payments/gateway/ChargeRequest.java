package dev.bazaar.payments.gateway;

import dev.bazaar.platform.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Create and confirm a payment: {@code manualCapture} only authorises it. */
public record ChargeRequest(UUID tenantId, UUID paymentId, UUID orderId, Money amount, String paymentMethod,
                            boolean manualCapture, @Nullable String customerEmail, String description,
                            String idempotencyKey) {}
