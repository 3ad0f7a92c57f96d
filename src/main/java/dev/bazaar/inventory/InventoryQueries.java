package dev.bazaar.inventory;

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

/** Reads of the current shop's stock: levels, the movement ledger, reservations, and availability for other modules. */
@Service
public class InventoryQueries {

    private final StockRepository stock;
    private final ReservationRepository reservations;

    InventoryQueries(StockRepository stock, ReservationRepository reservations) {
        this.stock = stock;
        this.reservations = reservations;
    }

    public record LevelView(UUID variantId, UUID locationId, long onHand, long reserved, long available, Instant updatedAt) {}

    public record MovementView(UUID id, Instant createdAt, UUID variantId, UUID locationId, String kind, long onHandDelta,
                               long reservedDelta, @Nullable String reason, @Nullable UUID reservationId, String actorType,
                               @Nullable UUID actorId) {}

    public record ReservationLine(UUID variantId, @Nullable UUID locationId, long quantity) {}

    public record ReservationView(UUID id, String status, Instant createdAt, Instant expiresAt, @Nullable String reference,
                                  @Nullable Instant finishedAt, List<ReservationLine> lines) {}

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

    /** Units available to sell per variant across active locations; variants without stock records are absent. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> available(Collection<UUID> variantIds) {
        return stock.available(TenantContext.requireTenantId(), variantIds);
    }

    static LevelView view(LevelRow level) {
        return new LevelView(level.variantId(), level.locationId(), level.onHand(), level.reserved(), level.available(),
                level.updatedAt());
    }

    static ApplicationException reservationNotFound() {
        return new ApplicationException(InventoryErrorCode.RESERVATION_NOT_FOUND, "No such reservation in this shop");
    }
}
