package dev.bazaar.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a product (including its variants and media), published in the transaction of the change: for
 * webhooks, notifications and cache invalidation. Every event carries the tenant it belongs to.
 */
public sealed interface ProductEvent {

    UUID tenantId();

    UUID productId();

    Instant occurredAt();

    record ProductCreated(UUID tenantId, UUID productId, String handle, Instant occurredAt) implements ProductEvent {}

    /** The product, one of its variants or its media changed. */
    record ProductUpdated(UUID tenantId, UUID productId, String handle, Instant occurredAt) implements ProductEvent {}

    record ProductDeleted(UUID tenantId, UUID productId, String handle, Instant occurredAt) implements ProductEvent {}
}
