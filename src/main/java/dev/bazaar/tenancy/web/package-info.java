/** Tenancy's web layer (internal). */
@NullMarked
package dev.bazaar.tenancy.web;

import org.jspecify.annotations.NullMarked;
