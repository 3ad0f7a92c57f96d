/** The catalog's start-up work. */
@NullMarked
package dev.bazaar.catalog.config;

import org.jspecify.annotations.NullMarked;
