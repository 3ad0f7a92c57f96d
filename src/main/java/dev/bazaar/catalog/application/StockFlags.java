package dev.bazaar.catalog.application;

import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.catalog.domain.VariantRepository;
import dev.bazaar.catalog.domain.VariantRepository.VariantRow;
import dev.bazaar.inventory.InventoryEvent;
import dev.bazaar.inventory.InventoryQueries;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code products.in_stock} (any variant untracked or with stock available) true to inventory, in the
 * transaction of each stock change, so the {@code in_stock} filter needs no join into inventory's tables. The product
 * rows are locked before stock is read: two transactions selling the last units of two variants of one product run
 * one after the other here, and the second sees the first's stock.
 */
@Component
class StockFlags {

    private final ProductRepository products;
    private final VariantRepository variants;
    private final InventoryQueries inventory;

    StockFlags(ProductRepository products, VariantRepository variants, InventoryQueries inventory) {
        this.products = products;
        this.variants = variants;
        this.inventory = inventory;
    }

    @EventListener
    void on(InventoryEvent.LevelChanged event) {
        refresh(event.tenantId(), variants.productIds(event.tenantId(), List.of(event.variantId())));
    }

    /** A location's stock started or stopped counting: the products it holds, a bounded batch at a time. */
    @EventListener
    void on(InventoryEvent.LocationActivityChanged event) {
        List<UUID> held = event.variantIds();
        for (int from = 0; from < held.size(); from += 500) {
            refresh(event.tenantId(), variants.productIds(event.tenantId(), held.subList(from, Math.min(held.size(), from + 500))));
        }
    }

    /** Recomputes the flag of these products. */
    void refresh(UUID tenant, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        List<UUID> locked = products.lockForStock(tenant, productIds);
        List<VariantRow> all = variants.listFor(tenant, locked);
        Map<UUID, Long> available = inventory.available(all.stream().filter(VariantRow::trackInventory)
                .map(VariantRow::id).toList());
        Set<UUID> inStock = new HashSet<>();
        for (VariantRow variant : all) {
            if (!variant.trackInventory() || available.getOrDefault(variant.id(), 0L) > 0) {
                inStock.add(variant.productId());
            }
        }
        for (UUID id : locked) {
            products.setInStock(tenant, id, inStock.contains(id));
        }
    }
}
