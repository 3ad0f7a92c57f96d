/**
 * Shops (the tenants): their lifecycle, memberships with built-in and custom roles, invitations, API keys, plans with
 * limits and subscriptions; it resolves the {@code {shop}} of shop-scoped requests for the platform.
 */
@ApplicationModule(displayName = "Tenancy", allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "identity"})
@NullMarked
package dev.bazaar.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
