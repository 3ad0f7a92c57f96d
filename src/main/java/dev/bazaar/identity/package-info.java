/**
 * Identity and access: accounts, credentials (Argon2id passwords, TOTP), email verification and password reset,
 * access tokens (ES256 JWTs) with rotating refresh tokens, sessions, login throttling and the security audit trail.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"platform", "platform :: security", "platform :: persistence"})
@NullMarked
package dev.bazaar.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
