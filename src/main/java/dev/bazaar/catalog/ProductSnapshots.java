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
     * A variant as a cart buys it: names, price (minor units of {@code currency}), weight in grams (0 when not set),
     * whether it tracks inventory, whether its product is active (only active products can be bought), and the manual
     * collections its product is in (automatic collections are evaluated when read, and are not listed).
     */
    public record PurchasableVariant(UUID variantId, UUID productId, String productTitle, List<String> optionValues,
                                     @Nullable String sku, long priceAmount, String currency, int weightGrams,
                                     boolean trackInventory, boolean active, List<UUID> collectionIds) {}

    /** The current tenant's variants among {@code variantIds}, in the caller's transaction; unknown ones are left out. */
    public Map<UUID, PurchasableVariant> purchasable(Collection<UUID> variantIds) {
        Map<UUID, PurchasableVariant> found = new java.util.HashMap<>();
        variants.purchasable(TenantContext.requireTenantId(), variantIds).forEach((id, v) -> found.put(id,
                new PurchasableVariant(id, v.productId(), v.productTitle(), v.optionValues(), v.sku(), v.priceAmount(),
                        v.currency(), v.weightGrams(), v.trackInventory(), v.active(), v.collectionIds())));
        return found;
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
