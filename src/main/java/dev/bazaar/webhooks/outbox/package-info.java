/** The outbox: domain events mapped to external events, coalesced and recorded before commit. */
@NullMarked
package dev.bazaar.webhooks.outbox;

import org.jspecify.annotations.NullMarked;
