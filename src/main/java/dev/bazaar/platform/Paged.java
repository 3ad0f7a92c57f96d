package dev.bazaar.platform;

import org.jspecify.annotations.Nullable;

/**
 * A cursor-paginated response: the platform adds {@code Link: <…>; rel="next"} for its {@link #nextCursor()}.
 * {@link Page} is the usual one; a list with more to say (facets, say) implements this itself.
 */
public interface Paged {

    @Nullable String nextCursor();
}
