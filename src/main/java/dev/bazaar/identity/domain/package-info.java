/** Identity's persistent state: the account aggregate and the stores of sessions, tokens, credentials and events. */
@NullMarked
package dev.bazaar.identity.domain;

import org.jspecify.annotations.NullMarked;
