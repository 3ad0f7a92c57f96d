package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.security.Permission;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Permission sets to and from their stored form (a text array of codes); unknown stored codes are ignored. */
public final class Permissions {

    private Permissions() {}

    public static String[] codes(Collection<Permission> permissions) {
        return permissions.stream().map(Permission::code).sorted().toArray(String[]::new);
    }

    /** The codes, sorted: how permissions appear in responses and audit events. */
    public static List<String> codeList(Collection<Permission> permissions) {
        return List.of(codes(permissions));
    }

    public static Set<Permission> fromArray(@Nullable Array array) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (array != null) {
            Arrays.stream((String[]) array.getArray()).map(Permission::fromCode)
                    .forEach(code -> code.ifPresent(permissions::add));
        }
        return permissions;
    }
}
