package dev.bazaar.platform;

import org.jspecify.annotations.Nullable;

/** Strong entity tags from an aggregate's optimistic-lock version, and the {@code If-Match} check of writes. */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The tag of a representation that shows the aggregate at {@code version} plus data that changes apart from it
     * (stock, say), summarised by {@code qualifier}: {@code "12-3f9a"}. {@link #versionOf} reads the version back, so
     * a write's {@code If-Match} compares the aggregate only.
     */
    public static String of(long version, String qualifier) {
        return "\"" + version + "-" + qualifier + "\"";
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

    /** The version an {@code If-Match} names, or null when it is absent or {@code *}; 412 when it names none. */
    public static @Nullable Long versionOf(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        String value = tag.replace("\"", "");
        int qualifier = value.indexOf('-');
        try {
            return Long.parseLong(qualifier < 0 ? value : value.substring(0, qualifier));
        } catch (NumberFormatException e) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED,
                    "If-Match does not name a version of this resource; read it again and send its ETag");
        }
    }
}
