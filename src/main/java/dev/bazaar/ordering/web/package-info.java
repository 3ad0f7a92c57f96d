/** Ordering's HTTP API. */
@NullMarked
package dev.bazaar.ordering.web;

import org.jspecify.annotations.NullMarked;
