/** The catalog's tables and their JDBC repositories. */
@NullMarked
package dev.bazaar.catalog.domain;

import org.jspecify.annotations.NullMarked;
