package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.security.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** The role of a row with {@code builtin_role}, {@code custom_role_id}, {@code custom_key}, {@code custom_permissions}. */
    public static RoleRef read(ResultSet rs) throws SQLException {
        String builtIn = rs.getString("builtin_role");
        return builtIn != null ? of(BuiltInRole.fromKey(builtIn).orElseThrow())
                : new RoleRef(rs.getString("custom_key"), null, rs.getObject("custom_role_id", UUID.class),
                        Permissions.fromArray(rs.getArray("custom_permissions")));
    }

    public boolean isOwner() {
        return builtIn == BuiltInRole.OWNER;
    }
}
