/** Identity's settings, rate-limit policies, production check, recurring purge and demo accounts. */
@NullMarked
package dev.bazaar.identity.config;

import org.jspecify.annotations.NullMarked;
