package dev.bazaar.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bazaar.ordering.domain.TaxRateRepository;
import dev.bazaar.ordering.domain.TaxRateRepository.SettingsRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shop's checkout settings: whether its prices include tax, and whether shipping is taxed (both false until changed;
 * docs/ORDERING.md).
 */
@Service
public class CheckoutSettingsService {

    private final TaxRateRepository settings;
    private final AuditLog audit;
    private final Clock clock;

    CheckoutSettingsService(TaxRateRepository settings, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code version} 0 for a shop that never changed its settings. */
    public record CheckoutSettings(boolean pricesIncludeTax, boolean taxShipping, @JsonIgnore long version) {}

    @Transactional(readOnly = true)
    public CheckoutSettings get() {
        SettingsRow row = settings.settings(TenantContext.requireTenantId());
        return new CheckoutSettings(row.pricesIncludeTax(), row.taxShipping(), row.version());
    }

    /** Absent fields stay as they are; 412 when {@code expectedVersion} is stale. */
    @Transactional
    public CheckoutSettings update(@Nullable Boolean pricesIncludeTax, @Nullable Boolean taxShipping,
                                   @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        SettingsRow before = settings.settings(tenant);
        long version = expectedVersion != null ? expectedVersion : before.version();
        if (version != before.version()) {
            throw stale();
        }
        boolean include = pricesIncludeTax != null ? pricesIncludeTax : before.pricesIncludeTax();
        boolean shipping = taxShipping != null ? taxShipping : before.taxShipping();
        if (!settings.saveSettings(tenant, include, shipping, version, clock.instant())) {
            throw stale();
        }
        audit.record("checkout_settings.updated", "shop", tenant, Map.of("prices_include_tax", before.pricesIncludeTax(),
                "tax_shipping", before.taxShipping()), Map.of("prices_include_tax", include, "tax_shipping", shipping));
        return get();
    }

    private static ApplicationException stale() {
        return new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The settings were changed since you read them");
    }
}
