/** Tenancy's config layer (internal). */
@NullMarked
package dev.bazaar.tenancy.config;

import org.jspecify.annotations.NullMarked;
