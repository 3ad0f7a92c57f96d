package dev.bazaar.payments.gateway;

import org.jspecify.annotations.Nullable;

/** What a provider said about a payment. {@code reference} is the provider's id of it, when known. */
public sealed interface GatewayResult {

    @Nullable String reference();

    /** Captured. */
    record Succeeded(String reference) implements GatewayResult {}

    /** Authorised, awaiting capture. */
    record Authorized(String reference) implements GatewayResult {}

    /** The customer must act (3-D Secure). */
    record RequiresAction(String reference, String type, @Nullable String url, @Nullable String clientSecret)
            implements GatewayResult {}

    record Failed(@Nullable String reference, String code, String message) implements GatewayResult {}

    /** Voided; {@code reference} null for a payment that never reached the provider. */
    record Canceled(@Nullable String reference) implements GatewayResult {}

    /** Not known: a timeout, a network error, a 5xx or 429, or the provider still processing. */
    record Unknown(@Nullable String reference, String reason) implements GatewayResult {}
}
