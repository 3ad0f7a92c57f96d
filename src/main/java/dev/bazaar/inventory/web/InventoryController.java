package dev.bazaar.inventory.web;

import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.inventory.InventoryQueries.LevelView;
import dev.bazaar.inventory.InventoryQueries.MovementView;
import dev.bazaar.inventory.InventoryQueries.ReservationView;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stock levels, adjustments with their ledger, and reservations. */
@RestController
@Tag(name = "Inventory")
class InventoryController {

    private final InventoryService inventory;
    private final InventoryQueries queries;

    InventoryController(InventoryService inventory, InventoryQueries queries) {
        this.inventory = inventory;
        this.queries = queries;
    }

    record AdjustmentRequest(@NotNull UUID variantId, @NotNull UUID locationId, @Nullable Long delta, @Nullable Long set,
                             @Nullable @Size(max = 500) String reason) {}

    record ReservationLineRequest(@NotNull UUID variantId, @NotNull Long quantity) {}

    record ReservationRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid ReservationLineRequest> lines,
                              @Nullable Long ttlSeconds, @Nullable @Size(max = 200) String reference) {}

    @GetMapping("/api/v1/shops/{shop}/inventory-levels")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "List stock levels", description = "Per variant and location: `on_hand`, `reserved` and "
            + "`available` (= on_hand - reserved, never negative). Filters `variant_id`, `location_id`; cursor pagination.")
    ResponseEntity<Page<LevelView>> levels(@PathVariable String shop,
                                           @RequestParam(name = "variant_id", required = false) @Nullable UUID variantId,
                                           @RequestParam(name = "location_id", required = false) @Nullable UUID locationId,
                                           @RequestParam(required = false) @Nullable Integer limit,
                                           @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(queries.levels(variantId, locationId, PageRequest.of(limit, after)));
    }

    @PostMapping("/api/v1/shops/{shop}/inventory-adjustments")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Adjust stock", description = "Adds `delta` to what is on hand, or `set`s it, with a `reason`; "
            + "recorded in the movement ledger. 409 `insufficient_stock` when on hand would fall below zero or below "
            + "what is reserved.")
    ResponseEntity<LevelView> adjust(@PathVariable String shop, @Valid @RequestBody AdjustmentRequest request) {
        LevelView level = inventory.adjust(new InventoryService.Adjust(request.variantId(), request.locationId(),
                request.delta(), request.set(), request.reason()));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(level);
    }

    @GetMapping("/api/v1/shops/{shop}/inventory-movements")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "List stock movements", description = "The append-only ledger, newest first: kind (`adjusted`, "
            + "`set`, `reserved`, `released`, `committed`, `expired`), deltas, reason, reservation, who. Summing the "
            + "deltas of a level gives the level.")
    ResponseEntity<Page<MovementView>> movements(@PathVariable String shop,
                                                 @RequestParam(name = "variant_id", required = false) @Nullable UUID variantId,
                                                 @RequestParam(name = "location_id", required = false) @Nullable UUID locationId,
                                                 @RequestParam(required = false) @Nullable Integer limit,
                                                 @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(queries.movements(variantId, locationId, PageRequest.of(limit, after)));
    }

    @PostMapping("/api/v1/shops/{shop}/inventory-reservations")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Reserve stock", description = "All lines or none, from the highest-priority active locations, "
            + "for `ttl_seconds` (default 900, at most 86,400); then commit or release it, or it expires. 409 "
            + "`insufficient_stock` with `variant_id`, `requested` and `available`.")
    ResponseEntity<ReservationView> reserve(@PathVariable String shop, @Valid @RequestBody ReservationRequest request) {
        ReservationView reservation = inventory.reserve(request.lines().stream()
                        .map(line -> new InventoryService.ReserveLine(line.variantId(), line.quantity())).toList(),
                request.ttlSeconds() == null ? null : Duration.ofSeconds(request.ttlSeconds()), request.reference());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/inventory-reservations/"
                + reservation.id())).cacheControl(CacheControl.noStore()).body(reservation);
    }

    @GetMapping("/api/v1/shops/{shop}/inventory-reservations/{reservation}")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "Read a reservation")
    ResponseEntity<ReservationView> reservation(@PathVariable String shop, @PathVariable UUID reservation) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.reservation(reservation));
    }

    @PostMapping("/api/v1/shops/{shop}/inventory-reservations/{reservation}/commit")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Commit a reservation", description = "The reserved units leave stock. Idempotent; 422 "
            + "`reservation_not_active` once released or expired.")
    ResponseEntity<ReservationView> commit(@PathVariable String shop, @PathVariable UUID reservation) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(inventory.commit(reservation));
    }

    @PostMapping("/api/v1/shops/{shop}/inventory-reservations/{reservation}/release")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Release a reservation", description = "The reserved units are available again. Idempotent; "
            + "422 `reservation_not_active` once committed.")
    ResponseEntity<ReservationView> release(@PathVariable String shop, @PathVariable UUID reservation) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(inventory.release(reservation));
    }
}
