package dev.bazaar.catalog.application;

import dev.bazaar.catalog.domain.VariantRepository;
import dev.bazaar.inventory.VariantCatalog;
import dev.bazaar.platform.TenantContext;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The catalog's side of inventory's port: which variants exist in the current shop, and which track stock. */
@Component
class CatalogVariants implements VariantCatalog {

    private final VariantRepository variants;

    CatalogVariants(VariantRepository variants) {
        this.variants = variants;
    }

    @Override
    public Map<UUID, Boolean> tracking(Collection<UUID> variantIds) {
        // Called inside inventory's transaction, so it reads what that transaction sees.
        return variants.tracking(TenantContext.requireTenantId(), variantIds);
    }
}
