package dev.bazaar.platform.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every permission a shop member or API key can hold, named {@code resource:action}. This enum is the one place where
 * modules add theirs; roles and API-key scopes are sets of these, and endpoints name the one they need with
 * {@link RequiresPermission}. Codes are stable once published.
 */
public enum Permission {
    PRODUCTS_READ("products:read"),
    PRODUCTS_WRITE("products:write"),
    INVENTORY_READ("inventory:read"),
    INVENTORY_WRITE("inventory:write"),
    ORDERS_READ("orders:read"),
    ORDERS_WRITE("orders:write"),
    ORDERS_REFUND("orders:refund"),
    CUSTOMERS_READ("customers:read"),
    CUSTOMERS_WRITE("customers:write"),
    CONTENT_READ("content:read"),
    CONTENT_WRITE("content:write"),
    FILES_READ("files:read"),
    FILES_WRITE("files:write"),
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_MANAGE("webhooks:manage"),
    REPORTS_READ("reports:read"),
    STAFF_READ("staff:read"),
    STAFF_MANAGE("staff:manage"),
    SETTINGS_READ("settings:read"),
    SETTINGS_MANAGE("settings:manage"),
    BILLING_READ("billing:read"),
    BILLING_MANAGE("billing:manage");

    private static final Map<String, Permission> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Permission::code, Function.identity()));

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    /** The stable name, e.g. {@code products:read}. */
    public String code() {
        return code;
    }

    /** Whether holding it only lets one look ({@code *:read}). */
    public boolean isReadOnly() {
        return code.endsWith(":read");
    }

    public static Optional<Permission> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code.toLowerCase(Locale.ROOT)));
    }

    /** Every read permission: what the built-in {@code viewer} role holds. */
    public static Set<Permission> readOnly() {
        return Arrays.stream(values()).filter(Permission::isReadOnly)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }
}
