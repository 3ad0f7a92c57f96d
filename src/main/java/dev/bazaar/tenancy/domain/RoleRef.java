package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.security.Permission;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A role as held by a member or offered by an invitation: built-in, or custom (with its id). */
public record RoleRef(String key, @Nullable BuiltInRole builtIn, @Nullable UUID customId, Set<Permission> permissions) {

    public RoleRef {
        permissions = Set.copyOf(permissions);
    }

    public static RoleRef of(BuiltInRole role) {
        return new RoleRef(role.key(), role, null, role.permissions());
    }

    public boolean isOwner() {
        return builtIn == BuiltInRole.OWNER;
    }
}
