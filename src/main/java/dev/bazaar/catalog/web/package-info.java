/** The catalog's HTTP API. */
@NullMarked
package dev.bazaar.catalog.web;

import org.jspecify.annotations.NullMarked;
