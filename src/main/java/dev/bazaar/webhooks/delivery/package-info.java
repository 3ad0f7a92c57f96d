/** Webhook endpoints, signing, fan-out of recorded events to deliveries, and SSRF-safe sending with retries. */
@NullMarked
package dev.bazaar.webhooks.delivery;

import org.jspecify.annotations.NullMarked;
