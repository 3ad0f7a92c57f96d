package dev.bazaar.platform.security;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the caller of a shop-scoped request may do in that shop, resolved once per request: the shop (tenant id,
 * handle, whether it is suspended), the caller's membership and role if it has one (or the API key's scopes), its
 * effective permissions, and the shop plan's API rate.
 */
public record ShopAccess(UUID tenantId, String handle, boolean suspended, @Nullable UUID memberId, @Nullable String role,
                         Set<Permission> permissions, int apiRatePerSecond, int apiBurst) {

    public ShopAccess {
        permissions = Set.copyOf(permissions);
    }

    /** Whether the caller belongs to the shop: a member, or an API key of it. */
    public boolean isMember() {
        return role != null;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }
}
