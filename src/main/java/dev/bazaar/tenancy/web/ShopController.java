package dev.bazaar.tenancy.web;

import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.AnyShopMember;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import dev.bazaar.tenancy.application.ShopService;
import dev.bazaar.tenancy.application.ShopService.ShopView;
import dev.bazaar.tenancy.application.StaffService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
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

/** Shops: create one (becoming its owner), list one's own, read and change settings, leave. */
@RestController
@Tag(name = "Shops", description = "Shops (tenants) and the caller's place in them")
@SecurityRequirement(name = "bearer")
class ShopController {

    private final ShopService shops;
    private final StaffService staff;

    ShopController(ShopService shops, StaffService staff) {
        this.shops = shops;
        this.staff = staff;
    }

    record CreateShopRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(min = 3, max = 40) String handle,
                             @NotBlank @Pattern(regexp = "[A-Za-z]{3}", message = "must be an ISO 4217 code") String currency,
                             @NotBlank @Size(max = 64) String timezone, @NotBlank @Size(max = 35) String locale) {}

    record UpdateShopRequest(@Nullable @Size(min = 1, max = 200) String name,
                             @Nullable @Pattern(regexp = "[A-Za-z]{3}", message = "must be an ISO 4217 code") String currency,
                             @Nullable @Size(min = 1, max = 64) String timezone, @Nullable @Size(min = 2, max = 35) String locale) {}

    @PostMapping("/api/v1/shops")
    @Operation(summary = "Create a shop", description = "The caller becomes its owner; it starts on the default plan. "
            + "Handles are unique lower-case slugs (3-40 characters); some are reserved. 409 `handle_taken`.")
    ResponseEntity<ShopView> create(@Valid @RequestBody CreateShopRequest request) {
        ShopView shop = shops.create(CurrentActor.require(), new ShopService.CreateShop(request.name(), request.handle(),
                request.currency(), request.timezone(), request.locale()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + shop.handle())).cacheControl(CacheControl.noStore())
                .eTag(ETags.of(shop.version())).body(shop);
    }

    @GetMapping("/api/v1/shops")
    @Operation(summary = "List my shops", description = "The shops the caller is a member of, with its role in each.")
    ResponseEntity<Page<ShopView>> list(@RequestParam(required = false) @Nullable Integer limit,
                                        @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(shops.listMine(CurrentActor.require(), PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}")
    @AnyShopMember
    @Operation(summary = "Read a shop", description = "`{shop}` is the handle or the id. With an ETag for PATCH's If-Match.")
    ResponseEntity<ShopView> get(@PathVariable String shop) {
        ShopView view = shops.current();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/shops/{shop}")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change a shop's settings", description = "Fields left out stay as they are. 412 on a stale If-Match.")
    ResponseEntity<ShopView> update(@PathVariable String shop, @Valid @RequestBody UpdateShopRequest request,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        ShopView view = shops.update(new ShopService.UpdateShop(request.name(), request.currency(), request.timezone(),
                request.locale()), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/membership")
    @AnyShopMember(apiKeys = false)
    @Operation(summary = "Leave a shop", description = "The last owner cannot leave (422 `last_owner`).")
    ResponseEntity<Void> leave(@PathVariable String shop) {
        staff.leave(CurrentActor.require());
        return ResponseEntity.noContent().build();
    }
}
