package dev.bazaar.notifications.listeners;

import dev.bazaar.catalog.ProductTransferFinished;
import dev.bazaar.inventory.InventoryEvent;
import dev.bazaar.notifications.application.NotificationSourceService;
import dev.bazaar.notifications.application.NotificationService;
import dev.bazaar.notifications.application.OrderNotificationService;
import dev.bazaar.ordering.OrderEvent;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.tenancy.ShopEvent;
import dev.bazaar.webhooks.WebhookEndpointDisabled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the transaction of the cause (not after its commit), so that a committed cause always has its notifications and
 * mail jobs, and a rolled-back one has none.
 */
@Component
class NotificationListeners {

    private final NotificationSourceService sources;
    private final NotificationService notifications;
    private final OrderNotificationService orders;
    private final TenantScope tenantScope;

    NotificationListeners(NotificationSourceService sources, NotificationService notifications,
                          OrderNotificationService orders, TenantScope tenantScope) {
        this.sources = sources;
        this.notifications = notifications;
        this.orders = orders;
        this.tenantScope = tenantScope;
    }

    @EventListener
    void on(OrderEvent event) {
        tenantScope.run(event.tenantId(), () -> orders.on(event));
    }

    @EventListener
    void on(InventoryEvent.LowStock event) {
        tenantScope.run(event.tenantId(), () -> sources.lowStock(event));
    }

    @EventListener
    void on(WebhookEndpointDisabled event) {
        tenantScope.run(event.tenantId(), () -> sources.endpointDisabled(event));
    }

    @EventListener
    void on(ProductTransferFinished event) {
        tenantScope.run(event.tenantId(), () -> sources.transferFinished(event));
    }

    /** A member who leaves takes their feed and choices along. */
    @EventListener
    void on(ShopEvent.MemberRemoved event) {
        tenantScope.run(event.tenantId(), () -> notifications.forget(event.accountId()));
    }
}
