package dev.bazaar.payments;

import dev.bazaar.platform.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What ordering asks for: one payment of an order, of {@code amount}, through {@code gateway} ({@code test} or
 * {@code stripe}) with a gateway payment-method id ({@code pm_…}).
 */
public record StartPayment(UUID orderId, Money amount, String gateway, String paymentMethod,
                           @Nullable String customerEmail, String description) {}
