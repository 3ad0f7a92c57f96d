/**
 * Security primitives every module uses: the authenticated {@link dev.bazaar.platform.security.Actor} of the current
 * request, and the {@link dev.bazaar.platform.security.BearerTokenAuthenticator} port through which modules turn bearer
 * credentials (access tokens, later API keys) into one.
 */
@NamedInterface("security")
@NullMarked
package dev.bazaar.platform.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
