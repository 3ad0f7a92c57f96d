package dev.bazaar.catalog;

import dev.bazaar.catalog.application.ProductQueries;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The catalog's read for other modules: a product as staff see it, as JSON (the payload of product events). */
@Service
public class ProductSnapshots {

    private final ProductQueries queries;

    ProductSnapshots(ProductQueries queries) {
        this.queries = queries;
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
