package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.security.Permission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The roles every shop has. Owners hold everything; a shop always has at least one. */
public enum BuiltInRole {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.complementOf(EnumSet.of(Permission.BILLING_MANAGE))),
    STAFF(EnumSet.of(Permission.PRODUCTS_READ, Permission.PRODUCTS_WRITE, Permission.INVENTORY_READ,
            Permission.INVENTORY_WRITE, Permission.ORDERS_READ, Permission.ORDERS_WRITE, Permission.CUSTOMERS_READ,
            Permission.CUSTOMERS_WRITE, Permission.CONTENT_READ, Permission.CONTENT_WRITE, Permission.FILES_READ,
            Permission.FILES_WRITE, Permission.REPORTS_READ, Permission.STAFF_READ, Permission.SETTINGS_READ,
            Permission.WEBHOOKS_READ)),
    VIEWER(Permission.readOnly());

    private final Set<Permission> permissions;

    BuiltInRole(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BuiltInRole> fromKey(String key) {
        return Arrays.stream(values()).filter(role -> role.key().equals(key)).findFirst();
    }
}
