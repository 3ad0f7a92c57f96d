/**
 * Ordering: the shop settings checkout needs (shipping zones and rates, tax rates, whether prices include tax, discount
 * definitions), customers and their addresses, carts, checkout, and orders with their fulfillments and refunds.
 */
@ApplicationModule(displayName = "Ordering",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "identity", "tenancy",
                "catalog", "inventory", "payments"})
@NullMarked
package dev.bazaar.ordering;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
