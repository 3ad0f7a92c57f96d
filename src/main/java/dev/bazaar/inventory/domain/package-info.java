/** Inventory's tables and their JDBC repositories. */
@NullMarked
package dev.bazaar.inventory.domain;

import org.jspecify.annotations.NullMarked;
