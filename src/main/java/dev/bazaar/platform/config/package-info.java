/** Start-up configuration: derived settings, the embedded database, and the production safety check. */
@NullMarked
package dev.bazaar.platform.config;

import org.jspecify.annotations.NullMarked;
