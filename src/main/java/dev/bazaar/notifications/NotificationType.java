package dev.bazaar.notifications;

import dev.bazaar.platform.security.Permission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every kind of notification, declared once (docs/NOTIFICATIONS.md): its stable key, who receives it, the channels it
 * uses unless the recipient chose otherwise, the channels nobody can switch off, its mail template
 * ({@code templates/mail/<template>.txt} and {@code .html}) and a description for the preferences page. The mails
 * to customers about their orders are not notifications (customers are not members and have no feed or preferences
 * here): {@code OrderNotificationService} sends them.
 */
public enum NotificationType {

    INVENTORY_LOW_STOCK("inventory.low_stock", Audience.PERMISSION, Permission.INVENTORY_WRITE,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL), EnumSet.noneOf(NotificationChannel.class),
            "notifications-low-stock", "A variant's available stock fell to its low-stock threshold"),
    WEBHOOKS_ENDPOINT_DISABLED("webhooks.endpoint_disabled", Audience.OWNERS, null,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL), EnumSet.of(NotificationChannel.EMAIL),
            "notifications-webhook-endpoint-disabled", "Bazaar disabled a webhook endpoint that was gone or kept failing"),
    CATALOG_IMPORT_FINISHED("catalog.import_finished", Audience.STARTER, null,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL), EnumSet.noneOf(NotificationChannel.class),
            "notifications-import-finished", "A product import you started finished, failed or stopped after validation"),
    CATALOG_EXPORT_FINISHED("catalog.export_finished", Audience.STARTER, null,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL), EnumSet.noneOf(NotificationChannel.class),
            "notifications-export-finished", "A product export you started is ready or failed"),
    ORDERING_NEW_ORDER("ordering.new_order", Audience.PERMISSION, Permission.ORDERS_WRITE,
            EnumSet.of(NotificationChannel.IN_APP, NotificationChannel.EMAIL), EnumSet.noneOf(NotificationChannel.class),
            "notifications-new-order", "An order was paid and waits to be fulfilled");

    /** Who receives a notification of a type, among the shop's members. */
    public enum Audience {
        /** Every member whose role holds the type's permission. */
        PERMISSION,
        /** The shop's owners. */
        OWNERS,
        /** The account that started the work (if it is still a member). */
        STARTER
    }

    private final String key;
    private final Audience audience;
    private final @Nullable Permission permission;
    private final Set<NotificationChannel> defaults;
    private final Set<NotificationChannel> required;
    private final String template;
    private final String description;

    NotificationType(String key, Audience audience, @Nullable Permission permission, Set<NotificationChannel> defaults,
                     Set<NotificationChannel> required, String template, String description) {
        if ((audience == Audience.PERMISSION) != (permission != null) || !defaults.containsAll(required)) {
            throw new IllegalArgumentException(key + ": a permission audience names its permission; required channels are on by default");
        }
        this.key = key;
        this.audience = audience;
        this.permission = permission;
        this.defaults = Set.copyOf(defaults);
        this.required = Set.copyOf(required);
        this.template = template;
        this.description = description;
    }

    /** The stable name in the API, the database and live streams. */
    public String key() {
        return key;
    }

    public Audience audience() {
        return audience;
    }

    /** The permission of a {@link Audience#PERMISSION} audience. */
    public @Nullable Permission permission() {
        return permission;
    }

    /** The channels it uses for a recipient who chose nothing. */
    public Set<NotificationChannel> defaults() {
        return defaults;
    }

    /** The channels a recipient cannot switch off. */
    public Set<NotificationChannel> required() {
        return required;
    }

    public String template() {
        return template;
    }

    public String description() {
        return description;
    }

    public static Optional<NotificationType> fromKey(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }
}
