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

    /**
     * {@code inventory.low_stock}: the variant's total available at active locations fell from above its low-stock
     * threshold to at or below it. Published once per crossing, by the change that crossed it; it can happen again
     * only after available has risen above the threshold.
     */
    /**
     * A location was made active or inactive: the stock it holds ({@code variantIds}, those with a level there) starts
     * or stops counting as available.
     */
    record LocationActivityChanged(UUID tenantId, UUID locationId, boolean active, java.util.List<UUID> variantIds,
                                   Instant occurredAt) implements InventoryEvent {

        public LocationActivityChanged {
            variantIds = java.util.List.copyOf(variantIds);
        }
    }

    record LowStock(UUID tenantId, UUID variantId, long available, long threshold, Instant occurredAt)
            implements InventoryEvent {}
}
