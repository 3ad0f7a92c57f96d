/**
 * Ordering: the shop settings checkout needs (shipping zones and rates, tax rates, whether prices include tax, discount
 * definitions), and later carts, checkout, orders, fulfillment and returns.
 */
@ApplicationModule(displayName = "Ordering",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "tenancy", "catalog",
                "inventory"})
@NullMarked
package dev.bazaar.ordering;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
