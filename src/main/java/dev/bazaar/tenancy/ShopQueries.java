package dev.bazaar.tenancy;

import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.tenancy.domain.PlanRepository;
import dev.bazaar.tenancy.domain.ShopRepository;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop for other modules: its profile (currency, locale, time zone) and its plan's limits. */
@Service
public class ShopQueries {

    private final PlanRepository plans;
    private final ShopRepository shops;
    private final TenantScope tenantScope;

    ShopQueries(PlanRepository plans, ShopRepository shops, TenantScope tenantScope) {
        this.plans = plans;
        this.shops = shops;
        this.tenantScope = tenantScope;
    }

    /** The current shop as other modules need it. */
    public record ShopProfile(UUID id, String handle, String name, String currency, String locale, String timezone) {}

    @Transactional(readOnly = true)
    public ShopProfile current() {
        UUID tenant = TenantContext.requireTenantId();
        return profile(shops.find(tenant).orElseThrow(() -> new IllegalStateException("the bound tenant has no shop")));
    }

    private static ShopProfile profile(ShopRepository.ShopRow shop) {
        return new ShopProfile(shop.id(), shop.handle(), shop.name(), shop.currency(), shop.locale(), shop.timezone());
    }

    /** A shop that is not deleted, by handle, from anywhere (management commands, demo data): the system scope. */
    @Transactional(readOnly = true)
    public Optional<ShopProfile> findByHandle(String handle) {
        return tenantScope.system("find a shop by handle for a management command", () -> shops.findByReference(handle)
                .filter(shop -> !"deleted".equals(shop.status())).map(ShopQueries::profile));
    }

    /** The limits of the current tenant's plan. */
    @Transactional(readOnly = true)
    public PlanLimits limits() {
        return plans.limits(TenantContext.requireTenantId());
    }
}
