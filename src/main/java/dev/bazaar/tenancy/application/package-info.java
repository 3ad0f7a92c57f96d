/** Tenancy's application layer (internal). */
@NullMarked
package dev.bazaar.tenancy.application;

import org.jspecify.annotations.NullMarked;
