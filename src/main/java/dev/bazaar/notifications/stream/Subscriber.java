package dev.bazaar.notifications.stream;

import dev.bazaar.platform.security.Permission;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who a stream is for: the shop, the account (people) or the API key (apps), and the permissions that decide which
 * events it carries (as held when its ticket was issued, or when the stream was opened with a bearer header).
 */
record Subscriber(UUID tenantId, @Nullable UUID accountId, @Nullable UUID apiKeyId, Set<Permission> permissions) {

    Subscriber {
        permissions = Set.copyOf(permissions);
        if ((accountId == null) == (apiKeyId == null)) {
            throw new IllegalArgumentException("a subscriber is an account or an API key");
        }
    }

    /** The account or key, for the per-subscriber stream cap. */
    UUID principal() {
        return accountId != null ? accountId : apiKeyId;
    }
}
