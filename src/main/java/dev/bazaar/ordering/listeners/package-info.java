/** Ordering's reactions to other modules' events: thin, each hands over to the module's service. */
@NullMarked
package dev.bazaar.ordering.listeners;

import org.jspecify.annotations.NullMarked;
