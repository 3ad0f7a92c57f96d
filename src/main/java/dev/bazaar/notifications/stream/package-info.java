/**
 * The real-time stream of a shop: Server-Sent Events carrying the shop's external events (filtered by the
 * subscriber's permissions) and the subscriber's own notifications, opened with short-lived single-use tickets,
 * resumable from the recorded events, and fanned out to every instance through {@link dev.bazaar.platform.Broadcasts}.
 */
@NullMarked
package dev.bazaar.notifications.stream;

import org.jspecify.annotations.NullMarked;
