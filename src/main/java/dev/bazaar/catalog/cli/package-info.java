/** The catalog's management commands. */
@NullMarked
package dev.bazaar.catalog.cli;

import org.jspecify.annotations.NullMarked;
