package dev.bazaar.notifications.application;

import dev.bazaar.catalog.ProductSnapshots;
import dev.bazaar.catalog.ProductTransferFinished;
import dev.bazaar.inventory.InventoryEvent;
import dev.bazaar.notifications.NotificationType;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.tenancy.MemberQueries;
import dev.bazaar.tenancy.ShopQueries;
import dev.bazaar.webhooks.WebhookEndpointDisabled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the causes of notifications into their content and recipients (docs/NOTIFICATIONS.md), in the cause's
 * transaction and tenant scope, and hands them to the {@link NotificationDeliveryService}.
 */
@Service
public class NotificationSourceService {

    private final NotificationDeliveryService notifier;
    private final MemberQueries members;
    private final ShopQueries shops;
    private final ProductSnapshots catalog;

    NotificationSourceService(NotificationDeliveryService notifier, MemberQueries members, ShopQueries shops, ProductSnapshots catalog) {
        this.notifier = notifier;
        this.members = members;
        this.shops = shops;
        this.catalog = catalog;
    }

    /** {@code inventory.low_stock}: the members who can restock (inventory:write). */
    @Transactional
    public void lowStock(InventoryEvent.LowStock event) {
        NotificationType type = NotificationType.INVENTORY_LOW_STOCK;
        ProductSnapshots.VariantName variant = catalog.variantName(event.variantId()).orElse(null);
        String label = variant == null ? "a variant" : variant.productTitle()
                + (variant.optionValues().isEmpty() ? "" : " (" + String.join(" / ", variant.optionValues()) + ")");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("variant_id", event.variantId());
        data.put("product_id", variant == null ? null : variant.productId());
        data.put("sku", variant == null ? null : variant.sku());
        data.put("available", event.available());
        data.put("threshold", event.threshold());
        String shop = shops.current().name();
        notifier.notify(type, members.accountsHolding(Objects.requireNonNull(type.permission())), new NotificationDeliveryService.Content(
                "Low stock: " + label, event.available() + " available, at or below the threshold of " + event.threshold() + ".",
                data, "[" + shop + "] Low stock: " + label, model(shop, "product", label, "sku", variant == null ? null : variant.sku(),
                        "available", event.available(), "threshold", event.threshold())));
    }

    /** {@code webhooks.endpoint_disabled}: the shop's owners. */
    @Transactional
    public void endpointDisabled(WebhookEndpointDisabled event) {
        boolean gone = event.reason().equals("gone");
        String summary = gone ? "It answered 410 Gone, so Bazaar stopped sending events to it."
                : "It kept failing, so Bazaar stopped sending events to it.";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", event.endpointId());
        data.put("url", event.url());
        data.put("reason", event.reason());
        String shop = shops.current().name();
        notifier.notify(NotificationType.WEBHOOKS_ENDPOINT_DISABLED, members.owners(), new NotificationDeliveryService.Content(
                "Webhook endpoint disabled: " + event.url(), summary + " Fix it, then enable it again.", data,
                "[" + shop + "] Webhook endpoint disabled", model(shop, "url", event.url(), "gone", gone)));
    }

    /** {@code catalog.import_finished} / {@code catalog.export_finished}: the account that started it, if still a member. */
    @Transactional
    public void transferFinished(ProductTransferFinished event) {
        UUID starter = event.startedBy();
        if (starter == null || !members.isMember(starter)) {
            return;
        }
        boolean isImport = event.kind().equals("import");
        String title = switch (event.status()) {
            case "succeeded" -> isImport ? "Product import finished" : "Product export ready";
            case "failed" -> isImport ? "Product import failed" : "Product export failed";
            default -> "Product import checked";
        };
        String summary = switch (event.status()) {
            case "succeeded" -> isImport ? "%d created, %d updated, %d unchanged, %d errors."
                    .formatted(event.created(), event.updated(), event.unchanged(), event.errors())
                    : "%d products exported.".formatted(event.processed());
            case "failed" -> Objects.requireNonNullElse(event.failure(), "It failed.");
            default -> event.errors() == 0 ? "No errors in %d rows; start it to write the products.".formatted(event.processed())
                    : (event.errors() == 1 ? "1 error" : event.errors() + " errors") + " found; nothing was written.";
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transfer_id", event.transferId());
        data.put("kind", event.kind());
        data.put("status", event.status());
        data.put("processed", event.processed());
        if (isImport) {
            data.put("created", event.created());
            data.put("updated", event.updated());
            data.put("unchanged", event.unchanged());
            data.put("errors", event.errors());
        }
        String shop = shops.current().name();
        notifier.notify(isImport ? NotificationType.CATALOG_IMPORT_FINISHED : NotificationType.CATALOG_EXPORT_FINISHED,
                List.of(starter), new NotificationDeliveryService.Content(title, summary, data, "[" + shop + "] " + title,
                        model(shop, "status", event.status(), "transferId", event.transferId())));
    }

    private static Map<String, Object> model(String shop, @Nullable Object... pairs) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("shop", shop);
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            model.put(String.valueOf(pairs[i]), value == null ? "" : value);
        }
        return model;
    }
}
