/** The implementations of {@link dev.bazaar.platform.Broadcasts}: in process, and over Redis pub/sub. */
@NullMarked
package dev.bazaar.platform.broadcast;

import org.jspecify.annotations.NullMarked;
