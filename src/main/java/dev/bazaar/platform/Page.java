package dev.bazaar.platform;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paginated list, rendered as {@code {"data": [...], "has_more": true, "next_cursor": "…"}}; the
 * platform adds the matching {@code Link: <…>; rel="next"} header. Build it with {@link PageRequest#page}.
 */
public record Page<T>(List<T> data, boolean hasMore, @Nullable String nextCursor) implements Paged {

    public Page {
        data = List.copyOf(data);
    }
}
