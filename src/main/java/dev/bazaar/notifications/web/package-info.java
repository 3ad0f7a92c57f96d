/** The caller's own feed and notification preferences in a shop. */
@NullMarked
package dev.bazaar.notifications.web;

import org.jspecify.annotations.NullMarked;
