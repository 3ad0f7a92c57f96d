package dev.bazaar.tenancy;

import dev.bazaar.platform.TenantContext;
import dev.bazaar.tenancy.domain.PlanRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop for other modules (plan limits to enforce). */
@Service
public class ShopQueries {

    private final PlanRepository plans;

    ShopQueries(PlanRepository plans) {
        this.plans = plans;
    }

    /** The limits of the current tenant's plan. */
    @Transactional(readOnly = true)
    public PlanLimits limits() {
        return plans.limits(TenantContext.requireTenantId());
    }
}
