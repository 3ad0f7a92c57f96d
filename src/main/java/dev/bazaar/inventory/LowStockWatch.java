package dev.bazaar.inventory;

import dev.bazaar.inventory.domain.ItemRepository;
import dev.bazaar.inventory.domain.ItemRepository.ItemRow;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Watches a variant's low-stock threshold after a change of its levels, inside the transaction of the change: when the
 * total available at active locations has fallen to or below the threshold it flips the item to low and publishes
 * {@link InventoryEvent.LowStock}, once; when it has risen above it again it re-arms the item. Call it after the last
 * change of a variant's levels in the transaction, with those levels still locked.
 */
@Component
class LowStockWatch {

    private final ItemRepository items;
    private final ApplicationEventPublisher events;

    LowStockWatch(ItemRepository items, ApplicationEventPublisher events) {
        this.items = items;
        this.events = events;
    }

    void check(UUID tenant, UUID variantId, Instant now) {
        // The item's lock serialises every watcher of the variant; the totals are read after it is taken (a new
        // statement sees what the transactions before it committed), so no crossing is missed or counted twice, even
        // when concurrent changes lock different locations' levels.
        Optional<ItemRow> watched = items.lockWatched(tenant, variantId);
        if (watched.isEmpty()) {
            return;
        }
        long threshold = watched.get().lowStockThreshold();
        long available = items.totals(tenant, variantId).available();
        boolean low = available <= threshold;
        if (items.flip(tenant, variantId, low) && low) {
            events.publishEvent(new InventoryEvent.LowStock(tenant, variantId, available, threshold, now));
        }
    }
}
