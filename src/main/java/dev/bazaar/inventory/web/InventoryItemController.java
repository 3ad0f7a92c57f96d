package dev.bazaar.inventory.web;

import dev.bazaar.inventory.InventoryQueries;
import dev.bazaar.inventory.InventoryQueries.InventoryItemView;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Inventory items: a variant's low-stock threshold and whether it is low, with its totals at active locations. */
@RestController
@Tag(name = "Inventory")
class InventoryItemController {

    private final InventoryService inventory;
    private final InventoryQueries queries;

    InventoryItemController(InventoryService inventory, InventoryQueries queries) {
        this.inventory = inventory;
        this.queries = queries;
    }

    /**
     * JSON merge semantics: a missing {@code low_stock_threshold} leaves it, an explicit {@code null} removes it, a
     * number sets it. A bean rather than a record, because only a setter can tell a missing field from a null one.
     */
    static final class InventoryItemRequest {
        private boolean setsThreshold;
        private @Nullable Long lowStockThreshold;

        @Schema(description = "0 to 1,000,000,000; null for none", nullable = true, minimum = "0", maximum = "1000000000")
        public @Nullable Long getLowStockThreshold() {
            return lowStockThreshold;
        }

        public void setLowStockThreshold(@Nullable Long lowStockThreshold) {
            this.setsThreshold = true;
            this.lowStockThreshold = lowStockThreshold;
        }

        InventoryService.ItemSpec spec() {
            return new InventoryService.ItemSpec(setsThreshold, lowStockThreshold);
        }
    }

    @GetMapping("/api/v1/shops/{shop}/inventory-items")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "List inventory items", description = "Variants with a low-stock threshold, in variant order, "
            + "with `on_hand`, `reserved` and `available` at active locations; `low_stock=true` lists those at or below "
            + "their threshold, `low_stock=false` those above it. Cursor pagination.")
    ResponseEntity<Page<InventoryItemView>> listItems(@PathVariable String shop,
                                        @RequestParam(name = "low_stock", required = false) @Nullable Boolean lowStock,
                                        @RequestParam(required = false) @Nullable Integer limit,
                                        @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(queries.items(lowStock, PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/inventory-items/{variant}")
    @RequiresPermission(Permission.INVENTORY_READ)
    @Operation(summary = "Read an inventory item", description = "Any variant of the shop: its `low_stock_threshold` "
            + "(null: none), `low_stock`, and its totals at active locations. 404 `variant_not_found` otherwise.")
    ResponseEntity<InventoryItemView> getItem(@PathVariable String shop, @PathVariable UUID variant) {
        InventoryItemView item = queries.item(variant);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(item.version())).body(item);
    }

    @PatchMapping("/api/v1/shops/{shop}/inventory-items/{variant}")
    @RequiresPermission(Permission.INVENTORY_WRITE)
    @Operation(summary = "Set a low-stock threshold", description = "`low_stock_threshold` 0 to 1,000,000,000, or null "
            + "for none. When the variant's available stock falls from above it to at or below it, `inventory.low_stock` "
            + "is published once; it re-arms when available rises above it. Setting it publishes nothing. 422 "
            + "`variant_not_tracked` for a variant that does not track inventory; 412 on a stale If-Match.")
    ResponseEntity<InventoryItemView> updateItem(@PathVariable String shop, @PathVariable UUID variant,
                                    @Valid @RequestBody InventoryItemRequest request,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        InventoryItemView item = inventory.updateItem(variant, request.spec(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(item.version())).body(item);
    }
}
