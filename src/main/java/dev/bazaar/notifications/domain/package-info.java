/** Notifications' tables (the feed and the preferences) and their JDBC repositories. */
@NullMarked
package dev.bazaar.notifications.domain;

import org.jspecify.annotations.NullMarked;
