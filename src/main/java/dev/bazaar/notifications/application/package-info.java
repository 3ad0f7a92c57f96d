/** Creating notifications for their recipients, reading and marking the feed, and preferences. */
@NullMarked
package dev.bazaar.notifications.application;

import org.jspecify.annotations.NullMarked;
