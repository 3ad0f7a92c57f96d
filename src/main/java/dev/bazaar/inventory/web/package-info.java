/** Inventory's HTTP API. */
@NullMarked
package dev.bazaar.inventory.web;

import org.jspecify.annotations.NullMarked;
