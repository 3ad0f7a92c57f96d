package dev.bazaar.tenancy.web;

import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.tenancy.application.PlanService;
import dev.bazaar.tenancy.application.PlanService.PlanView;
import dev.bazaar.tenancy.application.PlanService.SubscriptionView;
import dev.bazaar.tenancy.application.ShopService;
import dev.bazaar.tenancy.application.ShopService.AdminShopView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Platform administrators: every shop and its lifecycle, and the plans (the chain admits platform_admin only). */
@RestController
@Tag(name = "Administration", description = "Operating the installation (platform administrators)")
@SecurityRequirement(name = "bearer")
class AdminTenancyController {

    private final ShopService shops;
    private final PlanService plans;

    AdminTenancyController(ShopService shops, PlanService plans) {
        this.shops = shops;
        this.plans = plans;
    }

    record ReasonRequest(@NotBlank @Size(max = 500) String reason) {}

    record AssignPlanRequest(@NotBlank @Size(max = 40) String plan, @Nullable String status) {}

    @GetMapping("/api/v1/admin/shops")
    @Operation(summary = "List every shop", description = "Filter by `status` (active, suspended, deleted) and `q` (handle prefix or name).")
    ResponseEntity<Page<AdminShopView>> list(@RequestParam(required = false) @Nullable String status,
                                             @RequestParam(required = false) @Nullable String q,
                                             @RequestParam(required = false) @Nullable Integer limit,
                                             @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shops.listAll(status, q, PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/admin/shops/{shop}")
    @Operation(summary = "Read any shop")
    ResponseEntity<AdminShopView> get(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shops.adminGet(shop));
    }

    @PostMapping("/api/v1/admin/shops/{shop}/suspend")
    @Operation(summary = "Suspend a shop", description = "Its API answers 403 `shop_suspended` to its staff and keys, 404 to the public.")
    ResponseEntity<AdminShopView> suspend(@PathVariable String shop, @Valid @RequestBody ReasonRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shops.suspend(shop, request.reason()));
    }

    @PostMapping("/api/v1/admin/shops/{shop}/reactivate")
    @Operation(summary = "Reactivate a suspended shop")
    ResponseEntity<AdminShopView> reactivate(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shops.reactivate(shop));
    }

    @DeleteMapping("/api/v1/admin/shops/{shop}")
    @Operation(summary = "Delete a shop", description = "Soft delete: the shop is gone for everyone at once and purged with "
            + "all its data after the grace period (`bazaar.tenancy.deletion-grace-period`, 30 days), unless restored.")
    ResponseEntity<AdminShopView> delete(@PathVariable String shop, @RequestParam(required = false) @Nullable String reason) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shops.delete(shop, reason));
    }

    @PostMapping("/api/v1/admin/shops/{shop}/restore")
    @Operation(summary = "Restore a deleted shop", description = "Within the grace period.")
    ResponseEntity<AdminShopView> restore(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shops.restore(shop));
    }

    @PutMapping("/api/v1/admin/shops/{shop}/subscription")
    @Operation(summary = "Put a shop on a plan", description = "Any unarchived plan, hidden ones too, with a status "
            + "(`trialing`, `active`, `past_due`, `canceled`; default `active`). Refused with 403 `plan_limit_reached` "
            + "when the shop already exceeds the plan's limits. Recorded in the shop's audit log.")
    ResponseEntity<SubscriptionView> assignPlan(@PathVariable String shop, @Valid @RequestBody AssignPlanRequest request) {
        SubscriptionView subscription = plans.assign(shops.adminGet(shop).id(), request.plan(), request.status());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(subscription);
    }

    @GetMapping("/api/v1/admin/plans")
    @Operation(summary = "List every plan", description = "Including hidden and archived ones.")
    ResponseEntity<Map<String, List<PlanView>>> plans() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", plans.list(true)));
    }

    @PostMapping("/api/v1/admin/plans")
    @Operation(summary = "Create a plan")
    ResponseEntity<PlanView> createPlan(@RequestBody PlanService.PlanSpec spec) {
        PlanView plan = plans.create(spec);
        return ResponseEntity.created(URI.create("/api/v1/admin/plans/" + plan.key())).eTag(ETags.of(plan.version())).body(plan);
    }

    @GetMapping("/api/v1/admin/plans/{plan}")
    @Operation(summary = "Read a plan")
    ResponseEntity<PlanView> getPlan(@PathVariable String plan) {
        PlanView view = plans.get(plan);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/api/v1/admin/plans/{plan}")
    @Operation(summary = "Change a plan", description = "Limits apply to its shops at once. `archived: true` hides it from new choices.")
    ResponseEntity<PlanView> updatePlan(@PathVariable String plan, @RequestBody PlanService.PlanSpec spec,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        PlanView view = plans.update(plan, spec, ETags.versionOf(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }
}
