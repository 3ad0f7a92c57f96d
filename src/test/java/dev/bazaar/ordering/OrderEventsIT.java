package dev.bazaar.ordering;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.bazaar.identity.IdentityClient;
import dev.bazaar.notifications.SseClient;
import dev.bazaar.ordering.Storefront.Cart;
import dev.bazaar.ordering.Storefront.Stocked;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import dev.bazaar.webhooks.RecordedEvents;
import dev.bazaar.webhooks.RecordedEvents.Row;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders and payments tell the outside world: the {@code order.*} and {@code payment.*} events in the outbox with the
 * order as staff see it at commit, delivered to webhooks and the live stream (only to those holding orders:read); the
 * customer's mails (guests too); staff's new-order notification (docs/EVENTS.md, docs/NOTIFICATIONS.md).
 */
@IntegrationTest(properties = "bazaar.webhooks.allow-insecure-targets=true")
class OrderEventsIT extends TenancyHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static WireMockServer receiver;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TenantScope tenantScope;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JsonMapper json;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/orders")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** The shop's order and payment events whose type starts with {@code prefix}, in the order they were recorded. */
    private List<Row> events(Shop shop, String prefix) {
        return new RecordedEvents(jdbc, tenantScope, transaction, json).of(shop).stream()
                .filter(row -> row.type().startsWith("order.") || row.type().startsWith("payment."))
                .filter(row -> row.type().startsWith(prefix)).toList();
    }

    private static List<String> types(List<Row> rows) {
        return rows.stream().map(Row::type).toList();
    }

    private String ticket(Shop shop, String bearer) {
        return api.ok(api.call("POST", shop.path("/events/stream-tickets"), null, bearer), 201).get("ticket").asString();
    }

    private static String euros(long cents) {
        return "€%d.%02d".formatted(cents / 100, cents % 100);
    }

    /** The webhook bodies received for this order (any event), as JSON, once there are at least {@code atLeast}. */
    private static List<JsonNode> delivered(String orderId, int atLeast) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> receiver
                .findAll(postRequestedFor(urlEqualTo("/orders"))).stream()
                .map(request -> IdentityClient.JSON.readTree(request.getBodyAsString()))
                .filter(body -> body.toString().contains(orderId)).toList(), bodies -> bodies.size() >= atLeast);
    }

    @Test
    void aGuestsPaidOrderIsAnnouncedToWebhooksTheStreamTheCustomerAndStaff() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("order-events", 10);
        Person staff = api.person("order-events-staff");
        api.addMember(s.owner(), s.shop(), staff, "staff");
        Person viewer = api.person("order-events-viewer");
        api.addMember(s.owner(), s.shop(), viewer, "viewer");
        String productsOnly = api.apiKey(s.owner(), s.shop(), List.of("products:read"));
        api.ok(api.call("POST", s.shop().path("/webhook-endpoints"), """
                {"url":"http://127.0.0.1:%d/orders","events":["order.*","payment.*"]}""".formatted(receiver.port()),
                s.owner().bearer()), 201);

        try (SseClient owners = SseClient.open(port, s.shop().path("/events/stream") + "?ticket="
                + ticket(s.shop(), s.owner().bearer()));
             SseClient keys = SseClient.open(port, s.shop().path("/events/stream") + "?ticket="
                     + ticket(s.shop(), productsOnly))) {
            Cart cart = store.cart(s);
            api.ok(store.add(s, cart, s.variant(), 2), 200);
            store.ready(s, cart, "guest.shopper@example.com");
            JsonNode order = api.ok(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 201);
            String id = order.get("id").asString();
            long total = order.get("totals").get("total").get("amount").asLong();

            // The outbox: created at checkout (before the payment), then the captured payment and the paid order
            // in one transaction, each with the order as staff read it at that commit.
            List<Row> placed = events(s.shop(), "");
            assertThat(types(placed)).containsExactly("order.created", "payment.succeeded", "order.paid");
            JsonNode created = placed.get(0).body().get("data").get("order");
            assertThat(created.get("id").asString()).isEqualTo(id);
            assertThat(created.get("name").asString()).isEqualTo("#1001");
            assertThat(created.get("status").asString()).isEqualTo("pending_payment");
            assertThat(created.get("email").asString()).isEqualTo("guest.shopper@example.com");
            assertThat(created.get("lines").get(0).get("quantity").asLong()).isEqualTo(2);
            assertThat(created.get("timeline")).as("staff's view").isNotNull();
            JsonNode payment = placed.get(1).body().get("data").get("payment");
            assertThat(payment.get("status").asString()).isEqualTo("succeeded");
            assertThat(payment.get("order_id").asString()).isEqualTo(id);
            assertThat(payment.get("captured_amount").asLong()).isEqualTo(total);
            JsonNode paid = placed.get(2).body().get("data").get("order");
            assertThat(paid.get("status").asString()).isEqualTo("paid");
            assertThat(paid.get("payments").get(0).get("status").asString()).isEqualTo("succeeded");
            assertThat(placed.get(2).subject().toString()).isEqualTo(id);

            // The live stream: the owner gets them; a key without orders:read gets none.
            assertThat(owners.awaitEvent("order.paid", id, WAIT)).isPresent();
            assertThat(owners.seen()).extracting(SseClient.Frame::event).contains("order.created", "payment.succeeded");
            api.ok(api.call("PATCH", s.shop().path("/products/" + s.product()), "{\"title\":\"Tee 2\"}",
                    s.owner().bearer()), 200);
            assertThat(keys.awaitEvent("product.updated", "Tee 2", WAIT)).as("the key's stream is live").isPresent();
            assertThat(keys.seen()).as("a key without orders:read gets no order or payment events")
                    .noneMatch(frame -> frame.event().startsWith("order.") || frame.event().startsWith("payment."));

            // Webhooks: the same bodies, byte for byte as recorded.
            List<JsonNode> bodies = delivered(id, 3);
            assertThat(bodies).extracting(body -> body.get("type").asString())
                    .containsExactlyInAnyOrder("order.created", "payment.succeeded", "order.paid");
            assertThat(bodies).containsExactlyInAnyOrderElementsOf(placed.stream().map(Row::body).toList());
        }

        // The guest's confirmation, with the lines and totals in the shop's locale; staff's new-order notification.
        String shopName = "Shop " + s.shop().handle();
        JsonNode confirmation = api.identity().awaitMail("guest.shopper@example.com", "[" + shopName + "] Order #1001 confirmed");
        JsonNode order = api.ok(api.call("GET", s.shop().path("/orders/" + events(s.shop(), "order.paid").getFirst()
                .subject()), null, s.owner().bearer()), 200);
        String total = euros(order.get("totals").get("total").get("amount").asLong());
        assertThat(confirmation.get("text").asString()).contains("2 x Tee (M)", "Total: " + total, "Ada Lovelace",
                "10117 Berlin", "Shipping (Standard): €4.90");
        assertThat(confirmation.get("html").asString()).contains(total, "Unter den Linden 1");
        JsonNode feed = api.ok(api.call("GET", s.shop().path("/notifications"), null, staff.bearer()), 200).get("data");
        assertThat(feed).hasSize(1);
        assertThat(feed.get(0).get("type").asString()).isEqualTo("ordering.new_order");
        assertThat(feed.get(0).get("title").asString()).isEqualTo("New order #1001");
        assertThat(feed.get(0).get("summary").asString()).isEqualTo("2 items, " + total + ", from guest.shopper@example.com.");
        assertThat(feed.get(0).get("data").get("order_id").asString()).isEqualTo(order.get("id").asString());
        assertThat(api.identity().awaitMail(staff.email(), "[" + shopName + "] New order #1001").get("text").asString())
                .contains("2 x Tee (M)", total);
        assertThat(api.ok(api.call("GET", s.shop().path("/notifications"), null, viewer.bearer()), 200).get("data"))
                .as("viewers do not fulfil orders").isEmpty();

        // Fulfilled with tracking, then a partial refund: events, and a mail for each.
        String id = order.get("id").asString();
        api.ok(api.call("POST", s.shop().path("/orders/" + id + "/fulfillments"), """
                {"tracking_number":"1Z999","tracking_company":"UPS","tracking_url":"https://track.example.com/1Z999"}""",
                s.owner().bearer()), 201);
        api.ok(api.call("POST", s.shop().path("/orders/" + id + "/refunds"), "{\"amount\":{\"amount\":500,\"currency\":\"EUR\"}}",
                s.owner().bearer(), "Idempotency-Key", UUID.randomUUID().toString()), 201);
        List<Row> later = events(s.shop(), "");
        assertThat(types(later)).containsSubsequence("order.paid", "order.fulfilled", "payment.refunded", "order.refunded");
        JsonNode fulfilled = events(s.shop(), "order.fulfilled").getFirst().body().get("data");
        assertThat(fulfilled.get("complete").asBoolean()).isTrue();
        assertThat(fulfilled.get("order").get("status").asString()).isEqualTo("fulfilled");
        assertThat(fulfilled.get("order").get("fulfillments").get(0).get("id").asString())
                .isEqualTo(fulfilled.get("fulfillment_id").asString());
        JsonNode refunded = events(s.shop(), "order.refunded").getFirst().body().get("data");
        assertThat(refunded.get("amount").get("amount").asLong()).isEqualTo(500);
        assertThat(refunded.get("order").get("payment_status").asString()).isEqualTo("partially_refunded");
        JsonNode paymentRefunded = events(s.shop(), "payment.refunded").getFirst().body().get("data");
        assertThat(paymentRefunded.get("refund").get("id").asString()).isEqualTo(refunded.get("refund_id").asString());
        assertThat(paymentRefunded.get("refund").get("status").asString()).isEqualTo("succeeded");
        assertThat(paymentRefunded.get("payment").get("refunded_amount").asLong()).isEqualTo(500);

        assertThat(api.identity().awaitMail("guest.shopper@example.com", "[" + shopName + "] Order #1001 is on its way")
                .get("text").asString()).contains("2 x Tee (M)", "Tracking number: 1Z999 (UPS)",
                "https://track.example.com/1Z999");
        assertThat(api.identity().awaitMail("guest.shopper@example.com", "[" + shopName + "] Refund of €5.00 for order #1001")
                .get("text").asString()).contains("refunded €5.00", "so far: €5.00 of " + total);
        assertThat(delivered(id, 6)).extracting(body -> body.get("type").asString()).containsExactlyInAnyOrder(
                "order.created", "payment.succeeded", "order.paid", "order.fulfilled", "payment.refunded", "order.refunded");
        RecordedEvents.assertDocumented(api, events(s.shop(), ""));
    }

    @Test
    void declinedAndCanceledOrdersHaveTheirEventsAndOnlyAPaidOneTellsTheCustomerItWasCanceled() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("order-cancels", 10);

        Cart declined = store.cart(s);
        api.ok(store.add(s, declined, s.variant(), 1), 200);
        store.ready(s, declined, "declined@example.com");
        JsonNode unpaid = api.ok(store.checkout(s, declined, "pm_card_chargeDeclined", UUID.randomUUID().toString(), null),
                201);
        String unpaidId = unpaid.get("id").asString();
        assertThat(unpaid.get("payment_status").asString()).isEqualTo("failed");
        assertThat(types(events(s.shop(), ""))).containsExactly("order.created", "payment.failed");
        JsonNode failed = events(s.shop(), "payment.failed").getFirst().body().get("data").get("payment");
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_code").asString()).isNotBlank();
        api.ok(api.call("POST", s.shop().path("/orders/" + unpaidId + "/cancel"), "{\"reason\":\"abandoned\"}",
                s.owner().bearer()), 200);
        assertThat(events(s.shop(), "order.canceled")).singleElement().satisfies(row ->
                assertThat(row.body().get("data").get("order").get("cancel_reason").asString()).isEqualTo("abandoned"));

        JsonNode paid = store.paidOrder(s, "canceled@example.com", 1, 0);
        api.ok(api.call("POST", s.shop().path("/orders/" + paid.get("id").asString() + "/cancel"),
                "{\"reason\":\"out of business\"}", s.owner().bearer()), 200);
        List<Row> canceled = events(s.shop(), "order.canceled");
        assertThat(canceled).hasSize(2);
        assertThat(canceled.get(1).body().get("data").get("order").get("status").asString()).isEqualTo("canceled");
        assertThat(types(events(s.shop(), "payment.refunded"))).hasSize(1);

        String shopName = "Shop " + s.shop().handle();
        assertThat(api.identity().awaitMail("canceled@example.com", "[" + shopName + "] Order #1002 canceled")
                .get("text").asString()).contains("Reason: out of business");
        api.identity().awaitMail("canceled@example.com", "[" + shopName + "] Refund of "
                + euros(paid.get("totals").get("total").get("amount").asLong()) + " for order #1002");
        assertThat(api.identity().mails("declined@example.com")).as("an order never paid was never confirmed or canceled by mail")
                .isEmpty();
        RecordedEvents.assertDocumented(api, events(s.shop(), ""));
    }
}
