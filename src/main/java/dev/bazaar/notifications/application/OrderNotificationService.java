package dev.bazaar.notifications.application;

import dev.bazaar.notifications.NotificationType;
import dev.bazaar.ordering.Address;
import dev.bazaar.ordering.OrderEvent;
import dev.bazaar.ordering.OrderQueries;
import dev.bazaar.ordering.OrderQueries.OrderView;
import dev.bazaar.platform.MailMessage;
import dev.bazaar.platform.Mailer;
import dev.bazaar.tenancy.MemberQueries;
import dev.bazaar.tenancy.ShopQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What orders tell people (docs/NOTIFICATIONS.md), in the transaction of the order's change: the customer's mails
 * (order confirmation when it is paid, shipping confirmation per fulfillment, cancellation and refunds of a paid order),
 * sent to the order's email whether or not the customer has an account, in the shop's locale; and the staff's
 * {@code ordering.new_order} notification when an order is paid.
 */
@Service
public class OrderNotificationService {

    private final NotificationDeliveryService notifier;
    private final MemberQueries members;
    private final ShopQueries shops;
    private final OrderQueries orders;
    private final Mailer mailer;

    OrderNotificationService(NotificationDeliveryService notifier, MemberQueries members, ShopQueries shops,
                             OrderQueries orders, Mailer mailer) {
        this.notifier = notifier;
        this.members = members;
        this.shops = shops;
        this.orders = orders;
        this.mailer = mailer;
    }

    @Transactional
    public void on(OrderEvent event) {
        switch (event) {
            case OrderEvent.Paid paid -> paid(paid);
            case OrderEvent.Fulfilled fulfilled -> fulfilled(fulfilled);
            case OrderEvent.Canceled canceled -> canceled(canceled);
            case OrderEvent.Refunded refunded -> refunded(refunded);
            // Placed but not paid yet: nobody is told until the money is there (an unpaid order may expire).
            case OrderEvent.Created created -> { }
        }
    }

    private void paid(OrderEvent.Paid event) {
        OrderView order = orders.get(event.orderId());
        ShopQueries.ShopProfile shop = shops.current();
        Locale locale = Locale.forLanguageTag(shop.locale());
        Map<String, Object> model = orderModel(shop, order, locale);
        toCustomer(order, shop, "Order " + order.name() + " confirmed", "notifications-order-confirmation", model, locale);

        long items = order.lines().stream().mapToLong(OrderQueries.LineView::quantity).sum();
        String total = order.totals().total().display(locale);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", order.id());
        data.put("number", order.number());
        data.put("email", order.email());
        data.put("total", order.totals().total());
        NotificationType type = NotificationType.ORDERING_NEW_ORDER;
        String title = "New order " + order.name();
        notifier.notify(type, members.accountsHolding(Objects.requireNonNull(type.permission())),
                new NotificationDeliveryService.Content(title, (items == 1 ? "1 item" : items + " items") + ", " + total
                        + ", from " + order.email() + ".", data, "[" + shop.name() + "] " + title, model));
    }

    private void fulfilled(OrderEvent.Fulfilled event) {
        OrderView order = orders.get(event.orderId());
        ShopQueries.ShopProfile shop = shops.current();
        Locale locale = Locale.forLanguageTag(shop.locale());
        OrderQueries.FulfillmentView fulfillment = order.fulfillments().stream()
                .filter(one -> one.id().equals(event.fulfillmentId())).findFirst().orElseThrow();
        Map<UUID, OrderQueries.LineView> lines = order.lines().stream()
                .collect(Collectors.toMap(OrderQueries.LineView::id, line -> line));
        List<Map<String, Object>> shipped = fulfillment.lines().stream().map(line -> {
            OrderQueries.LineView ordered = lines.get(line.lineId());
            return line(ordered.productTitle(), ordered.variantTitle(), line.quantity(), null);
        }).toList();
        Map<String, Object> model = orderModel(shop, order, locale);
        model.put("shipped", shipped);
        model.put("complete", event.complete());
        model.put("trackingNumber", text(fulfillment.trackingNumber()));
        model.put("trackingCompany", text(fulfillment.trackingCompany()));
        model.put("trackingUrl", text(fulfillment.trackingUrl()));
        toCustomer(order, shop, (event.complete() ? "Order " : "Part of order ") + order.name() + " is on its way",
                "notifications-order-shipped", model, locale);
    }

    private void canceled(OrderEvent.Canceled event) {
        OrderView order = orders.get(event.orderId());
        if (order.paidAt() == null) {
            // Never confirmed (its payment failed or never came): the checkout already told the shopper.
            return;
        }
        ShopQueries.ShopProfile shop = shops.current();
        Locale locale = Locale.forLanguageTag(shop.locale());
        Map<String, Object> model = orderModel(shop, order, locale);
        model.put("reason", text(event.reason()));
        toCustomer(order, shop, "Order " + order.name() + " canceled", "notifications-order-canceled", model, locale);
    }

    private void refunded(OrderEvent.Refunded event) {
        OrderView order = orders.get(event.orderId());
        ShopQueries.ShopProfile shop = shops.current();
        Locale locale = Locale.forLanguageTag(shop.locale());
        Map<String, Object> model = orderModel(shop, order, locale);
        model.put("amount", event.amount().display(locale));
        model.put("totalRefunded", event.totalRefunded().display(locale));
        toCustomer(order, shop, "Refund of " + event.amount().display(locale) + " for order " + order.name(),
                "notifications-order-refunded", model, locale);
    }

    private void toCustomer(OrderView order, ShopQueries.ShopProfile shop, String subject, String template,
                            Map<String, Object> model, Locale locale) {
        mailer.send(new MailMessage(order.email(), "[" + shop.name() + "] " + subject, template, model, locale));
    }

    /** What every order mail shows: the shop, the order's number, lines, totals and shipping address. */
    private static Map<String, Object> orderModel(ShopQueries.ShopProfile shop, OrderView order, Locale locale) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("shop", shop.name());
        model.put("order", order.name());
        model.put("lines", order.lines().stream().map(line -> line(line.productTitle(), line.variantTitle(),
                line.quantity(), line.total().display(locale))).toList());
        OrderQueries.Totals totals = order.totals();
        model.put("subtotal", totals.subtotal().display(locale));
        model.put("discount", totals.discount().amount() == 0 ? "" : totals.discount().display(locale));
        model.put("shipping", totals.shipping().display(locale));
        model.put("shippingName", order.shipping().name());
        model.put("tax", totals.tax().display(locale));
        model.put("taxIncluded", order.pricesIncludeTax());
        model.put("total", totals.total().display(locale));
        model.put("address", addressLines(order.shippingAddress()));
        return model;
    }

    private static Map<String, Object> line(String product, String variant, long quantity, @Nullable String total) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("title", variant.isBlank() ? product : product + " (" + variant + ")");
        line.put("quantity", quantity);
        line.put("total", text(total));
        return line;
    }

    private static List<String> addressLines(Address address) {
        List<String> lines = new ArrayList<>();
        Stream.of(address.name(), address.company(), address.line1(), address.line2()).filter(Objects::nonNull)
                .filter(line -> !line.isBlank()).forEach(lines::add);
        lines.add(address.postalCode() + " " + address.city()
                + (address.region() == null || address.region().isBlank() ? "" : ", " + address.region()));
        lines.add(address.country());
        return lines;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
