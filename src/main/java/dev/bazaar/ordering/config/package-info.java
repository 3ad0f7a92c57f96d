/** Ordering's settings and recurring jobs. */
@NullMarked
package dev.bazaar.ordering.config;

import org.jspecify.annotations.NullMarked;
