package dev.bazaar.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.catalog.CatalogTransfers;
import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import dev.bazaar.webhooks.WebhookEndpointDisabled;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The in-app feed, preferences and notification mails, end to end over HTTP (docs/NOTIFICATIONS.md). */
@IntegrationTest
class NotificationsIT extends TenancyHttpTest {

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Announcements announcements;

    /** Every NotificationCreated, as the live stream would receive it. */
    static class Announcements {
        final List<NotificationCreated> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(NotificationCreated event) {
            received.add(event);
        }

        List<NotificationCreated> of(String accountId) {
            return received.stream().filter(event -> event.accountId().toString().equals(accountId)).toList();
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        Announcements announcements() {
            return new Announcements();
        }
    }

    record Stocked(Person owner, Person staff, Person viewer, Shop shop, String variant, String location) {}

    private Stocked stockedShop(String label) {
        Person owner = api.person(label + "-owner");
        Shop shop = api.createShop(owner, label);
        api.choosePlan(owner, shop, "pro");
        Person staff = api.person(label + "-staff");
        api.addMember(owner, shop, staff, "staff");
        Person viewer = api.person(label + "-viewer");
        api.addMember(owner, shop, viewer, "viewer");
        JsonNode product = api.ok(api.call("POST", shop.path("/products"), """
                {"title":"Tee <&>","status":"active","option_names":["Size"],
                 "variants":[{"option_values":["M"],"sku":"TEE-M","price":{"amount":1000,"currency":"EUR"}}]}""",
                owner.bearer()), 201);
        String variant = product.get("variants").get(0).get("id").asString();
        String location = api.ok(api.call("POST", shop.path("/stock-locations"), "{\"name\":\"Main\"}", owner.bearer()), 201)
                .get("id").asString();
        adjust(owner, shop, variant, location, 10);
        api.ok(api.call("PATCH", shop.path("/inventory-items/" + variant), "{\"low_stock_threshold\":5}", owner.bearer()), 200);
        return new Stocked(owner, staff, viewer, shop, variant, location);
    }

    private void adjust(Person who, Shop shop, String variant, String location, int delta) {
        api.ok(api.call("POST", shop.path("/inventory-adjustments"), "{\"variant_id\":\"%s\",\"location_id\":\"%s\",\"delta\":%d}"
                .formatted(variant, location, delta), who.bearer()), 201);
    }

    private JsonNode feed(Person person, Shop shop, String query) {
        return api.ok(api.call("GET", shop.path("/notifications" + query), null, person.bearer()), 200).get("data");
    }

    private long unread(Person person, Shop shop) {
        return api.ok(api.call("GET", shop.path("/notifications/unread-count"), null, person.bearer()), 200)
                .get("unread_count").asLong();
    }

    private String accountId(Person person) {
        return api.ok(api.call("GET", "/api/v1/me", null, person.bearer()), 200).get("id").asString();
    }

    @Test
    void lowStockReachesWhoManagesInventoryInTheFeedAndByMail() {
        Stocked s = stockedShop("notify-low");
        adjust(s.owner(), s.shop(), s.variant(), s.location(), -6);

        JsonNode owners = feed(s.owner(), s.shop(), "?unread=true");
        assertThat(owners.size()).isEqualTo(1);
        JsonNode first = owners.get(0);
        assertThat(first.get("type").asString()).isEqualTo("inventory.low_stock");
        assertThat(first.get("title").asString()).isEqualTo("Low stock: Tee <&> (M)");
        assertThat(first.get("summary").asString()).isEqualTo("4 available, at or below the threshold of 5.");
        assertThat(first.get("data").get("variant_id").asString()).isEqualTo(s.variant());
        assertThat(first.get("data").get("sku").asString()).isEqualTo("TEE-M");
        assertThat(first.get("data").get("available").asLong()).isEqualTo(4);
        assertThat(first.get("read").asBoolean()).isFalse();
        assertThat(first.get("read_at").isNull()).isTrue();
        assertThat(feed(s.staff(), s.shop(), "").size()).as("staff hold inventory:write").isEqualTo(1);
        assertThat(feed(s.viewer(), s.shop(), "").size()).as("viewers cannot restock").isZero();
        assertThat(unread(s.owner(), s.shop())).isEqualTo(1);

        String subject = "[Shop " + s.shop().handle() + "] Low stock: Tee <&> (M)";
        JsonNode mail = api.identity().awaitMail(s.staff().email(), subject);
        assertThat(mail.get("text").asString()).contains("Tee <&> (M) (SKU TEE-M)", "4 available", "threshold of 5");
        assertThat(mail.get("html").asString()).contains("Tee &lt;&amp;&gt; (M)").doesNotContain("Tee <&>");
        api.identity().awaitMail(s.owner().email(), subject);
        assertThat(api.identity().mails(s.viewer().email())).noneMatch(m -> m.get("subject").asString().contains("Low stock"));

        // Announced after the commit, with the feed's JSON exactly.
        List<NotificationCreated> announced = announcements.of(accountId(s.owner()));
        assertThat(announced).singleElement().satisfies(created -> {
            assertThat(created.type()).isEqualTo("inventory.low_stock");
            assertThat(created.tenantId().toString()).isEqualTo(s.shop().id());
            assertThat(created.notificationId().toString()).isEqualTo(first.get("id").asString());
            assertThat(IdentityClient.JSON.readTree(created.body())).isEqualTo(first);
        });

        // Read one, idempotently.
        String id = first.get("id").asString();
        JsonNode read = api.ok(api.call("POST", s.shop().path("/notifications/" + id + "/read"), null, s.owner().bearer()), 200);
        assertThat(read.get("read").asBoolean()).isTrue();
        String readAt = read.get("read_at").asString();
        JsonNode again = api.ok(api.call("POST", s.shop().path("/notifications/" + id + "/read"), null, s.owner().bearer()), 200);
        assertThat(again.get("read_at").asString()).as("the first read time stays").isEqualTo(readAt);
        assertThat(unread(s.owner(), s.shop())).isZero();
        assertThat(feed(s.owner(), s.shop(), "?unread=true").size()).isZero();
        assertThat(feed(s.owner(), s.shop(), "").size()).isEqualTo(1);
        assertThat(unread(s.staff(), s.shop())).as("the staff's copy is their own").isEqualTo(1);

        // Read all, idempotently.
        JsonNode all = api.ok(api.call("POST", s.shop().path("/notifications/read-all"), null, s.staff().bearer()), 200);
        assertThat(all.get("marked").asInt()).isEqualTo(1);
        assertThat(all.get("unread_count").asLong()).isZero();
        assertThat(api.ok(api.call("POST", s.shop().path("/notifications/read-all"), null, s.staff().bearer()), 200)
                .get("marked").asInt()).isZero();
    }

    @Test
    void nobodyElseSeesOrTouchesAFeed() {
        Stocked s = stockedShop("notify-iso");
        adjust(s.owner(), s.shop(), s.variant(), s.location(), -6);
        String ownersId = feed(s.owner(), s.shop(), "").get(0).get("id").asString();
        String path = "/notifications/" + ownersId + "/read";

        HttpResponse<String> otherMember = api.call("POST", s.shop().path(path), null, s.staff().bearer());
        assertThat(otherMember.statusCode()).isEqualTo(404);
        assertThat(IdentityClient.read(otherMember).get("code").asString()).isEqualTo("notification_not_found");

        Person stranger = api.person("notify-stranger");
        Shop elsewhere = api.createShop(stranger, "notify-else");
        HttpResponse<String> otherShop = api.call("POST", elsewhere.path(path), null, stranger.bearer());
        assertThat(otherShop.statusCode()).isEqualTo(404);
        assertThat(IdentityClient.read(otherShop).get("code").asString()).isEqualTo("notification_not_found");
        assertThat(feed(stranger, elsewhere, "").size()).isZero();
        HttpResponse<String> ownerInOtherShop = api.call("POST", elsewhere.path(path), null, s.owner().bearer());
        assertThat(ownerInOtherShop.statusCode()).as("not a member there").isEqualTo(404);
        assertThat(IdentityClient.read(ownerInOtherShop).get("code").asString()).isEqualTo("shop_not_found");
        assertThat(api.call("GET", s.shop().path("/notifications"), null, stranger.bearer()).statusCode()).isEqualTo(404);

        assertThat(api.call("GET", s.shop().path("/notifications"), null, null).statusCode()).isEqualTo(401);
        assertThat(api.call("POST", s.shop().path(path), null, null).statusCode()).isEqualTo(401);
        String key = api.apiKey(s.owner(), s.shop(), List.of("inventory:read"));
        HttpResponse<String> byKey = api.call("GET", s.shop().path("/notifications"), null, key);
        assertThat(byKey.statusCode()).isEqualTo(403);
        assertThat(byKey.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(api.call("POST", s.shop().path(path), null, key).statusCode()).isEqualTo(403);

        assertThat(feed(s.owner(), s.shop(), "?unread=true").size()).as("refused calls changed nothing").isEqualTo(1);
        assertThat(api.call("GET", s.shop().path("/notifications?limit=0"), null, s.owner().bearer()).statusCode()).isEqualTo(400);
    }

    @Test
    void preferencesSwitchEachChannelOffAndBack() {
        Stocked s = stockedShop("notify-pref");
        JsonNode defaults = api.ok(api.call("GET", s.shop().path("/notification-preferences"), null, s.owner().bearer()), 200)
                .get("data");
        assertThat(defaults.valueStream().map(t -> t.get("type").asString()).toList()).containsExactly(
                "inventory.low_stock", "webhooks.endpoint_disabled", "catalog.import_finished", "catalog.export_finished",
                "ordering.new_order");
        JsonNode lowStock = defaults.get(0).get("channels");
        assertThat(lowStock.get("email").get("enabled").asBoolean()).isTrue();
        assertThat(lowStock.get("email").get("default_enabled").asBoolean()).isTrue();
        assertThat(lowStock.get("email").get("required").asBoolean()).isFalse();
        assertThat(defaults.get(1).get("channels").get("email").get("required").asBoolean()).isTrue();

        JsonNode changed = api.ok(api.call("PATCH", s.shop().path("/notification-preferences"),
                "{\"inventory.low_stock\":{\"email\":false}}", s.owner().bearer()), 200).get("data");
        assertThat(changed.get(0).get("channels").get("email").get("enabled").asBoolean()).isFalse();
        assertThat(changed.get(0).get("channels").get("in_app").get("enabled").asBoolean()).isTrue();

        adjust(s.owner(), s.shop(), s.variant(), s.location(), -6);
        String subject = "[Shop " + s.shop().handle() + "] Low stock: Tee <&> (M)";
        api.identity().awaitMail(s.staff().email(), subject);
        assertThat(feed(s.owner(), s.shop(), "").size()).as("still in the feed").isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.identity().mails(s.owner().email())).as("email switched off")
                        .noneMatch(m -> m.get("subject").asString().equals(subject)));

        api.ok(api.call("PATCH", s.shop().path("/notification-preferences"),
                "{\"inventory.low_stock\":{\"in_app\":false,\"email\":null}}", s.owner().bearer()), 200);
        adjust(s.owner(), s.shop(), s.variant(), s.location(), 6);   // back above the threshold: re-armed
        adjust(s.owner(), s.shop(), s.variant(), s.location(), -6);  // crossing again
        api.identity().awaitMail(s.owner().email(), subject);
        assertThat(feed(s.owner(), s.shop(), "").size()).as("in-app switched off: no new row").isEqualTo(1);
        assertThat(feed(s.staff(), s.shop(), "").size()).isEqualTo(2);

        HttpResponse<String> unknownType = api.call("PATCH", s.shop().path("/notification-preferences"),
                "{\"inventory.lowstock\":{\"email\":false}}", s.owner().bearer());
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(unknownType).get("errors").get(0).get("code").asString()).isEqualTo("unknown_notification_type");
        HttpResponse<String> unknownChannel = api.call("PATCH", s.shop().path("/notification-preferences"),
                "{\"inventory.low_stock\":{\"sms\":true}}", s.owner().bearer());
        assertThat(unknownChannel.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(unknownChannel).get("errors").get(0).get("field").asString()).isEqualTo("inventory.low_stock.sms");
        HttpResponse<String> required = api.call("PATCH", s.shop().path("/notification-preferences"),
                "{\"webhooks.endpoint_disabled\":{\"email\":false}}", s.owner().bearer());
        assertThat(required.statusCode()).isEqualTo(422);
        assertThat(IdentityClient.read(required).get("code").asString()).isEqualTo("notification_channel_required");
        JsonNode after = api.ok(api.call("GET", s.shop().path("/notification-preferences"), null, s.owner().bearer()), 200).get("data");
        assertThat(after.get(0).get("channels").get("in_app").get("enabled").asBoolean()).as("refusals changed nothing").isFalse();
        assertThat(after.get(0).get("channels").get("email").get("enabled").asBoolean()).isTrue();
        assertThat(feed(s.staff(), s.shop(), "").size()).isEqualTo(2);
        assertThat(api.ok(api.call("GET", s.shop().path("/notification-preferences"), null, s.staff().bearer()), 200)
                .get("data").get(0).get("channels").get("in_app").get("enabled").asBoolean()).as("choices are per account").isTrue();
    }

    @Test
    void aDisabledWebhookEndpointReachesTheOwnersAndIsAnnouncedOnlyOnCommit() {
        Person owner = api.person("notify-hook-owner");
        Shop shop = api.createShop(owner, "notify-hook");
        Person admin = api.person("notify-hook-admin");
        api.addMember(owner, shop, admin, "admin");
        UUID tenant = UUID.fromString(shop.id());
        UUID endpoint = UUID.randomUUID();
        String ownerId = accountId(owner);

        transaction.executeWithoutResult(status -> {
            publisher.publishEvent(new WebhookEndpointDisabled(tenant, UUID.randomUUID(), "https://rolled.example/back", "gone",
                    Instant.now()));
            status.setRollbackOnly();
        });
        assertThat(feed(owner, shop, "").size()).as("rolled back: no notification").isZero();
        assertThat(announcements.of(ownerId)).as("rolled back: nothing announced").isEmpty();

        transaction.executeWithoutResult(status -> {
            publisher.publishEvent(new WebhookEndpointDisabled(tenant, endpoint, "https://hooks.example/a?b=<c>", "failing",
                    Instant.now()));
            assertThat(announcements.of(ownerId)).as("not before the commit").isEmpty();
        });
        JsonNode feed = feed(owner, shop, "");
        assertThat(feed.size()).isEqualTo(1);
        assertThat(feed.get(0).get("type").asString()).isEqualTo("webhooks.endpoint_disabled");
        assertThat(feed.get(0).get("data").get("endpoint_id").asString()).isEqualTo(endpoint.toString());
        assertThat(feed.get(0).get("data").get("reason").asString()).isEqualTo("failing");
        assertThat(feed(admin, shop, "").size()).as("owners only").isZero();
        assertThat(announcements.of(ownerId)).singleElement().satisfies(created ->
                assertThat(IdentityClient.JSON.readTree(created.body())).isEqualTo(feed.get(0)));
        JsonNode mail = api.identity().awaitMail(owner.email(), "[Shop " + shop.handle() + "] Webhook endpoint disabled");
        assertThat(mail.get("text").asString()).contains("https://hooks.example/a?b=<c>", "It kept failing");
        assertThat(mail.get("html").asString()).contains("https://hooks.example/a?b=&lt;c&gt;");
    }

    @Test
    void aFinishedTransferReachesTheAccountThatStartedIt() {
        Person owner = api.person("notify-transfer-owner");
        Shop shop = api.createShop(owner, "notify-transfer");
        api.choosePlan(owner, shop, "pro");
        Person staff = api.person("notify-transfer-staff");
        api.addMember(owner, shop, staff, "staff");

        String imported = api.ok(CatalogTransfers.upload(api, shop, staff.bearer(), "Handle,Title,Variant Price\n"
                + "shirt,Shirt,not-a-price\n", true), 202).get("id").asString();
        CatalogTransfers.await(api, shop.path("/product-imports/" + imported), staff.bearer(), "validated");
        JsonNode staffFeed = feed(staff, shop, "");
        assertThat(staffFeed.size()).isEqualTo(1);
        assertThat(staffFeed.get(0).get("type").asString()).isEqualTo("catalog.import_finished");
        assertThat(staffFeed.get(0).get("data").get("transfer_id").asString()).isEqualTo(imported);
        assertThat(staffFeed.get(0).get("data").get("status").asString()).isEqualTo("validated");
        assertThat(staffFeed.get(0).get("summary").asString()).isEqualTo("1 error found; nothing was written.");
        api.identity().awaitMail(staff.email(), "[Shop " + shop.handle() + "] Product import checked");
        assertThat(feed(owner, shop, "").size()).as("only its starter").isZero();

        String exported = api.ok(api.call("POST", shop.path("/product-exports"), "{\"format\":\"csv\"}", owner.bearer()), 202)
                .get("id").asString();
        CatalogTransfers.await(api, shop.path("/product-exports/" + exported), owner.bearer(), "succeeded");
        JsonNode ownerFeed = feed(owner, shop, "");
        assertThat(ownerFeed.size()).isEqualTo(1);
        assertThat(ownerFeed.get(0).get("type").asString()).isEqualTo("catalog.export_finished");
        assertThat(ownerFeed.get(0).get("title").asString()).isEqualTo("Product export ready");
        assertThat(feed(staff, shop, "").size()).isEqualTo(1);
    }
}
