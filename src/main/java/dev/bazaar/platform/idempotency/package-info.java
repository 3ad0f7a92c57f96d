/** Idempotency-Key handling for every POST (Stripe model): stored responses, replay, conflicts, purge. */
@NullMarked
package dev.bazaar.platform.idempotency;

import org.jspecify.annotations.NullMarked;
