/**
 * The catalog: products with variants (options, SKUs, prices) and media, managed by staff and read by storefronts.
 */
@ApplicationModule(displayName = "Catalog",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "tenancy", "inventory"})
@NullMarked
package dev.bazaar.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
