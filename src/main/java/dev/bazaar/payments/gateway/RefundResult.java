package dev.bazaar.payments.gateway;

import org.jspecify.annotations.Nullable;

/** What a provider said about a refund. */
public sealed interface RefundResult {

    @Nullable String reference();

    record Succeeded(String reference) implements RefundResult {}

    record Failed(@Nullable String reference, String code) implements RefundResult {}

    /** Not known yet (pending at the provider, a timeout, a 5xx). */
    record Unknown(@Nullable String reference, String reason) implements RefundResult {}
}
