package dev.bazaar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.tenancy.TenancyClient;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** For tests: the events a shop's outbox recorded, and a check of their bodies against the OpenAPI document. */
public final class RecordedEvents {

    public record Row(String type, int version, UUID subject, JsonNode body) {}

    private final JdbcClient jdbc;
    private final TenantScope tenantScope;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    public RecordedEvents(JdbcClient jdbc, TenantScope tenantScope, TransactionTemplate transaction, JsonMapper json) {
        this.jdbc = jdbc;
        this.tenantScope = tenantScope;
        this.transaction = transaction;
        this.json = json;
    }

    /** The shop's recorded events, in the order they were recorded. */
    public List<Row> of(Shop shop) {
        UUID tenant = UUID.fromString(shop.id());
        return tenantScope.call(tenant, () -> transaction.execute(status -> jdbc
                .sql("select type, version, subject_id, body from events where tenant_id = ? order by seq").param(tenant)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class), json.readTree(rs.getString(4))))
                .list()));
    }

    /** Each body has what the OpenAPI document's webhooks section promises for its type (required names and types). */
    public static void assertDocumented(TenancyClient api, List<Row> rows) {
        JsonNode document = IdentityClient.read(api.identity().http().get("/v3/api-docs"));
        JsonNode schemas = document.get("components").get("schemas");
        for (Row row : rows) {
            JsonNode webhook = document.get("webhooks").get(row.type());
            assertThat(webhook).as("documented webhook %s", row.type()).isNotNull();
            String ref = webhook.get("post").get("requestBody").get("content").get("application/json").get("schema")
                    .get("$ref").asString();
            conforms(row.type(), row.body(), schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), schemas);
        }
    }

    private static void conforms(String path, JsonNode value, JsonNode schema, JsonNode schemas) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            JsonNode target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(target).as("the schema %s of %s", ref, path).isNotNull();
            conforms(path, value, target, schemas);
            return;
        }
        if (schema.has("const")) {
            assertThat(value.asString()).as(path).isEqualTo(schema.get("const").asString());
        }
        List<String> types = schema.has("type") ? (schema.get("type").isArray()
                ? schema.get("type").valueStream().map(JsonNode::asString).toList() : List.of(schema.get("type").asString()))
                : List.of();
        if (!types.isEmpty()) {
            String actual = value.isNull() ? "null" : value.isObject() ? "object" : value.isArray() ? "array"
                    : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "string";
            assertThat(types).as("type of %s", path).contains(actual);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                conforms(path + "[" + i + "]", value.get(i), schema.get("items"), schemas);
            }
        }
        if (value.isObject() && schema.has("properties")) {
            if (schema.has("required")) {
                for (JsonNode required : schema.get("required")) {
                    assertThat(value.has(required.asString())).as("%s.%s is present", path, required.asString()).isTrue();
                }
            }
            for (var property : schema.get("properties").properties()) {
                if (value.has(property.getKey()) && !value.get(property.getKey()).isNull()) {
                    conforms(path + "." + property.getKey(), value.get(property.getKey()), property.getValue(), schemas);
                }
            }
        }
    }
}
