package dev.bazaar.ordering.web;

import dev.bazaar.ordering.DiscountService;
import dev.bazaar.ordering.DiscountService.DiscountSpec;
import dev.bazaar.ordering.DiscountService.DiscountView;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Discount definitions: codes entered at checkout and automatic discounts. */
@RestController
@Tag(name = "Discounts", description = "Discount codes and automatic discounts (definitions; redemption comes with checkout)")
class DiscountController {

    private final DiscountService discounts;

    DiscountController(DiscountService discounts) {
        this.discounts = discounts;
    }

    record DiscountRequest(@Nullable @Size(max = 40) String code, @Nullable @Size(max = 120) String name,
                           @Nullable @Size(max = 20) String kind, @Nullable @Size(max = 9) String percentage,
                           @Nullable Money amount, @Nullable Money minimumSubtotal, @Nullable @Size(max = 20) String targets,
                           @Nullable @Size(max = 100) List<UUID> targetIds, @Nullable Instant startsAt,
                           @Nullable Instant endsAt, @Nullable Long usageLimit, @Nullable Long perCustomerLimit,
                           @Nullable @Size(max = 20) String status) {
        DiscountSpec spec() {
            return new DiscountSpec(code, name, kind, percentage, amount, minimumSubtotal, targets, targetIds, startsAt,
                    endsAt, usageLimit, perCustomerLimit, status);
        }
    }

    @GetMapping("/api/v1/shops/{shop}/discounts")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "List discounts", description = "By creation (at most 500, the most a shop may have). "
            + "`code` finds the discount with that code, ignoring case (an empty list when none has it).")
    ResponseEntity<Map<String, List<DiscountView>>> listDiscounts(@PathVariable String shop,
                                                                 @RequestParam(required = false) @Nullable String code) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", discounts.list(code)));
    }

    @PostMapping("/api/v1/shops/{shop}/discounts")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Create a discount", description = "`code` (3 to 40 of `A-Z a-z 0-9 _ -`, stored as given, "
            + "unique per shop ignoring case: 409 `discount_code_taken`) or none for an automatic discount. `kind` "
            + "percentage (`percentage` a decimal string above 0 and at most 100), fixed_amount (`amount` in the shop's "
            + "currency) or free_shipping. `targets` all, products or collections with `target_ids` (unknown products are "
            + "422 `discount_target_not_found`). Valid from `starts_at` (default now, inclusive) to `ends_at` (exclusive). "
            + "`usage_limit` and `per_customer_limit` are counted at redemption, with checkout.")
    ResponseEntity<DiscountView> createDiscount(@PathVariable String shop, @Valid @RequestBody DiscountRequest request) {
        DiscountView discount = discounts.create(request.spec());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/discounts/"
                + discount.id())).cacheControl(CacheControl.noStore()).eTag(ETags.of(discount.version())).body(discount);
    }

    @GetMapping("/api/v1/shops/{shop}/discounts/{discount}")
    @RequiresPermission(Permission.SETTINGS_READ)
    @Operation(summary = "Read a discount")
    ResponseEntity<DiscountView> getDiscount(@PathVariable String shop, @PathVariable UUID discount) {
        DiscountView view = discounts.get(discount);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}/discounts/{discount}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change a discount", description = "Absent fields stay; a changed `kind` needs its value, "
            + "changed `targets` their `target_ids`. 412 on a stale If-Match.")
    ResponseEntity<DiscountView> updateDiscount(@PathVariable String shop, @PathVariable UUID discount,
                                                @Valid @RequestBody DiscountRequest request,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        DiscountView view = discounts.update(discount, request.spec(), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/discounts/{discount}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Delete a discount", description = "412 on a stale If-Match.")
    ResponseEntity<Void> deleteDiscount(@PathVariable String shop, @PathVariable UUID discount,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        discounts.delete(discount, ETags.versionOf(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
