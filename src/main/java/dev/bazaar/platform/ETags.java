package dev.bazaar.platform;

import org.jspecify.annotations.Nullable;

/** Strong entity tags from an aggregate's optimistic-lock version, and the {@code If-Match} check of writes. */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Passes when {@code ifMatch} is absent, {@code *}, or lists the tag of {@code version}; otherwise throws 412
     * {@code precondition_failed}.
     */
    public static void requireMatch(@Nullable String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = of(version);
        for (String candidate : ifMatch.split(",")) {
            if (candidate.trim().equals(current)) {
                return;
            }
        }
        throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED,
                "The resource has changed since you read it (If-Match does not match its ETag); read it again");
    }
}
