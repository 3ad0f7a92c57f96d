package dev.bazaar.catalog;

import dev.bazaar.catalog.application.ProductQueries;
import dev.bazaar.catalog.domain.VariantRepository;
import dev.bazaar.platform.TenantContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The catalog's reads for other modules: a product as staff see it, as JSON (the payload of product events), and what
 * names a variant for people (notifications).
 */
@Service
public class ProductSnapshots {

    private final ProductQueries queries;
    private final VariantRepository variants;

    ProductSnapshots(ProductQueries queries, VariantRepository variants) {
        this.queries = queries;
        this.variants = variants;
    }

    /** A variant as people name it: its product's id and title, its option values (in order) and SKU. */
    public record VariantName(UUID productId, String productTitle, List<String> optionValues, @Nullable String sku) {}

    /** The current tenant's variant, in the caller's transaction; empty when it does not exist (any more). */
    public Optional<VariantName> variantName(UUID variantId) {
        return variants.name(TenantContext.requireTenantId(), variantId)
                .map(v -> new VariantName(v.productId(), v.productTitle(), v.optionValues(), v.sku()));
    }

    /**
     * The product of the current tenant with its variants, stock, media and category, exactly as {@code GET
     * products/{id}} shows it to staff holding {@code products:read} and {@code inventory:read}; empty when it does not
     * exist (any more). Read in the caller's transaction, so it shows the caller's uncommitted changes.
     */
    public Optional<String> staffView(UUID productId) {
        return Optional.ofNullable(queries.staffViews(List.of(productId)).get(productId));
    }

    /** {@link #staffView} of many products at once (a few queries for all of them); absent ones are left out. */
    public Map<UUID, String> staffViews(Collection<UUID> productIds) {
        return queries.staffViews(productIds);
    }
}
