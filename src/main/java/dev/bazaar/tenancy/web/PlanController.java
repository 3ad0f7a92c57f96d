package dev.bazaar.tenancy.web;

import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import dev.bazaar.tenancy.application.PlanService;
import dev.bazaar.tenancy.application.PlanService.PlanView;
import dev.bazaar.tenancy.application.PlanService.SubscriptionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The plans anyone may read, and a shop's subscription. */
@RestController
@Tag(name = "Plans", description = "Plans, their limits, and a shop's subscription")
class PlanController {

    private final PlanService plans;

    PlanController(PlanService plans) {
        this.plans = plans;
    }

    record ChangePlanRequest(@NotBlank @Size(max = 40) String plan) {}

    @GetMapping("/api/v1/plans")
    @Operation(summary = "List plans", description = "Public plans with their limits and features. No sign-in needed.")
    ResponseEntity<Map<String, List<PlanView>>> list() {
        return ResponseEntity.ok().body(Map.of("data", plans.list(false)));
    }

    @GetMapping("/api/v1/shops/{shop}/subscription")
    @RequiresPermission(Permission.BILLING_READ)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Read the shop's subscription", description = "Plan, status, period and current usage of the limits.")
    ResponseEntity<SubscriptionView> subscription(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(plans.subscription());
    }

    @PatchMapping("/api/v1/shops/{shop}/subscription")
    @RequiresPermission(Permission.BILLING_MANAGE)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change plan", description = "An owner action (billing:manage). A plan whose limits the shop "
            + "already exceeds is refused with 403 `plan_limit_reached`.")
    ResponseEntity<SubscriptionView> changePlan(@PathVariable String shop, @Valid @RequestBody ChangePlanRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(plans.changePlan(request.plan()));
    }
}
