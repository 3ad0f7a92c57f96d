package dev.bazaar.webhooks;

import dev.bazaar.platform.security.Permission;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The catalog of external events: every event a shop's webhooks and live stream can carry, declared once with its
 * name, the version of its payload schema, the permission a subscriber needs to receive it, and what it means
 * (docs/EVENTS.md and the OpenAPI document's {@code webhooks} section are written from it). Names are stable once
 * published; a payload change that is not purely additive gets a new version.
 */
public enum EventType {
    SHOP_UPDATED("shop.updated", 1, Permission.SETTINGS_READ,
            "The shop's profile (name, currency, locale, time zone, contact) changed. `data.shop` is the profile after the change."),
    SHOP_STATUS_CHANGED("shop.status_changed", 1, Permission.SETTINGS_READ,
            "The shop was suspended, reactivated, deleted or restored. `data.status` is the new state, `data.reason` why (when given)."),
    MEMBER_ADDED("member.added", 1, Permission.STAFF_READ,
            "Someone joined the shop's staff (an accepted invitation). `data.member` has the member id, account id and role."),
    MEMBER_ROLE_CHANGED("member.role_changed", 1, Permission.STAFF_READ,
            "A staff member's role changed. `data.member` has the member id, account id and the new role."),
    MEMBER_REMOVED("member.removed", 1, Permission.STAFF_READ,
            "A staff member was removed or left. `data.member` has the member id and account id."),
    PRODUCT_CREATED("product.created", 1, Permission.PRODUCTS_READ,
            "A product was created. `data.product` is the product as `GET products/{id}` shows it to staff, at commit."),
    PRODUCT_UPDATED("product.updated", 1, Permission.PRODUCTS_READ,
            "A product, one of its variants or its media changed (all changes of one transaction make one event). "
                    + "`data.product` is the product after the change."),
    PRODUCT_DELETED("product.deleted", 1, Permission.PRODUCTS_READ,
            "A product was deleted. `data.product` has its id and handle."),
    INVENTORY_LOW_STOCK("inventory.low_stock", 1, Permission.INVENTORY_READ,
            "A variant's stock available at active locations fell to or below its low-stock threshold (once per crossing). "
                    + "`data` has the variant id, the available quantity and the threshold."),
    ORDER_CREATED("order.created", 1, Permission.ORDERS_READ,
            "An order was placed at checkout; its payment may still be running (`status` `pending_payment`). "
                    + "`data.order` is the order as `GET orders/{id}` shows it to staff, at commit."),
    ORDER_PAID("order.paid", 1, Permission.ORDERS_READ,
            "An order's payment was captured (`status` `paid`). `data.order` as for `order.created`."),
    ORDER_FULFILLED("order.fulfilled", 1, Permission.ORDERS_READ,
            "A fulfillment of the order was created (shipped, with its tracking). `data.order` as for `order.created`, "
                    + "`data.fulfillment_id` the new fulfillment, `data.complete` whether nothing is left to ship."),
    ORDER_CANCELED("order.canceled", 1, Permission.ORDERS_READ,
            "An order was canceled by staff, or because its payment failed or its payment window ran out. "
                    + "`data.order` as for `order.created` (with `cancel_reason`)."),
    ORDER_REFUNDED("order.refunded", 1, Permission.ORDERS_READ,
            "A refund of the order succeeded at the gateway. `data.order` as for `order.created`, `data.refund_id` and "
                    + "`data.amount` the refund."),
    PAYMENT_AUTHORIZED("payment.authorized", 1, Permission.ORDERS_READ,
            "A payment was authorised and waits to be captured. `data.payment` is the payment as the order shows it."),
    PAYMENT_SUCCEEDED("payment.succeeded", 1, Permission.ORDERS_READ,
            "A payment was captured: the money is taken. `data.payment` as for `payment.authorized`."),
    PAYMENT_REQUIRES_ACTION("payment.requires_action", 1, Permission.ORDERS_READ,
            "The customer must complete a step (3-D Secure). `data.payment` with its `next_action`."),
    PAYMENT_FAILED("payment.failed", 1, Permission.ORDERS_READ,
            "A payment was declined or failed. `data.payment` with its `failure_code` and `failure_message`."),
    PAYMENT_CANCELED("payment.canceled", 1, Permission.ORDERS_READ,
            "A payment was voided before capture. `data.payment` as for `payment.authorized`."),
    PAYMENT_REFUNDED("payment.refunded", 1, Permission.ORDERS_READ,
            "A refund of a payment succeeded. `data.payment` after it (`refunded_amount`), `data.refund` the refund."),
    PAYMENT_REFUND_FAILED("payment.refund_failed", 1, Permission.ORDERS_READ,
            "The gateway refused a refund. `data.payment`, and `data.refund` with its `failure_code`."),
    PING("ping", 1, Permission.WEBHOOKS_READ,
            "Sent only by `POST webhook-endpoints/{id}/test`, to that endpoint: checks that it receives and verifies deliveries.");

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::eventName, Function.identity()));
    private static final Pattern FILTER = Pattern.compile("\\*|[a-z_]+\\.\\*|[a-z_]+(\\.[a-z_]+)?");

    private final String eventName;
    private final int version;
    private final Permission permission;
    private final String description;

    EventType(String eventName, int version, Permission permission, String description) {
        this.eventName = eventName;
        this.version = version;
        this.permission = permission;
        this.description = description;
    }

    /** The stable name, e.g. {@code product.updated}. */
    public String eventName() {
        return eventName;
    }

    /** The version of the payload schema. */
    public int version() {
        return version;
    }

    /** What a subscriber must hold to receive it (the live stream filters by it). */
    public Permission permission() {
        return permission;
    }

    public String description() {
        return description;
    }

    /** The resource part of the name: {@code product} for {@code product.updated}. */
    public String group() {
        int dot = eventName.indexOf('.');
        return dot < 0 ? eventName : eventName.substring(0, dot);
    }

    /** Whether a subscription's filter ({@code *}, {@code product.*} or an exact name) covers this event. */
    public boolean matches(String filter) {
        return filter.equals("*") ? this != PING
                : filter.endsWith(".*") ? group().equals(filter.substring(0, filter.length() - 2))
                : filter.equals(eventName);
    }

    public static Optional<EventType> fromName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * Whether {@code filter} is a valid subscription filter: {@code *}, a known group with {@code .*} (also groups whose
     * events come later, like {@code comment.*}), or a known event name.
     */
    public static boolean isValidFilter(String filter) {
        String normalised = filter.toLowerCase(Locale.ROOT);
        if (!normalised.equals(filter) || !FILTER.matcher(filter).matches()) {
            return false;
        }
        if (filter.equals("*")) {
            return true;
        }
        if (filter.endsWith(".*")) {
            String group = filter.substring(0, filter.length() - 2);
            return FUTURE_GROUPS.contains(group) || Arrays.stream(values()).anyMatch(type -> type.group().equals(group));
        }
        return BY_NAME.containsKey(filter) && !filter.equals(PING.eventName);
    }

    /** Groups whose events land with later modules (content); subscribing to them early is allowed. */
    public static final List<String> FUTURE_GROUPS = List.of("comment");
}
