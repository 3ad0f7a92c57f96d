package dev.bazaar.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.inventory.domain.ItemRepository;
import dev.bazaar.inventory.domain.ItemRepository.ItemRow;
import dev.bazaar.inventory.domain.ItemRepository.Totals;
import dev.bazaar.inventory.domain.ReservationRepository;
import dev.bazaar.inventory.domain.ReservationRepository.ReservationRow;
import dev.bazaar.inventory.domain.StockRepository;
import dev.bazaar.inventory.domain.StockRepository.LevelRow;
import dev.bazaar.inventory.domain.StockRepository.MovementRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.TenantContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the current shop's stock: levels, the movement ledger, reservations, items with their low-stock threshold,
 * and availability for other modules.
 */
@Service
public class InventoryQueries {

    private final StockRepository stock;
    private final ReservationRepository reservations;
    private final ItemRepository items;
    private final VariantCatalog catalog;

    InventoryQueries(StockRepository stock, ReservationRepository reservations, ItemRepository items,
                     VariantCatalog catalog) {
        this.stock = stock;
        this.reservations = reservations;
        this.items = items;
        this.catalog = catalog;
    }

    public record LevelView(UUID variantId, UUID locationId, long onHand, long reserved, long available, Instant updatedAt) {}

    public record MovementView(UUID id, Instant createdAt, UUID variantId, UUID locationId, String kind, long onHandDelta,
                               long reservedDelta, @Nullable String reason, @Nullable UUID reservationId, String actorType,
                               @Nullable UUID actorId) {}

    public record ReservationLine(UUID variantId, @Nullable UUID locationId, long quantity) {}

    public record ReservationView(UUID id, String status, Instant createdAt, Instant expiresAt, @Nullable String reference,
                                  @Nullable Instant finishedAt, List<ReservationLine> lines) {}

    /**
     * A variant as inventory sees it: its low-stock threshold (null: none), whether it is low, and its totals at
     * active locations. {@code version} is the item's, for ETags.
     */
    public record InventoryItemView(UUID variantId, @Nullable Long lowStockThreshold, long onHand, long reserved, long available,
                           boolean lowStock, @JsonIgnore long version) {}

    @Transactional(readOnly = true)
    public Page<LevelView> levels(@Nullable UUID variantId, @Nullable UUID locationId, PageRequest page) {
        List<LevelRow> rows = stock.levels(TenantContext.requireTenantId(), variantId, locationId, page.after(), page.fetchSize());
        return page.page(rows.stream().map(InventoryQueries::view).toList(), level -> level.variantId() + "/" + level.locationId());
    }

    @Transactional(readOnly = true)
    public Page<MovementView> movements(@Nullable UUID variantId, @Nullable UUID locationId, PageRequest page) {
        List<MovementRow> rows = stock.movements(TenantContext.requireTenantId(), variantId, locationId, page.afterId(),
                page.fetchSize());
        return page.page(rows.stream().map(row -> new MovementView(row.id(), row.createdAt(), row.variantId(), row.locationId(),
                row.kind(), row.onHandDelta(), row.reservedDelta(), row.reason(), row.reservationId(), row.actorType(),
                row.actorId())).toList(), movement -> movement.id().toString());
    }

    @Transactional(readOnly = true)
    public ReservationView reservation(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        ReservationRow row = reservations.find(tenant, id).orElseThrow(InventoryQueries::reservationNotFound);
        return new ReservationView(row.id(), row.status(), row.createdAt(), row.expiresAt(), row.reference(), row.finishedAt(),
                reservations.lines(tenant, id).stream().map(line -> new ReservationLine(line.variantId(), line.locationId(),
                        line.quantity())).toList());
    }

    /** The variant's item; 404 {@code variant_not_found} unless the variant exists in the shop. */
    @Transactional(readOnly = true)
    public InventoryItemView item(UUID variantId) {
        UUID tenant = TenantContext.requireTenantId();
        requireVariants(List.of(variantId));
        return itemView(variantId, items.find(tenant, variantId).orElse(null), items.totals(tenant, variantId));
    }

    /** Variants with a low-stock threshold, in variant order; {@code lowStock} filters on whether they are low. */
    @Transactional(readOnly = true)
    public Page<InventoryItemView> items(@Nullable Boolean lowStock, PageRequest page) {
        return page.page(items.list(TenantContext.requireTenantId(), lowStock, page.afterId(), page.fetchSize()).stream()
                .map(row -> itemView(row.item().variantId(), row.item(), row.totals())).toList(), item -> item.variantId().toString());
    }

    /** Units available to sell per variant across active locations; variants without stock records are absent. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> available(Collection<UUID> variantIds) {
        return stock.available(TenantContext.requireTenantId(), variantIds);
    }

    /** The variants' {@code track_inventory}; 404 {@code variant_not_found} naming the first that is not in the shop. */
    Map<UUID, Boolean> requireVariants(Collection<UUID> variantIds) {
        Map<UUID, Boolean> tracking = catalog.tracking(variantIds);
        for (UUID variant : variantIds) {
            if (!tracking.containsKey(variant)) {
                throw new ApplicationException(InventoryErrorCode.VARIANT_NOT_FOUND, "There is no variant " + variant + " in this shop");
            }
        }
        return tracking;
    }

    /** A variant without an item has no threshold, is not low, and is at version 0. */
    private static InventoryItemView itemView(UUID variantId, @Nullable ItemRow item, Totals totals) {
        return new InventoryItemView(variantId, item == null ? null : item.lowStockThreshold(), totals.onHand(),
                totals.reserved(), totals.available(),
                item != null && item.lowStock(), item == null ? 0 : item.version());
    }

    static LevelView view(LevelRow level) {
        return new LevelView(level.variantId(), level.locationId(), level.onHand(), level.reserved(), level.available(),
                level.updatedAt());
    }

    static ApplicationException reservationNotFound() {
        return new ApplicationException(InventoryErrorCode.RESERVATION_NOT_FOUND, "No such reservation in this shop");
    }
}
