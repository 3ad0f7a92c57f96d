package dev.bazaar.webhooks.outbox;

import dev.bazaar.catalog.ProductEvent;
import dev.bazaar.catalog.ProductSnapshots;
import dev.bazaar.inventory.InventoryEvent;
import dev.bazaar.ordering.OrderEvent;
import dev.bazaar.ordering.OrderQueries;
import dev.bazaar.payments.PaymentEvent;
import dev.bazaar.payments.PaymentQueries;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.tenancy.ShopEvent;
import dev.bazaar.tenancy.ShopQueries;
import dev.bazaar.webhooks.EventType;
import dev.bazaar.webhooks.RecordedEvent;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transactional outbox. Domain events published inside a transaction are mapped to external events and collected;
 * just before the commit (after every other before-commit step, so payloads show the final state) they are coalesced
 * (one {@code product.updated} per product per transaction; none beside its {@code product.created}; none for a
 * product that is gone at commit), their payloads rendered and frozen, and inserted into {@code events} in the same
 * transaction, together with whatever the {@link OutboxListener}s schedule. A rollback leaves no event; a commit
 * leaves every one. After the commit each is published as a {@link RecordedEvent} for live subscribers.
 */
@Component
public class EventRecorder {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TenantScope tenantScope;
    private final ShopQueries shops;
    private final ProductSnapshots products;
    private final OrderQueries orders;
    private final PaymentQueries payments;
    private final List<OutboxListener> listeners;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;

    EventRecorder(JdbcClient jdbc, JsonMapper json, TenantScope tenantScope, ShopQueries shops, ProductSnapshots products,
                  OrderQueries orders, PaymentQueries payments, List<OutboxListener> listeners,
                  ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.tenantScope = tenantScope;
        this.shops = shops;
        this.products = products;
        this.orders = orders;
        this.payments = payments;
        this.listeners = listeners;
        this.publisher = publisher;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @EventListener
    void on(ProductEvent event) {
        switch (event) {
            case ProductEvent.ProductCreated created -> collect(new Pending(event.tenantId(), EventType.PRODUCT_CREATED,
                    created.productId(), created.occurredAt(), rendered -> rendered.product(created.productId())));
            case ProductEvent.ProductUpdated updated -> collect(new Pending(event.tenantId(), EventType.PRODUCT_UPDATED,
                    updated.productId(), updated.occurredAt(), rendered -> rendered.product(updated.productId())));
            case ProductEvent.ProductDeleted deleted -> collect(new Pending(event.tenantId(), EventType.PRODUCT_DELETED,
                    deleted.productId(), deleted.occurredAt(),
                    rendered -> some(data("product", object("id", deleted.productId(), "handle", deleted.handle())))));
        }
    }

    @EventListener
    void on(InventoryEvent.LowStock event) {
        collect(new Pending(event.tenantId(), EventType.INVENTORY_LOW_STOCK, event.variantId(), event.occurredAt(),
                rendered -> some(object("variant_id", event.variantId(), "available", event.available(),
                        "threshold", event.threshold()))));
    }

    @EventListener
    void on(ShopEvent event) {
        switch (event) {
            case ShopEvent.ShopUpdated updated -> collect(new Pending(event.tenantId(), EventType.SHOP_UPDATED, null,
                    updated.occurredAt(), rendered -> some(data("shop", shopData()))));
            // A purged shop is gone with its events; there is nobody left to tell.
            case ShopEvent.ShopStatusChanged changed when !"purged".equals(changed.status()) -> collect(new Pending(
                    event.tenantId(), EventType.SHOP_STATUS_CHANGED, null, changed.occurredAt(),
                    rendered -> some(object("status", changed.status(), "reason", changed.reason()))));
            case ShopEvent.MemberAdded added -> collect(new Pending(event.tenantId(), EventType.MEMBER_ADDED, added.memberId(),
                    added.occurredAt(), rendered -> some(data("member", object("id", added.memberId(),
                            "account_id", added.accountId(), "role", added.role())))));
            case ShopEvent.MemberRoleChanged changed -> collect(new Pending(event.tenantId(), EventType.MEMBER_ROLE_CHANGED,
                    changed.memberId(), changed.occurredAt(), rendered -> some(data("member", object("id", changed.memberId(),
                            "account_id", changed.accountId(), "role", changed.role())))));
            case ShopEvent.MemberRemoved removed -> collect(new Pending(event.tenantId(), EventType.MEMBER_REMOVED,
                    removed.memberId(), removed.occurredAt(), rendered -> some(data("member", object("id", removed.memberId(),
                            "account_id", removed.accountId())))));
            default -> {
                // shop.created, the demo shop: not external events (nobody can have subscribed yet).
            }
        }
    }

    @EventListener
    void on(OrderEvent event) {
        UUID order = event.orderId();
        switch (event) {
            case OrderEvent.Created created -> collect(new Pending(event.tenantId(), EventType.ORDER_CREATED, order,
                    created.at(), rendered -> some(rendered.order(order))));
            case OrderEvent.Paid paid -> collect(new Pending(event.tenantId(), EventType.ORDER_PAID, order, paid.at(),
                    rendered -> some(rendered.order(order))));
            case OrderEvent.Fulfilled fulfilled -> collect(new Pending(event.tenantId(), EventType.ORDER_FULFILLED, order,
                    fulfilled.at(), fulfilled.fulfillmentId(), rendered -> some(rendered.order(order)
                            .put("fulfillment_id", fulfilled.fulfillmentId().toString())
                            .put("complete", fulfilled.complete()))));
            case OrderEvent.Canceled canceled -> collect(new Pending(event.tenantId(), EventType.ORDER_CANCELED, order,
                    canceled.at(), rendered -> some(rendered.order(order))));
            case OrderEvent.Refunded refunded -> collect(new Pending(event.tenantId(), EventType.ORDER_REFUNDED, order,
                    refunded.at(), refunded.refundId(), rendered -> {
                        ObjectNode data = rendered.order(order).put("refund_id", refunded.refundId().toString());
                        data.set("amount", json.valueToTree(refunded.amount()));
                        return some(data);
                    }));
        }
    }

    /** First among the payment's listeners: its event precedes the order events it causes (order.paid, …). */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PaymentEvent event) {
        UUID payment = event.paymentId();
        EventType type = switch (event) {
            case PaymentEvent.Authorized authorized -> EventType.PAYMENT_AUTHORIZED;
            case PaymentEvent.Succeeded succeeded -> EventType.PAYMENT_SUCCEEDED;
            case PaymentEvent.RequiresAction action -> EventType.PAYMENT_REQUIRES_ACTION;
            case PaymentEvent.Failed failed -> EventType.PAYMENT_FAILED;
            case PaymentEvent.Canceled canceled -> EventType.PAYMENT_CANCELED;
            case PaymentEvent.Refunded refunded -> EventType.PAYMENT_REFUNDED;
            case PaymentEvent.RefundFailed failed -> EventType.PAYMENT_REFUND_FAILED;
        };
        UUID refund = switch (event) {
            case PaymentEvent.Refunded refunded -> refunded.refundId();
            case PaymentEvent.RefundFailed failed -> failed.refundId();
            default -> null;
        };
        collect(new Pending(event.tenantId(), type, payment, event.at(), refund, rendered -> {
            ObjectNode data = data("payment", json.valueToTree(payments.get(payment)));
            if (refund != null) {
                data.set("refund", json.valueToTree(payments.getRefund(refund)));
            }
            return some(data);
        }));
    }

    /**
     * Records an event that has no domain event behind it (the {@code ping} of an endpoint test), in the current
     * transaction; returns it as recorded.
     */
    public RecordedEvent recordNow(UUID tenantId, EventType type, @Nullable UUID subjectId, ObjectNode data) {
        Pending pending = new Pending(tenantId, type, subjectId, Instant.now(), rendered -> some(data));
        return transactions.execute(status -> insert(List.of(pending), false)).getFirst();
    }

    private void collect(Pending event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            List<RecordedEvent> recorded = transactions.execute(status -> insert(List.of(event), true));
            recorded.forEach(publisher::publishEvent);
            return;
        }
        Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            Batch created = new Batch();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new BatchSynchronization(created));
            batch = created;
        }
        if (batch.flushed) {
            // Published by a before-commit step that ran after ours: recorded at once, still in the transaction.
            batch.recorded.addAll(insert(List.of(event), true));
            return;
        }
        batch.add(event);
    }

    private final class BatchSynchronization implements TransactionSynchronization {
        private final Batch batch;

        BatchSynchronization(Batch batch) {
            this.batch = batch;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // Pending JPA changes first, so that payloads read the state that commits.
            TransactionSynchronizationUtils.triggerFlush();
            batch.flushed = true;
            batch.recorded.addAll(insert(batch.coalesced(), true));
        }

        @Override
        public void afterCommit() {
            batch.recorded.forEach(publisher::publishEvent);
        }

        /** A REQUIRES_NEW transaction starts: its events are its own, not this one's. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventRecorder.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(EventRecorder.this, batch);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventRecorder.this);
        }
    }

    /** Renders, inserts and hands the events to the outbox listeners; events whose payload is gone are dropped. */
    private List<RecordedEvent> insert(List<Pending> events, boolean notify) {
        List<RecordedEvent> recorded = new ArrayList<>();
        Map<UUID, ObjectNode> shopRefs = new LinkedHashMap<>();
        Map<UUID, Map<UUID, String>> views = productViews(events);
        Map<UUID, Rendered> rendered = new HashMap<>();
        for (Pending event : events) {
            RecordedEvent one = tenantScope.call(event.tenantId(), () -> {
                Optional<JsonNode> data = event.data().apply(rendered.computeIfAbsent(event.tenantId(),
                        tenant -> new Rendered(views.getOrDefault(tenant, Map.of()))));
                if (data.isEmpty()) {
                    return null;
                }
                UUID id = Ids.newId();
                Instant occurredAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
                ObjectNode body = json.createObjectNode();
                body.put("id", id.toString());
                body.put("type", event.type().eventName());
                body.put("version", event.type().version());
                body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(occurredAt));
                body.set("shop", shopRefs.computeIfAbsent(event.tenantId(), tenant -> {
                    ShopQueries.ShopProfile shop = shops.current();
                    return object("id", shop.id(), "handle", shop.handle());
                }));
                body.set("data", data.get());
                String text = json.writeValueAsString(body);
                long seq = jdbc.sql("""
                                insert into events (tenant_id, id, type, version, subject_id, occurred_at, body)
                                values (:tenant, :id, :type, :version, :subject, :occurredAt, :body) returning seq""")
                        .param("tenant", event.tenantId()).param("id", id).param("type", event.type().eventName())
                        .param("version", event.type().version()).param("subject", event.subjectId())
                        .param("occurredAt", java.sql.Timestamp.from(occurredAt)).param("body", text)
                        .query(Long.class).single();
                return new RecordedEvent(event.tenantId(), id, seq, event.type(), occurredAt, text);
            });
            if (one != null) {
                recorded.add(one);
            }
        }
        if (notify && !recorded.isEmpty()) {
            listeners.forEach(listener -> listener.recorded(List.copyOf(recorded)));
        }
        return recorded;
    }

    /** The products the events are about, rendered once for all of them, per tenant. */
    private Map<UUID, Map<UUID, String>> productViews(List<Pending> events) {
        Map<UUID, Set<UUID>> wanted = new HashMap<>();
        for (Pending event : events) {
            if ((event.type() == EventType.PRODUCT_CREATED || event.type() == EventType.PRODUCT_UPDATED)
                    && event.subjectId() != null) {
                wanted.computeIfAbsent(event.tenantId(), tenant -> new HashSet<>()).add(event.subjectId());
            }
        }
        Map<UUID, Map<UUID, String>> views = new HashMap<>();
        wanted.forEach((tenant, ids) -> views.put(tenant, tenantScope.call(tenant, () -> products.staffViews(ids))));
        return views;
    }

    private static Optional<JsonNode> some(JsonNode node) {
        return Optional.of(node);
    }

    /**
     * What the payloads of one tenant's events in one insert are made of: the products rendered together beforehand,
     * and each order rendered once however many of its events there are (the view at commit, as staff read it).
     */
    final class Rendered {
        private final Map<UUID, String> products;
        private final Map<UUID, String> orderViews = new HashMap<>();

        Rendered(Map<UUID, String> products) {
            this.products = products;
        }

        Optional<JsonNode> product(UUID productId) {
            return Optional.ofNullable(products.get(productId)).map(product -> (JsonNode) data("product", json.readTree(product)));
        }

        /** A fresh {@code {"order": …}} object, to which an event may add its own fields. */
        ObjectNode order(UUID orderId) {
            String view = orderViews.computeIfAbsent(orderId, id -> json.writeValueAsString(orders.get(id)));
            return data("order", json.readTree(view));
        }
    }

    private JsonNode shopData() {
        ShopQueries.ShopProfile shop = shops.current();
        return object("id", shop.id(), "handle", shop.handle(), "name", shop.name(), "currency", shop.currency(),
                "locale", shop.locale(), "timezone", shop.timezone());
    }

    private ObjectNode data(String name, JsonNode value) {
        ObjectNode node = json.createObjectNode();
        node.set(name, value);
        return node;
    }

    /** A JSON object from name/value pairs (strings, numbers, ids; nulls kept as null). */
    private ObjectNode object(Object... pairs) {
        ObjectNode node = json.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object value = pairs[i + 1];
            switch (value) {
                case null -> node.putNull(name);
                case Long number -> node.put(name, number);
                case Integer number -> node.put(name, number);
                default -> node.put(name, value.toString());
            }
        }
        return node;
    }

    /**
     * An event to record. Events of one transaction with the same type and subject coalesce into the last, unless a
     * {@code detailId} (a refund, a fulfillment) tells them apart.
     */
    record Pending(UUID tenantId, EventType type, @Nullable UUID subjectId, Instant occurredAt, @Nullable UUID detailId,
                   Function<Rendered, Optional<JsonNode>> data) {

        Pending(UUID tenantId, EventType type, @Nullable UUID subjectId, Instant occurredAt,
                Function<Rendered, Optional<JsonNode>> data) {
            this(tenantId, type, subjectId, occurredAt, null, data);
        }
    }

    /** The events of one transaction, coalesced before they are recorded. */
    private static final class Batch {
        private final Map<String, Pending> byKey = new LinkedHashMap<>();
        private final List<RecordedEvent> recorded = new ArrayList<>();
        private boolean flushed;

        void add(Pending event) {
            String key = event.tenantId() + "|" + event.type() + "|" + event.subjectId() + "|" + event.detailId();
            if (event.type() == EventType.PRODUCT_UPDATED && byKey.containsKey(event.tenantId() + "|"
                    + EventType.PRODUCT_CREATED + "|" + event.subjectId())) {
                return;
            }
            byKey.remove(key);
            byKey.put(key, event);
        }

        List<Pending> coalesced() {
            return List.copyOf(byKey.values());
        }
    }
}
