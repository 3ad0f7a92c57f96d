/**
 * Notifications: the in-app feed per account per shop, preferences per notification type and channel, email
 * notifications through the platform's mail jobs, and the real-time stream of a shop's events and the caller's own
 * notifications.
 */
@ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "identity", "tenancy", "catalog",
                "inventory", "ordering", "webhooks"})
@NullMarked
package dev.bazaar.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
