package dev.bazaar.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.catalog.ProductEvent;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.webhooks.RecordedEvents.Row;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox: exactly the events of committed changes are recorded, in the change's transaction, coalesced per
 * transaction, with their payload frozen at commit; each is announced after the commit.
 */
@IntegrationTest
class OutboxIT extends TenancyHttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantScope tenantScope;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    @Autowired
    JsonMapper json;

    @Autowired
    Announced announced;

    static class Announced {
        final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(RecordedEvent event) {
            events.add(event);
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        Announced announced() {
            return new Announced();
        }
    }

    private List<Row> events(Shop shop) {
        return new RecordedEvents(jdbc, tenantScope, transaction, json).of(shop);
    }

    private void assertDocumented(List<Row> rows) {
        RecordedEvents.assertDocumented(api, rows);
    }

    @Test
    void productChangesAreRecordedWithTheirPayloadAtCommit() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "outbox");
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Lamp","handle":"lamp","status":"draft","variants":[{"sku":"L1","price":{"amount":1200,"currency":"EUR"}}]}""",
                owner.bearer()), 201);
        String id = product.get("id").asString();
        api.ok(api.call("PATCH", shop.path("/products/lamp"), "{\"title\":\"Desk lamp\"}", owner.bearer()), 200);
        api.ok(api.call("DELETE", shop.path("/products/lamp"), null, owner.bearer()), 204);

        List<Row> rows = events(shop);
        assertThat(rows).extracting(Row::type).containsExactly("product.created", "product.updated", "product.deleted");
        assertThat(rows).extracting(Row::subject).containsOnly(UUID.fromString(id));
        JsonNode created = rows.get(0).body();
        assertThat(created.get("type").asString()).isEqualTo("product.created");
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(created.get("shop").get("handle").asString()).isEqualTo(shop.handle());
        assertThat(created.get("data").get("product").get("title").asString()).as("a draft, with staff's view").isEqualTo("Lamp");
        assertThat(created.get("data").get("product").get("variants").get(0).get("sku").asString()).isEqualTo("L1");
        assertThat(rows.get(1).body().get("data").get("product").get("title").asString())
                .as("frozen: the state of its own commit").isEqualTo("Desk lamp");
        assertThat(rows.get(2).body().get("data").get("product").get("handle").asString()).isEqualTo("lamp");
        assertDocumented(rows);

        List<String> announcedIds = announced.events.stream().filter(event -> event.tenantId().toString().equals(shop.id()))
                .map(event -> event.id().toString()).toList();
        assertThat(announcedIds).containsExactlyElementsOf(rows.stream().map(row -> row.body().get("id").asString()).toList());
    }

    @Test
    void aRolledBackChangeRecordsNothingAndOneTransactionMakesOneEventPerProduct() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "outbox-tx");
        String id = api.ok(api.call("POST", shop.path("/products"), "{\"title\":\"Cup\",\"variants\":[{\"price\":{\"amount\":100,\"currency\":\"EUR\"}}]}", owner.bearer()), 201)
                .get("id").asString();
        UUID tenant = UUID.fromString(shop.id());
        UUID product = UUID.fromString(id);
        int before = events(shop).size();

        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
            publisher.publishEvent(new ProductEvent.ProductUpdated(tenant, product, "cup", Instant.now()));
            status.setRollbackOnly();
        }));
        assertThat(events(shop)).hasSize(before);

        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
            for (int i = 0; i < 5; i++) {
                publisher.publishEvent(new ProductEvent.ProductUpdated(tenant, product, "cup", Instant.now()));
            }
        }));
        assertThat(events(shop)).hasSize(before + 1);

        // A REQUIRES_NEW transaction inside records its own events, which outlive the outer rollback.
        String inner = api.ok(api.call("POST", shop.path("/products"),
                "{\"title\":\"Saucer\",\"variants\":[{\"price\":{\"amount\":100,\"currency\":\"EUR\"}}]}",
                owner.bearer()), 201).get("id").asString();
        int beforeNested = events(shop).size();
        TransactionTemplate requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(outer -> {
            publisher.publishEvent(new ProductEvent.ProductUpdated(tenant, product, "cup", Instant.now()));
            requiresNew.executeWithoutResult(nested -> publisher.publishEvent(
                    new ProductEvent.ProductUpdated(tenant, UUID.fromString(inner), "saucer", Instant.now())));
            outer.setRollbackOnly();
        }));
        List<Row> afterNested = events(shop);
        assertThat(afterNested).hasSize(beforeNested + 1);
        assertThat(afterNested.getLast().subject()).isEqualTo(UUID.fromString(inner));

        UUID gone = UUID.randomUUID();
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status ->
                publisher.publishEvent(new ProductEvent.ProductUpdated(tenant, gone, "gone", Instant.now()))));
        assertThat(events(shop)).as("a product gone at commit has no update").hasSize(beforeNested + 1);
    }

    @Test
    void shopMemberAndStockEventsAreRecorded() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "outbox-shop");
        api.choosePlan(owner, shop, "pro");
        api.ok(api.call("PATCH", shop.path(""), "{\"name\":\"Renamed\"}", owner.bearer()), 200);
        Person clerk = api.person("clerk");
        api.addMember(owner, shop, clerk, "staff");
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Tee","status":"active","variants":[{"price":{"amount":1000,"currency":"EUR"}}]}""", owner.bearer()), 201);
        String variant = product.get("variants").get(0).get("id").asString();
        String location = api.ok(api.call("POST", shop.path("/stock-locations"),
                "{\"name\":\"Main\",\"priority\":1,\"address\":{\"city\":\"Berlin\",\"country\":\"de\"}}", owner.bearer()), 201)
                .get("id").asString();
        api.ok(api.call("POST", shop.path("/inventory-adjustments"),
                "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":10,\"reason\":\"count\"}".formatted(variant, location),
                owner.bearer()), 201);
        api.ok(api.call("PATCH", shop.path("/inventory-items/" + variant), "{\"low_stock_threshold\":5}", owner.bearer()), 200);
        api.ok(api.call("POST", shop.path("/inventory-adjustments"),
                "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":-6,\"reason\":\"count\"}".formatted(variant, location),
                owner.bearer()), 201);

        List<Row> rows = events(shop);
        assertThat(rows).extracting(Row::type).contains("shop.updated", "member.added", "product.created", "inventory.low_stock");
        Row renamed = rows.stream().filter(row -> row.type().equals("shop.updated")).findFirst().orElseThrow();
        assertThat(renamed.body().get("data").get("shop").get("name").asString()).isEqualTo("Renamed");
        Row added = rows.stream().filter(row -> row.type().equals("member.added")).findFirst().orElseThrow();
        assertThat(added.body().get("data").get("member").get("role").asString()).isEqualTo("staff");
        Row low = rows.stream().filter(row -> row.type().equals("inventory.low_stock")).findFirst().orElseThrow();
        assertThat(low.body().get("data").get("available").asLong()).isEqualTo(4);
        assertThat(low.body().get("data").get("threshold").asLong()).isEqualTo(5);
        assertDocumented(rows);
    }
}
