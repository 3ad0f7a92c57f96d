/**
 * Inventory: stock locations, stock levels per variant and location with an append-only movement ledger, and
 * reservations for checkout that can never oversell.
 */
@ApplicationModule(displayName = "Inventory",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence"})
@NullMarked
package dev.bazaar.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
