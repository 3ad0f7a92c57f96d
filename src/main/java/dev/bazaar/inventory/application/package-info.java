/** Inventory's services: stock locations, adjustments and reservations. */
@NullMarked
package dev.bazaar.inventory.application;

import org.jspecify.annotations.NullMarked;
