/**
 * Shared kernel and cross-cutting infrastructure: errors as problem details, web conventions, idempotency, jobs, mail,
 * rate limiting, configuration and observability. Nothing here names a product, an order or a user.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package dev.bazaar.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
