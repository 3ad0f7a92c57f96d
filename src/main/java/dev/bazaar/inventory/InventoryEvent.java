package dev.bazaar.inventory;

import java.time.Instant;
import java.util.UUID;

/** What happened to stock, published in the transaction of the change; every event carries its tenant. */
public sealed interface InventoryEvent {

    UUID tenantId();

    Instant occurredAt();

    /** A level changed (adjustment, reservation, commit, release or expiry): its values after the change. */
    record LevelChanged(UUID tenantId, UUID variantId, UUID locationId, long onHand, long reserved, String kind,
                        Instant occurredAt) implements InventoryEvent {}
}
