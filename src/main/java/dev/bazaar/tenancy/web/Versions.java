package dev.bazaar.tenancy.web;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import org.jspecify.annotations.Nullable;

/** {@code If-Match} to the version it names (absent or {@code *}: none). */
final class Versions {

    private Versions() {}

    static @Nullable Long fromIfMatch(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED,
                    "If-Match does not name a version of this resource; read it again and send its ETag");
        }
    }
}
