package dev.bazaar.inventory;

import dev.bazaar.inventory.InventoryQueries.InventoryItemView;
import dev.bazaar.inventory.InventoryQueries.LevelView;
import dev.bazaar.inventory.InventoryQueries.ReservationView;
import dev.bazaar.inventory.domain.ItemRepository;
import dev.bazaar.inventory.domain.ItemRepository.ItemRow;
import dev.bazaar.inventory.domain.LocationRepository;
import dev.bazaar.inventory.domain.ReservationRepository;
import dev.bazaar.inventory.domain.ReservationRepository.LineRow;
import dev.bazaar.inventory.domain.ReservationRepository.ReservationRow;
import dev.bazaar.inventory.domain.StockRepository;
import dev.bazaar.inventory.domain.StockRepository.LevelRow;
import dev.bazaar.inventory.domain.StockRepository.MovementRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.Text;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to stock. Adjustments add to or set what is on hand at a location; reservations take available stock for a
 * checkout from the locations by priority, for a limited time, and are then committed (the stock leaves), released, or
 * expire. Every change is a conditional update of the level plus a movement in the ledger, in one transaction, and
 * the database's check keeps reserved within on hand: concurrent reservations can never oversell. After the last change
 * of a variant's levels in a transaction, its low-stock threshold is watched ({@link InventoryEvent.LowStock}).
 */
@Service
public class InventoryService {

    static final int MAX_LINES = 100;
    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    static final Duration MAX_TTL = Duration.ofDays(1);
    static final long MAX_THRESHOLD = 1_000_000_000L;

    private final StockRepository stock;
    private final LocationRepository locations;
    private final ReservationRepository reservations;
    private final ItemRepository items;
    private final LowStockWatch lowStock;
    private final InventoryQueries queries;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    InventoryService(StockRepository stock, LocationRepository locations, ReservationRepository reservations,
                     ItemRepository items, LowStockWatch lowStock, InventoryQueries queries,
                     TenantScope tenantScope, TransactionTemplate transactions, ApplicationEventPublisher events,
                     AuditLog audit, Clock clock) {
        this.stock = stock;
        this.locations = locations;
        this.reservations = reservations;
        this.items = items;
        this.lowStock = lowStock;
        this.queries = queries;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Exactly one of {@code delta} and {@code set}. */
    public record Adjust(UUID variantId, UUID locationId, @Nullable Long delta, @Nullable Long set, @Nullable String reason) {}

    public record ReserveLine(UUID variantId, long quantity) {}

    @Transactional
    public LevelView adjust(Adjust command) {
        UUID tenant = TenantContext.requireTenantId();
        if ((command.delta() == null) == (command.set() == null)) {
            throw ApplicationException.invalidField("delta", "delta_or_set", "send exactly one of delta and set");
        }
        if (command.set() != null && command.set() < 0) {
            throw ApplicationException.invalidField("set", "must_not_be_negative", "must be 0 or more");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? null : Text.line("reason", command.reason(), 500);
        requireVariants(List.of(command.variantId()));
        locations.find(tenant, command.locationId()).orElseThrow(StockLocationService::notFound);
        Instant now = clock.instant();
        LevelRow before = stock.lock(tenant, command.variantId(), command.locationId(), now);
        long delta = command.delta() != null ? command.delta() : command.set() - before.onHand();
        LevelRow after = stock.change(tenant, command.variantId(), command.locationId(), delta, 0, now)
                .orElseThrow(() -> new ApplicationException(InventoryErrorCode.INSUFFICIENT_STOCK,
                        "On hand would fall below zero or below what is reserved (" + before.reserved() + ")", List.of(),
                        Map.of("on_hand", before.onHand(), "reserved", before.reserved())));
        record(tenant, after, command.delta() != null ? "adjusted" : "set", delta, 0, reason, null, now);
        lowStock.check(tenant, command.variantId(), now);
        return InventoryQueries.view(after);
    }

    /**
     * Reserves every line or nothing: 409 {@code insufficient_stock} naming the first variant that lacks stock.
     * Variants that do not track inventory are reserved without taking stock.
     */
    @Transactional
    public ReservationView reserve(List<ReserveLine> lines, @Nullable Duration ttl, @Nullable String reference) {
        UUID tenant = TenantContext.requireTenantId();
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ApplicationException.invalidField("lines", "invalid_length", "a reservation has 1 to " + MAX_LINES + " lines");
        }
        Duration lifetime = ttl == null ? DEFAULT_TTL : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TTL) > 0) {
            throw ApplicationException.invalidField("ttl_seconds", "out_of_range", "must be 1 to " + MAX_TTL.toSeconds());
        }
        // One line per variant, in a fixed order: concurrent reservations lock levels in the same order (no deadlocks).
        Map<UUID, Long> wanted = new TreeMap<>();
        for (ReserveLine line : lines) {
            if (line.quantity() <= 0) {
                throw ApplicationException.invalidField("lines.quantity", "must_be_positive", "must be 1 or more");
            }
            wanted.merge(line.variantId(), line.quantity(), Math::addExact);
        }
        Map<UUID, Boolean> tracking = requireVariants(wanted.keySet());
        Instant now = clock.instant();
        ReservationRow reservation = new ReservationRow(Ids.newId(), now, now.plus(lifetime), "active",
                reference == null || reference.isBlank() ? null : Text.line("reference", reference, 200), null);
        reservations.insert(tenant, reservation);
        for (Map.Entry<UUID, Long> line : wanted.entrySet()) {
            UUID variant = line.getKey();
            if (!tracking.get(variant)) {
                reservations.insertLine(tenant, reservation.id(), new LineRow(variant, null, line.getValue()));
                continue;
            }
            long remaining = line.getValue();
            List<LevelRow> levels = stock.lockForReservation(tenant, variant);
            for (LevelRow level : levels) {
                long take = Math.min(remaining, level.available());
                if (take <= 0) {
                    continue;
                }
                LevelRow after = stock.change(tenant, variant, level.locationId(), 0, take, now)
                        .orElseThrow(() -> new IllegalStateException("a locked level changed underneath the reservation"));
                reservations.insertLine(tenant, reservation.id(), new LineRow(variant, level.locationId(), take));
                record(tenant, after, "reserved", 0, take, null, reservation.id(), now);
                remaining -= take;
                if (remaining == 0) {
                    break;
                }
            }
            if (remaining > 0) {
                long available = levels.stream().mapToLong(LevelRow::available).sum();
                throw new ApplicationException(InventoryErrorCode.INSUFFICIENT_STOCK, "Only " + available + " of variant "
                        + variant + " are available; " + line.getValue() + " were asked for", List.of(),
                        Map.of("variant_id", variant.toString(), "requested", line.getValue(), "available", available));
            }
            lowStock.check(tenant, variant, now);
        }
        return queries.reservation(reservation.id());
    }

    /** The reserved stock leaves (the order ships from it). Committing a committed reservation changes nothing. */
    @Transactional
    public ReservationView commit(UUID reservationId) {
        return finish(TenantContext.requireTenantId(), reservationId, "committed");
    }

    /**
     * {@link #commit} when the reservation is still active (or already committed): true. False, changing nothing,
     * when it ended (released or expired) — for a caller that must not fail its transaction over it, as a
     * {@code reservation_not_active} thrown through this service would mark the caller's transaction rollback-only.
     */
    @Transactional
    public boolean commitIfActive(UUID reservationId) {
        UUID tenant = TenantContext.requireTenantId();
        ReservationRow reservation = reservations.lock(tenant, reservationId)
                .orElseThrow(InventoryQueries::reservationNotFound);
        if (!reservation.status().equals("active") && !reservation.status().equals("committed")) {
            return false;
        }
        finish(tenant, reservation, "committed");
        return true;
    }

    /** The reserved stock is available again. Releasing a released or expired reservation changes nothing. */
    @Transactional
    public ReservationView release(UUID reservationId) {
        return finish(TenantContext.requireTenantId(), reservationId, "released");
    }

    /**
     * Puts units of a committed reservation back on hand (an order was canceled or refunded with restock), at the
     * locations they were taken from, as {@code restocked} movements. {@code quantities} by variant; variants that do not
     * track inventory are skipped. Refuses (422 {@code restock_exceeds_committed}) to put back more of a variant than the
     * reservation took, counting earlier restocks; 422 {@code reservation_not_active} when it was not committed.
     */
    @Transactional
    public void restock(UUID reservationId, Map<UUID, Long> quantities) {
        UUID tenant = TenantContext.requireTenantId();
        ReservationRow reservation = reservations.lock(tenant, reservationId).orElseThrow(InventoryQueries::reservationNotFound);
        if (!reservation.status().equals("committed")) {
            throw new ApplicationException(InventoryErrorCode.RESERVATION_NOT_ACTIVE,
                    "Only a committed reservation can be restocked; this one is " + reservation.status());
        }
        Map<ReservationRepository.LineKey, Long> done = reservations.restocked(tenant, reservationId);
        Map<UUID, Long> wanted = new TreeMap<>(quantities);
        Instant now = clock.instant();
        List<LineRow> lines = reservations.lines(tenant, reservationId);
        for (Map.Entry<UUID, Long> entry : wanted.entrySet()) {
            long remaining = entry.getValue();
            if (remaining <= 0) {
                continue;
            }
            boolean tracked = false;
            for (LineRow line : lines) {
                if (!line.variantId().equals(entry.getKey()) || line.locationId() == null || remaining == 0) {
                    continue;
                }
                tracked = true;
                long back = Math.min(remaining, line.quantity()
                        - done.getOrDefault(new ReservationRepository.LineKey(line.variantId(), line.locationId()), 0L));
                if (back <= 0) {
                    continue;
                }
                LevelRow after = stock.change(tenant, line.variantId(), line.locationId(), back, 0, now)
                        .orElseThrow(() -> new IllegalStateException("adding stock cannot break a level's checks"));
                record(tenant, after, "restocked", back, 0, null, reservationId, now);
                remaining -= back;
            }
            boolean untracked = lines.stream().anyMatch(l -> l.variantId().equals(entry.getKey()) && l.locationId() == null);
            if (remaining > 0 && (tracked || !untracked)) {
                throw new ApplicationException(InventoryErrorCode.RESTOCK_EXCEEDS_COMMITTED, "The reservation took fewer units of "
                        + "variant " + entry.getKey() + " than would be put back", List.of(),
                        Map.of("variant_id", entry.getKey().toString()));
            }
            if (tracked) {
                lowStock.check(tenant, entry.getKey(), now);
            }
        }
    }

    /** Expires reservations past their time, in every shop; returns how many. Safe on several instances at once. */
    public int expireDue() {
        List<ReservationRepository.Due> due = tenantScope.system("find due reservations across shops",
                () -> transactions.execute(status -> reservations.due(clock.instant(), 500)));
        for (ReservationRepository.Due reservation : due) {
            try {
                tenantScope.run(reservation.tenantId(), () -> transactions.executeWithoutResult(status ->
                        finish(reservation.tenantId(), reservation.id(), "expired")));
            } catch (ApplicationException e) {
                // Committed between the listing and the lock: nothing to expire.
            }
        }
        return due.size();
    }

    /** {@code setsThreshold} false leaves the threshold as it is; otherwise {@code lowStockThreshold} (null: none). */
    public record ItemSpec(boolean setsThreshold, @Nullable Long lowStockThreshold) {}

    /**
     * Sets the variant's low-stock threshold; 412 when the item changed since {@code expectedVersion}, 404
     * {@code variant_not_found} when the variant is not in the shop, 422 {@code variant_not_tracked} for a threshold
     * on a variant that does not track inventory (it has no stock to run low). Setting the threshold it has changes
     * nothing.
     * The state starts from the current availability without an event: only a change of levels that crosses the
     * threshold publishes {@link InventoryEvent.LowStock}. Audited.
     */
    @Transactional
    public InventoryItemView updateItem(UUID variantId, ItemSpec spec, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        @Nullable Long threshold = spec.lowStockThreshold();
        if (threshold != null && (threshold < 0 || threshold > MAX_THRESHOLD)) {
            throw ApplicationException.invalidField("low_stock_threshold", "out_of_range", "must be 0 to 1,000,000,000");
        }
        if (!requireVariants(List.of(variantId)).get(variantId) && threshold != null) {
            throw new ApplicationException(InventoryErrorCode.VARIANT_NOT_TRACKED,
                    "The variant does not track inventory; turn track_inventory on to give it a low-stock threshold");
        }
        Instant now = clock.instant();
        // The variant's levels first, then its item: the lock order of every change of levels.
        stock.lockForReservation(tenant, variantId);
        ItemRow before = items.lock(tenant, variantId, now);
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The inventory item was changed since you read it");
        }
        if (!spec.setsThreshold() || Objects.equals(threshold, before.lowStockThreshold())) {
            return queries.item(variantId);
        }
        boolean low = threshold != null && items.totals(tenant, variantId).available() <= threshold;
        items.update(tenant, variantId, threshold, low, now);
        Map<String, @Nullable Object> was = new HashMap<>();
        was.put("low_stock_threshold", before.lowStockThreshold());
        Map<String, @Nullable Object> is = new HashMap<>();
        is.put("low_stock_threshold", threshold);
        audit.record("inventory_item.updated", "inventory_item", variantId, was, is);
        return queries.item(variantId);
    }

    private ReservationView finish(UUID tenant, UUID reservationId, String outcome) {
        ReservationRow reservation = reservations.lock(tenant, reservationId).orElseThrow(InventoryQueries::reservationNotFound);
        return finish(tenant, reservation, outcome);
    }

    /** {@link #finish} of a reservation this transaction has locked. */
    private ReservationView finish(UUID tenant, ReservationRow reservation, String outcome) {
        UUID reservationId = reservation.id();
        // Asked again for where it already is (released and expired both gave the stock back): nothing to do.
        if (reservation.status().equals(outcome) || (givesBack(outcome) && givesBack(reservation.status()))) {
            return queries.reservation(reservationId);
        }
        if (!reservation.status().equals("active")) {
            throw new ApplicationException(InventoryErrorCode.RESERVATION_NOT_ACTIVE, "The reservation is " + reservation.status());
        }
        Instant now = clock.instant();
        // Lines come in variant order; each variant's threshold is watched after its last line, before the next
        // variant's levels are locked (levels, then item, variant by variant: the lock order of reservations).
        UUID changed = null;
        for (LineRow line : reservations.lines(tenant, reservationId)) {
            if (line.locationId() == null) {
                continue;
            }
            if (changed != null && !changed.equals(line.variantId())) {
                lowStock.check(tenant, changed, now);
            }
            changed = line.variantId();
            long onHand = outcome.equals("committed") ? -line.quantity() : 0;
            LevelRow after = stock.change(tenant, line.variantId(), line.locationId(), onHand, -line.quantity(), now)
                    .orElseThrow(() -> new IllegalStateException("reserved stock is missing from its level"));
            record(tenant, after, outcome, onHand, -line.quantity(), null, reservationId, now);
        }
        if (changed != null) {
            lowStock.check(tenant, changed, now);
        }
        reservations.finish(tenant, reservationId, outcome, now);
        return queries.reservation(reservationId);
    }

    private static boolean givesBack(String status) {
        return status.equals("released") || status.equals("expired");
    }

    private Map<UUID, Boolean> requireVariants(java.util.Collection<UUID> variantIds) {
        return queries.requireVariants(variantIds);
    }

    private void record(UUID tenant, LevelRow after, String kind, long onHandDelta, long reservedDelta,
                        @Nullable String reason, @Nullable UUID reservationId, Instant now) {
        Actor actor = CurrentActor.find().orElse(null);
        String actorType = CurrentActor.type();
        stock.record(tenant, new MovementRow(Ids.newId(), now, after.variantId(), after.locationId(), kind, onHandDelta,
                reservedDelta, reason, reservationId, actorType, actor == null ? null : actor.id()));
        events.publishEvent(new InventoryEvent.LevelChanged(tenant, after.variantId(), after.locationId(), after.onHand(),
                after.reserved(), kind, now));
    }
}
