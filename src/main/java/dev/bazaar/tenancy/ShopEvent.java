package dev.bazaar.tenancy;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a shop or its staff, published in the transaction of the change (the events module will record
 * them in its outbox). Every event carries the tenant it belongs to.
 */
public sealed interface ShopEvent {

    UUID tenantId();

    Instant occurredAt();

    record ShopCreated(UUID tenantId, String handle, UUID ownerAccountId, Instant occurredAt) implements ShopEvent {}

    record ShopUpdated(UUID tenantId, Instant occurredAt) implements ShopEvent {}

    /** Suspended, reactivated, deleted (soft), restored or purged: {@code status} is the new state. */
    record ShopStatusChanged(UUID tenantId, String status, @Nullable String reason, Instant occurredAt) implements ShopEvent {}

    record MemberAdded(UUID tenantId, UUID memberId, UUID accountId, String role, Instant occurredAt) implements ShopEvent {}

    record MemberRoleChanged(UUID tenantId, UUID memberId, UUID accountId, String role, Instant occurredAt) implements ShopEvent {}

    record MemberRemoved(UUID tenantId, UUID memberId, UUID accountId, Instant occurredAt) implements ShopEvent {}

    /** The embedded default made its demo shop (after the shop's transaction), for other modules to add demo data. */
    record DemoShopCreated(UUID tenantId, String handle, String currency, Instant occurredAt) implements ShopEvent {}
}
