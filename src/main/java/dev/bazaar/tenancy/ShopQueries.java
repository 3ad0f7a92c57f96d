package dev.bazaar.tenancy;

import dev.bazaar.platform.TenantContext;
import dev.bazaar.tenancy.domain.PlanRepository;
import dev.bazaar.tenancy.domain.ShopRepository;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop for other modules: its profile (currency, locale, time zone) and its plan's limits. */
@Service
public class ShopQueries {

    private final PlanRepository plans;
    private final ShopRepository shops;

    ShopQueries(PlanRepository plans, ShopRepository shops) {
        this.plans = plans;
        this.shops = shops;
    }

    /** The current shop as other modules need it. */
    public record ShopProfile(UUID id, String handle, String name, String currency, String locale, String timezone) {}

    @Transactional(readOnly = true)
    public ShopProfile current() {
        UUID tenant = TenantContext.requireTenantId();
        var shop = shops.find(tenant).orElseThrow(() -> new IllegalStateException("the bound tenant has no shop"));
        return new ShopProfile(shop.id(), shop.handle(), shop.name(), shop.currency(), shop.locale(), shop.timezone());
    }

    /** The limits of the current tenant's plan. */
    @Transactional(readOnly = true)
    public PlanLimits limits() {
        return plans.limits(TenantContext.requireTenantId());
    }
}
