package dev.bazaar.inventory.web;

import dev.bazaar.inventory.StockLocationService;
import dev.bazaar.inventory.StockLocationService.LocationSpec;
import dev.bazaar.inventory.StockLocationService.LocationView;
import dev.bazaar.inventory.StockLocationService.Address;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Stock locations: warehouses and stores with a priority for reservations. */
@RestController
@Tag(name = "Inventory", description = "Stock locations, levels, adjustments, the movement ledger and reservations")
class StockLocationController {

    private final StockLocationService locations;

    StockLocationController(StockLocationService locations) {
        this.locations = locations;
    }

    record LocationRequest(@Nullable @Size(max = 120) String name, @Nullable Integer priority, @Nullable Boolean active,
                           @Nullable @Valid Address address) {
        LocationSpec spec() {
            return new LocationSpec(name, priority, active, address);
        }
    }

    @GetMapping("/api/v1/shops/{shop}/stock-locations")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "List stock locations", description = "Highest priority first (at most 500).")
    ResponseEntity<Map<String, List<LocationView>>> list(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", locations.list()));
    }

    @PostMapping("/api/v1/shops/{shop}/stock-locations")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Create a stock location", description = "`name` is unique in the shop; reservations take from "
            + "the highest `priority` first; inactive locations are not reserved from.")
    ResponseEntity<LocationView> create(@PathVariable String shop, @Valid @RequestBody LocationRequest request) {
        LocationView location = locations.create(request.spec());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/stock-locations/"
                + location.id())).eTag(ETags.of(location.version())).body(location);
    }

    @GetMapping("/api/v1/shops/{shop}/stock-locations/{location}")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "Read a stock location")
    ResponseEntity<LocationView> get(@PathVariable String shop, @PathVariable UUID location) {
        LocationView view = locations.get(location);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}/stock-locations/{location}")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Change a stock location", description = "412 on a stale If-Match.")
    ResponseEntity<LocationView> update(@PathVariable String shop, @PathVariable UUID location,
                                        @Valid @RequestBody LocationRequest request,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        LocationView view = locations.update(location, request.spec(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/stock-locations/{location}")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Delete a stock location", description = "409 `stock_location_in_use` while it holds or reserves stock.")
    ResponseEntity<Void> delete(@PathVariable String shop, @PathVariable UUID location) {
        locations.delete(location);
        return ResponseEntity.noContent().build();
    }
}
