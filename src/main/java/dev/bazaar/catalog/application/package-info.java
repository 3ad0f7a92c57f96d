/** The catalog's services: writes with their rules, and the reads storefronts and staff use. */
@NullMarked
package dev.bazaar.catalog.application;

import org.jspecify.annotations.NullMarked;
