/** Identity's use cases: registration, sign-in grants, sessions, password flows, two-factor, throttling, audit. */
@NullMarked
package dev.bazaar.identity.application;

import org.jspecify.annotations.NullMarked;
