/** Ordering's tables, their JDBC repositories, and the pure tax and shipping-rate rules. */
@NullMarked
package dev.bazaar.ordering.domain;

import org.jspecify.annotations.NullMarked;
