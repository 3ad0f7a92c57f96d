package dev.bazaar.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code ?limit=&after=} of a list request: {@code limit} 1–100 (default 20); {@code after} is the opaque cursor of a
 * previous page, decoded here into the value the query keyset-paginates on. Queries fetch {@link #fetchSize()} rows
 * (one more than the limit, to know whether more exist) and hand them to {@link #page}.
 */
public record PageRequest(int limit, @Nullable String after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Validates the query parameters; 400 {@code validation_failed} for a bad limit or a cursor that is not ours. */
    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApplicationException.invalidField("limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor == null || cursor.isEmpty()) {
            return new PageRequest(size, null);
        }
        try {
            return new PageRequest(size, new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    private static ApplicationException invalidCursor() {
        return ApplicationException.invalidField("after", "invalid_cursor", "is not a cursor returned by this list");
    }

    /** The cursor as the UUID it must be, for lists keyset-paginated by (UUIDv7) id; null on the first page. */
    public @Nullable UUID afterId() {
        if (after == null) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    /** How many rows to fetch: the limit plus one. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The page of the first {@code limit} rows; the cursor of the last one if more rows were fetched. */
    public <T> Page<T> page(List<T> fetched, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, false, null);
        }
        List<T> data = fetched.subList(0, limit);
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(cursorOf.apply(data.getLast()).getBytes(StandardCharsets.UTF_8));
        return new Page<>(data, true, cursor);
    }
}
