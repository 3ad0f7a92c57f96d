/** Inventory's recurring jobs. */
@NullMarked
package dev.bazaar.inventory.config;

import org.jspecify.annotations.NullMarked;
