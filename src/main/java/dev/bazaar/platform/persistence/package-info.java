/** Persistence base types shared by every module's entities. */
@NamedInterface("persistence")
@NullMarked
package dev.bazaar.platform.persistence;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
