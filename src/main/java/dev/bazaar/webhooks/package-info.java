/**
 * Events out: the catalog of external events ({@link dev.bazaar.webhooks.EventType}), the transactional outbox that
 * records each one in the transaction of the change that caused it with its payload frozen, and signed webhook
 * deliveries of them to the shops' endpoints with retries, SSRF-safe sending and replay.
 */
@ApplicationModule(displayName = "Webhooks",
        allowedDependencies = {"platform", "platform :: security", "platform :: persistence", "tenancy", "catalog",
                "inventory", "ordering", "payments"})
@NullMarked
package dev.bazaar.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
