/** Identity's HTTP API: accounts, token grants, the caller's own account, sessions, two-factor and the JWKS. */
@NullMarked
package dev.bazaar.identity.web;

import org.jspecify.annotations.NullMarked;
