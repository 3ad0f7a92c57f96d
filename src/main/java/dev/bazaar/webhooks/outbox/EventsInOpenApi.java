package dev.bazaar.webhooks.outbox;

import dev.bazaar.webhooks.EventType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document's {@code webhooks} section, written from the {@link EventType} catalog: one entry per event with
 * its envelope, its versioned {@code data} schema, the Standard Webhooks headers and what the answer means. The same
 * bodies are the live stream's messages. Schemas named {@code Event…} land in the components.
 */
@Component
class EventsInOpenApi implements OpenApiCustomizer {

    /** The {@code data} of each event type: the payload schema of its current version. */
    static final Map<EventType, Schema<?>> DATA = data();

    private static Map<EventType, Schema<?>> data() {
        Map<EventType, Schema<?>> data = new LinkedHashMap<>();
        Schema<?> product = object(Map.of("product", ref("ProductDetails")), "product");
        Schema<?> member = object(Map.of("member", object(Map.of("id", uuid(), "account_id", uuid(), "role", string()),
                "id", "account_id", "role")), "member");
        data.put(EventType.SHOP_UPDATED, object(Map.of("shop", object(Map.of("id", uuid(), "handle", string(), "name", string(),
                "currency", string(), "locale", string(), "timezone", string()),
                "id", "handle", "name", "currency", "locale", "timezone")), "shop"));
        data.put(EventType.SHOP_STATUS_CHANGED, object(Map.of("status", string(), "reason", nullable(string())), "status", "reason"));
        data.put(EventType.MEMBER_ADDED, member);
        data.put(EventType.MEMBER_ROLE_CHANGED, member);
        data.put(EventType.MEMBER_REMOVED, object(Map.of("member", object(Map.of("id", uuid(), "account_id", uuid()),
                "id", "account_id")), "member"));
        data.put(EventType.PRODUCT_CREATED, product);
        data.put(EventType.PRODUCT_UPDATED, product);
        data.put(EventType.PRODUCT_DELETED, object(Map.of("product", object(Map.of("id", uuid(), "handle", string()),
                "id", "handle")), "product"));
        data.put(EventType.INVENTORY_LOW_STOCK, object(Map.of("variant_id", uuid(), "available", integer(),
                "threshold", integer()), "variant_id", "available", "threshold"));
        Schema<?> order = object(Map.of("order", ref("OrderView")), "order");
        data.put(EventType.ORDER_CREATED, order);
        data.put(EventType.ORDER_PAID, order);
        data.put(EventType.ORDER_FULFILLED, object(Map.of("order", ref("OrderView"), "fulfillment_id", uuid(),
                "complete", bool()), "order", "fulfillment_id", "complete"));
        data.put(EventType.ORDER_CANCELED, order);
        data.put(EventType.ORDER_REFUNDED, object(Map.of("order", ref("OrderView"), "refund_id", uuid(),
                "amount", ref("Money")), "order", "refund_id", "amount"));
        Schema<?> payment = object(Map.of("payment", ref("PaymentView")), "payment");
        Schema<?> refunded = object(Map.of("payment", ref("PaymentView"), "refund", object(Map.of("id", uuid(),
                        "payment_id", uuid(), "order_id", uuid(), "amount", ref("Money"), "status", string(),
                        "reason", nullable(string()), "failure_code", nullable(string()), "created_at", dateTime(),
                        "updated_at", dateTime()), "id", "payment_id", "order_id", "amount", "status", "created_at",
                "updated_at")), "payment", "refund");
        for (EventType type : List.of(EventType.PAYMENT_AUTHORIZED, EventType.PAYMENT_SUCCEEDED,
                EventType.PAYMENT_REQUIRES_ACTION, EventType.PAYMENT_FAILED, EventType.PAYMENT_CANCELED)) {
            data.put(type, payment);
        }
        data.put(EventType.PAYMENT_REFUNDED, refunded);
        data.put(EventType.PAYMENT_REFUND_FAILED, refunded);
        data.put(EventType.PING, object(Map.of("endpoint_id", uuid()), "endpoint_id"));
        return data;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas("EventShop", object(Map.of("id", uuid(), "handle", string()), "id", "handle"));
        for (EventType type : EventType.values()) {
            String name = schemaName(type);
            components.addSchemas(name + "Data", DATA.get(type));
            Schema<?> envelope = object(Map.of(
                            "id", uuid().description("The event id: the same in every delivery of it (the `webhook-id` header) "
                                    + "and in the live stream"),
                            "type", string()._const(type.eventName()),
                            "version", integer()._const(type.version()).description("The version of the `data` schema"),
                            "timestamp", dateTime().description("When the change happened"),
                            "shop", ref("EventShop"),
                            "data", ref(name + "Data")),
                    "id", "type", "version", "timestamp", "shop", "data");
            envelope.description(type.description());
            components.addSchemas(name, envelope);
            Operation operation = new Operation()
                    .operationId("event_" + type.eventName().replace('.', '_'))
                    .summary(type.eventName() + " (v" + type.version() + ")")
                    .description(type.description() + "\n\nLive subscribers need `" + type.permission().code() + "`.")
                    .tags(List.of("Events"))
                    .parameters(List.of(
                            header("webhook-id", "The event id; unchanged across retries, replays and redeliveries"),
                            header("webhook-timestamp", "Unix seconds when this attempt was signed"),
                            header("webhook-signature", "Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, "
                                    + "one per active secret (two during a rotation)")))
                    .requestBody(new RequestBody().required(true).content(new Content()
                            .addMediaType("application/json", new MediaType().schema(ref(name)))))
                    .responses(new ApiResponses()
                            .addApiResponse("2XX", new ApiResponse().description("Received: any 2xx ends the delivery"))
                            .addApiResponse("410", new ApiResponse().description("Gone: the endpoint is disabled at once"))
                            .addApiResponse("default", new ApiResponse()
                                    .description("Anything else, a timeout or no connection: retried (docs/WEBHOOKS.md)")));
            openApi.addWebhooks(type.eventName(), new PathItem().post(operation));
        }
    }

    static String schemaName(EventType type) {
        StringBuilder name = new StringBuilder("Event");
        for (String part : type.eventName().split("[._]")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private static HeaderParameter header(String name, String description) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).required(true).description(description).schema(string());
        return header;
    }

    private static Schema<?> object(Map<String, Schema<?>> properties, String... required) {
        JsonSchema schema = new JsonSchema();
        schema.types(Set.of("object"));
        Map<String, Schema> sorted = new java.util.TreeMap<>(properties);
        schema.setProperties(sorted);
        schema.required(Arrays.asList(required));
        return schema;
    }

    private static Schema<?> ref(String name) {
        return new JsonSchema().$ref("#/components/schemas/" + name);
    }

    private static Schema<?> uuid() {
        return new JsonSchema().types(Set.of("string")).format("uuid");
    }

    private static Schema<?> string() {
        return new JsonSchema().types(Set.of("string"));
    }

    private static Schema<?> dateTime() {
        return new JsonSchema().types(Set.of("string")).format("date-time");
    }

    private static Schema<?> bool() {
        return new JsonSchema().types(Set.of("boolean"));
    }

    private static Schema<?> integer() {
        return new JsonSchema().types(Set.of("integer")).format("int64");
    }

    private static Schema<?> nullable(Schema<?> schema) {
        schema.types(new java.util.LinkedHashSet<>(List.of("string", "null")));
        return schema;
    }
}
