/** The events of lower modules that become notifications, handled in the transaction of their cause. */
@NullMarked
package dev.bazaar.notifications.listeners;

import org.jspecify.annotations.NullMarked;
