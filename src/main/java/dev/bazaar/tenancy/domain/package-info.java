/** Tenancy's domain layer (internal). */
@NullMarked
package dev.bazaar.tenancy.domain;

import org.jspecify.annotations.NullMarked;
