package dev.bazaar.catalog.application;

import dev.bazaar.catalog.domain.ProductRepository;
import dev.bazaar.catalog.domain.VariantRepository;
import dev.bazaar.catalog.domain.VariantRepository.VariantRow;
import dev.bazaar.inventory.InventoryEvent;
import dev.bazaar.inventory.InventoryQueries;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps {@code products.in_stock} (any variant untracked or with stock available) true to inventory, in the
 * transaction of each stock change, so the {@code in_stock} filter needs no join into inventory's tables. The product
 * rows are locked before stock is read: two transactions selling the last units of two variants of one product run
 * one after the other here, and the second sees the first's stock. Stock events only collect their products; the
 * flags are recomputed once, just before the transaction commits, after every stock lock it takes: products are
 * always locked last and in id order, so two checkouts of overlapping carts cannot deadlock here.
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
        later(event.tenantId(), List.of(event.variantId()));
    }

    /** A location's stock started or stopped counting: the products it holds. */
    @EventListener
    void on(InventoryEvent.LocationActivityChanged event) {
        later(event.tenantId(), event.variantIds());
    }

    /** Collects the variants' products for one refresh before commit (at once when no transaction is active). */
    private void later(UUID tenant, List<UUID> variantIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refreshVariants(tenant, variantIds);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending created = new Pending(tenant, new LinkedHashSet<>());
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                /** Before the outbox records events, so that product payloads show the refreshed flags. */
                @Override
                public int getOrder() {
                    return org.springframework.core.Ordered.LOWEST_PRECEDENCE - 100;
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    refreshVariants(created.tenant(), List.copyOf(created.variantIds()));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StockFlags.this);
                }
            });
            pending = created;
        }
        pending.variantIds().addAll(variantIds);
    }

    private record Pending(UUID tenant, Set<UUID> variantIds) {}

    private void refreshVariants(UUID tenant, List<UUID> variantIds) {
        for (int from = 0; from < variantIds.size(); from += 500) {
            refresh(tenant, variants.productIds(tenant, variantIds.subList(from, Math.min(variantIds.size(), from + 500))));
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
