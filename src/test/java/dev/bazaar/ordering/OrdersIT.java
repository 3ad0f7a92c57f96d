package dev.bazaar.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.ordering.Storefront.Cart;
import dev.bazaar.ordering.Storefront.Stocked;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.payments.PaymentService;
import dev.bazaar.payments.domain.PaymentRecorder;
import dev.bazaar.payments.domain.PaymentRepository;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.QueryCounter;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Staff's work on orders and customers' own orders, through the HTTP API. */
@IntegrationTest
class OrdersIT extends TenancyHttpTest {

    @Autowired
    OrderService orders;

    @Autowired
    TenantScope tenantScope;

    @Autowired
    InventoryService inventory;

    @Autowired
    PaymentService payments;

    @Autowired
    PaymentRepository paymentRows;

    @Autowired
    PaymentRecorder recorder;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void staffFulfilInPartsAndTheOrderFollowsItsStateMachine() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("orders-fulfil", 10);
        JsonNode order = paidOrder(store, s, "ship@example.com", 3, 1);
        String id = order.get("id").asString();
        String teeLine = order.get("lines").get(0).get("id").asString();

        JsonNode partly = api.ok(api.call("POST", s.shop().path("/orders/" + id + "/fulfillments"),
                "{\"lines\":[{\"line_id\":\"" + teeLine + "\",\"quantity\":2}],\"tracking_number\":\"1Z999\","
                        + "\"tracking_company\":\"UPS\",\"tracking_url\":\"https://track.example.com/1Z999\"}",
                s.owner().bearer()), 201);
        assertThat(partly.get("status").asString()).isEqualTo("partially_fulfilled");
        assertThat(partly.get("fulfillments").get(0).get("tracking_number").asString()).isEqualTo("1Z999");
        assertThat(partly.get("lines").get(0).get("fulfilled_quantity").asLong()).isEqualTo(2);
        Problems.problem(api.call("POST", s.shop().path("/orders/" + id + "/fulfillments"),
                "{\"lines\":[{\"line_id\":\"" + teeLine + "\",\"quantity\":2}]}", s.owner().bearer()), 422,
                "fulfillment_exceeds_order");
        Problems.problem(api.call("POST", s.shop().path("/orders/" + id + "/cancel"), "{}", s.owner().bearer()), 422,
                "order_not_cancelable");
        JsonNode done = api.ok(api.call("POST", s.shop().path("/orders/" + id + "/fulfillments"), "{}", s.owner().bearer()), 201);
        assertThat(done.get("status").asString()).isEqualTo("fulfilled");
        assertThat(done.get("fulfillments")).hasSize(2);
        Problems.problem(api.call("POST", s.shop().path("/orders/" + id + "/fulfillments"), "{}", s.owner().bearer()), 422,
                "order_not_fulfillable");
        assertThat(done.get("timeline")).extracting(e -> e.get("kind").asString())
                .containsSubsequence("placed", "paid", "fulfilled", "fulfilled");
        JsonNode note = api.ok(api.call("POST", s.shop().path("/orders/" + id + "/notes"), "{\"message\":\"Gift wrap\"}",
                s.owner().bearer()), 201);
        JsonNode last = note.get("timeline").get(note.get("timeline").size() - 1);
        assertThat(last.get("kind").asString()).isEqualTo("note");
        assertThat(last.get("actor_type").asString()).isEqualTo("account");

        // An unpaid order cannot ship.
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        store.ready(s, cart, "late@example.com");
        String unpaid = api.ok(store.checkout(s, cart, "pm_card_chargeDeclined", UUID.randomUUID().toString(), null), 201)
                .get("id").asString();
        Problems.problem(api.call("POST", s.shop().path("/orders/" + unpaid + "/fulfillments"), "{}", s.owner().bearer()),
                422, "order_not_fulfillable");
    }

    @Test
    void refundsByLineAndAmountNeverExceedWhatWasCaptured() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("orders-refund", 10);
        JsonNode order = paidOrder(store, s, "refund@example.com", 3, 0);
        String id = order.get("id").asString();
        String line = order.get("lines").get(0).get("id").asString();
        long total = order.get("totals").get("total").get("amount").asLong();
        long lineTotal = order.get("lines").get(0).get("total").get("amount").asLong();
        assertThat(level(s).get("on_hand").asLong()).isEqualTo(7);

        assertThat(api.call("POST", s.shop().path("/orders/" + id + "/refunds"),
                "{\"lines\":[{\"line_id\":\"" + line + "\",\"quantity\":1}]}", s.owner().bearer()).statusCode())
                .as("without an Idempotency-Key").isEqualTo(400);
        JsonNode one = api.ok(refund(s, id, "{\"lines\":[{\"line_id\":\"" + line + "\",\"quantity\":1}]}"), 201);
        assertThat(one.get("payment_status").asString()).isEqualTo("partially_refunded");
        assertThat(one.get("totals").get("refunded").get("amount").asLong()).isEqualTo(lineTotal / 3);
        assertThat(one.get("refunds").get(0).get("status").asString()).isEqualTo("succeeded");
        assertThat(one.get("lines").get(0).get("refunded_quantity").asLong()).isEqualTo(1);
        assertThat(level(s).get("on_hand").asLong()).as("restocked").isEqualTo(8);

        long left = total - lineTotal / 3;
        JsonNode tooMuch = Problems.problem(refund(s, id, "{\"amount\":{\"amount\":" + (left + 1) + ",\"currency\":\"EUR\"}}"),
                422, "refund_exceeds_captured");
        assertThat(tooMuch.get("refundable").get("amount").asLong()).isEqualTo(left);
        Problems.problem(refund(s, id, "{\"lines\":[{\"line_id\":\"" + line + "\",\"quantity\":3}]}"), 422,
                "refund_exceeds_captured");
        JsonNode all = api.ok(refund(s, id, "{\"amount\":{\"amount\":" + left + ",\"currency\":\"EUR\"},\"restock\":false}"),
                201);
        assertThat(all.get("payment_status").asString()).isEqualTo("refunded");
        assertThat(all.get("totals").get("refunded").get("amount").asLong()).isEqualTo(total);
        assertThat(level(s).get("on_hand").asLong()).as("an amount refund restocks nothing").isEqualTo(8);
        Problems.problem(refund(s, id, "{\"amount\":{\"amount\":1,\"currency\":\"EUR\"}}"), 422, "refund_exceeds_captured");
        Person viewer = api.person("viewer");
        api.addMember(s.owner(), s.shop(), viewer, "staff");
        assertThat(api.call("POST", s.shop().path("/orders/" + id + "/refunds"), "{\"amount\":{\"amount\":1,\"currency\":\"EUR\"}}",
                viewer.bearer(), "Idempotency-Key", UUID.randomUUID().toString()).statusCode())
                .as("staff without orders:refund").isEqualTo(403);
    }

    @Test
    void cancelingReleasesOrRestocksAndRefunds() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("orders-cancel", 10);
        JsonNode paid = paidOrder(store, s, "cancel@example.com", 2, 0);
        assertThat(level(s).get("on_hand").asLong()).isEqualTo(8);
        HttpResponse<String> stale = api.call("POST", s.shop().path("/orders/" + paid.get("id").asString() + "/cancel"),
                "{\"reason\":\"customer asked\"}", s.owner().bearer(), "If-Match", "\"999\"");
        Problems.problem(stale, 412, "precondition_failed");
        JsonNode canceled = api.ok(api.call("POST", s.shop().path("/orders/" + paid.get("id").asString() + "/cancel"),
                "{\"reason\":\"customer asked\"}", s.owner().bearer()), 200);
        assertThat(canceled.get("status").asString()).isEqualTo("canceled");
        assertThat(canceled.get("cancel_reason").asString()).isEqualTo("customer asked");
        assertThat(canceled.get("payment_status").asString()).isEqualTo("refunded");
        assertThat(canceled.get("totals").get("refunded").get("amount").asLong())
                .isEqualTo(canceled.get("totals").get("captured").get("amount").asLong());
        assertThat(level(s).get("on_hand").asLong()).as("restocked").isEqualTo(10);
        Problems.problem(api.call("POST", s.shop().path("/orders/" + paid.get("id").asString() + "/cancel"), "{}",
                s.owner().bearer()), 422, "order_not_cancelable");

        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 4), 200);
        store.ready(s, cart, "unpaid@example.com");
        String unpaid = api.ok(store.checkout(s, cart, "pm_card_chargeDeclined", UUID.randomUUID().toString(), null), 201)
                .get("id").asString();
        assertThat(level(s).get("reserved").asLong()).isEqualTo(4);
        JsonNode released = api.ok(api.call("POST", s.shop().path("/orders/" + unpaid + "/cancel"), null, s.owner().bearer()), 200);
        assertThat(released.get("status").asString()).isEqualTo("canceled");
        assertThat(level(s).get("reserved").asLong()).isZero();
        assertThat(level(s).get("on_hand").asLong()).isEqualTo(10);
        assertLedgerBalances(s);
    }

    @Test
    void unpaidOrdersExpireAfterTheirPaymentWindow() throws Exception {
        Storefront store = new Storefront(api);
        Stocked s = store.open("orders-expire", 3);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 2), 200);
        store.ready(s, cart, "slow@example.com");
        String id = api.ok(store.checkout(s, cart, "pm_card_authenticationRequired", UUID.randomUUID().toString(), null), 201)
                .get("id").asString();
        assertThat(orders.expireUnpaid()).as("not yet due").isZero();
        try (Connection connection = DriverManager.getConnection(databaseUrl)) {
            connection.createStatement().executeUpdate("update orders set payment_expires_at = now() - interval '1 second' "
                    + "where id = '" + id + "'");
        }
        assertThat(orders.expireUnpaid()).isEqualTo(1);
        JsonNode expired = api.ok(api.call("GET", s.shop().path("/orders/" + id), null, s.owner().bearer()), 200);
        assertThat(expired.get("status").asString()).isEqualTo("canceled");
        assertThat(expired.get("payments").get(0).get("status").asString()).isEqualTo("canceled");
        assertThat(level(s).get("reserved").asLong()).isZero();
        assertThat(orders.expireUnpaid()).isZero();
    }

    @Test
    void aPaymentThatSucceedsAfterTheOrderExpiredIsRefundedInFullAndTheOrderStaysCanceled() {
        Waiting w = awaitingAuthentication("orders-late-pay", "late@example.com");
        Stocked s = w.shop();
        // The customer's 3-D Secure completion is in flight when the window ends: the void is refused (processing).
        sql(w.tenant(), "update payments set status = 'processing' where id = '" + w.payment() + "'");
        sql(w.tenant(), "update orders set payment_expires_at = now() - interval '1 second' where id = '" + w.order()
                + "'");
        assertThat(orders.expireUnpaid()).isEqualTo(1);
        assertThat(level(s).get("reserved").asLong()).as("released by the expiry").isZero();

        // Then the gateway answers: the money was taken.
        succeed(w.tenant(), w.payment());
        JsonNode late = staffView(s, w.order());
        assertThat(late.get("status").asString()).isEqualTo("canceled");
        assertThat(late.get("totals").get("captured").get("amount").asLong())
                .isEqualTo(late.get("totals").get("total").get("amount").asLong());
        assertThat(late.get("refunds")).singleElement().satisfies(refund -> {
            assertThat(refund.get("status").asString()).isEqualTo("pending");
            assertThat(refund.get("restock").asBoolean()).as("the stock went back with the expiry").isFalse();
        });
        refundsReachTheGatewayInFull(s, w.tenant(), w.order(), w.payment());
    }

    @Test
    void aPaymentThatSucceedsAfterTheReservationExpiredCancelsTheOrderAndRefundsIt() {
        Waiting w = awaitingAuthentication("orders-late-stock", "later@example.com");
        Stocked s = w.shop();
        // The order's expiry ran late (a stalled job): its reservation expired first, and the order still waits.
        sql(w.tenant(), "update inventory_reservations set expires_at = now() - interval '1 second' where id = "
                + "(select reservation_id from orders where id = '" + w.order() + "')");
        assertThat(inventory.expireDue()).isGreaterThanOrEqualTo(1);
        assertThat(staffView(s, w.order()).get("status").asString()).isEqualTo("pending_payment");
        assertThat(level(s).get("reserved").asLong()).isZero();

        JsonNode authenticated = api.ok(api.call("POST", s.shop().path("/payments/" + w.payment()
                + "/test-authentication"), "{\"outcome\":\"succeed\"}", null), 200);
        assertThat(authenticated.get("status").asString()).as("the payment's record is kept").isEqualTo("succeeded");
        JsonNode late = staffView(s, w.order());
        assertThat(late.get("status").asString()).isEqualTo("canceled");
        assertThat(late.get("cancel_reason").asString()).contains("reservation ended");
        refundsReachTheGatewayInFull(s, w.tenant(), w.order(), w.payment());
    }

    private record Waiting(Stocked shop, UUID tenant, String order, UUID payment) {}

    /** A new shop with 3 tees in stock and an order for 2 whose payment waits for the customer's authentication. */
    private Waiting awaitingAuthentication(String label, String email) {
        Storefront store = new Storefront(api);
        Stocked s = store.open(label, 3);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 2), 200);
        store.ready(s, cart, email);
        JsonNode placed = api.ok(store.checkout(s, cart, "pm_card_authenticationRequired", UUID.randomUUID().toString(),
                null), 201);
        assertThat(placed.get("payment_status").asString()).isEqualTo("requires_action");
        assertThat(level(s).get("reserved").asLong()).isEqualTo(2);
        JsonNode order = staffView(s, placed.get("id").asString());
        return new Waiting(s, UUID.fromString(s.shop().id()), order.get("id").asString(),
                UUID.fromString(order.get("payments").get(0).get("id").asString()));
    }

    /**
     * The late payment's refund, sent (twice, as its fallback job and a retry might): the gateway gets the whole
     * amount once, the order ends canceled and refunded with its timeline saying so, and the stock is counted once.
     */
    private void refundsReachTheGatewayInFull(Stocked s, UUID tenant, String id, UUID payment) {
        JsonNode order = staffView(s, id);
        long total = order.get("totals").get("total").get("amount").asLong();
        UUID refund = UUID.fromString(order.get("refunds").get(0).get("id").asString());
        tenantScope.run(tenant, () -> payments.processRefund(refund));
        tenantScope.run(tenant, () -> payments.processRefund(refund));
        JsonNode refunded = staffView(s, id);
        assertThat(refunded.get("status").asString()).isEqualTo("canceled");
        assertThat(refunded.get("payment_status").asString()).isEqualTo("refunded");
        assertThat(refunded.get("totals").get("refunded").get("amount").asLong()).isEqualTo(total);
        assertThat(refunded.get("refunds")).singleElement()
                .satisfies(r -> assertThat(r.get("status").asString()).isEqualTo("succeeded"));
        List<Long> sent = tenantScope.call(tenant, () -> transaction.execute(status -> jdbc.sql(
                        "select count(*) as n, coalesce(sum(amount), 0) as amount, coalesce(sum(calls), 0) as calls "
                                + "from payment_test_gateway_operations where payment_id = :payment and operation = 'refund'")
                .param("payment", payment)
                .query((rs, n) -> List.of(rs.getLong("n"), rs.getLong("amount"), rs.getLong("calls"))).single()));
        assertThat(sent).as("one refund of the whole amount, asked once").containsExactly(1L, total, 1L);
        assertThat(refunded.get("timeline")).extracting(e -> e.get("kind").asString())
                .containsSubsequence("placed", "canceled", "payment_refunded_late", "refunded");
        assertThat(level(s).get("on_hand").asLong()).as("nothing left, nothing came back twice").isEqualTo(3);
        assertThat(level(s).get("reserved").asLong()).isZero();
        assertLedgerBalances(s);
    }

    private void succeed(UUID tenant, UUID payment) {
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> recorder.record(
                paymentRows.lock(tenant, payment).orElseThrow(), new GatewayResult.Succeeded("test_" + payment))));
    }

    private void sql(UUID tenant, String statement) {
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> jdbc.sql(statement).update()));
    }

    private JsonNode staffView(Stocked s, String id) {
        return api.ok(api.call("GET", s.shop().path("/orders/" + id), null, s.owner().bearer()), 200);
    }

    @Test
    void staffFilterTheListAndCustomersSeeOnlyTheirOwnOrders() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("orders-list", 50);
        Person customer = api.person("customer");
        JsonNode mine = customerOrder(store, s, customer);
        JsonNode guest = paidOrder(store, s, "zed@example.com", 1, 0);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        store.ready(s, cart, "declined@example.com");
        api.ok(store.checkout(s, cart, "pm_card_chargeDeclined", UUID.randomUUID().toString(), null), 201);

        assertThat(numbers(s, "")).containsExactly(1003L, 1002L, 1001L);
        assertThat(numbers(s, "?status=paid")).containsExactly(1002L, 1001L);
        assertThat(numbers(s, "?payment_status=failed")).containsExactly(1003L);
        assertThat(numbers(s, "?q=%231002")).containsExactly(1002L);
        assertThat(numbers(s, "?q=1001")).containsExactly(1001L);
        assertThat(numbers(s, "?q=ZED")).containsExactly(1002L);
        assertThat(numbers(s, "?customer_id=" + mine.get("customer_id").asString())).containsExactly(1001L);
        assertThat(numbers(s, "?created_after=2999-01-01T00:00:00Z")).isEmpty();
        assertThat(numbers(s, "?created_before=2999-01-01T00:00:00Z&limit=2")).containsExactly(1003L, 1002L);
        Problems.problem(api.call("GET", s.shop().path("/orders?status=shipped"), null, s.owner().bearer()), 400,
                "validation_failed");
        JsonNode page = api.ok(api.call("GET", s.shop().path("/orders?limit=2"), null, s.owner().bearer()), 200);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode rest = api.ok(api.call("GET", s.shop().path("/orders?limit=2&after=" + page.get("next_cursor").asString()),
                null, s.owner().bearer()), 200);
        assertThat(rest.get("data")).extracting(o -> o.get("number").asLong()).containsExactly(1001L);

        int one = statements(s, "/orders?limit=1");
        int three = statements(s, "/orders?limit=3");
        assertThat(three).as("the list's statements do not grow with its rows").isEqualTo(one);

        JsonNode own = api.ok(api.call("GET", s.shop().path("/me/orders"), null, customer.bearer()), 200);
        assertThat(own.get("data")).extracting(o -> o.get("number").asLong()).containsExactly(1001L);
        JsonNode detail = api.ok(api.call("GET", s.shop().path("/me/orders/" + mine.get("id").asString()), null,
                customer.bearer()), 200);
        assertThat(detail.get("timeline").isNull()).as("no staff timeline for customers").isTrue();
        Problems.problem(api.call("GET", s.shop().path("/me/orders/" + guest.get("id").asString()), null, customer.bearer()),
                404, "order_not_found");
        assertThat(api.call("GET", s.shop().path("/me/orders"), null, null).statusCode()).isEqualTo(401);
        Person stranger = api.person("stranger");
        assertThat(api.ok(api.call("GET", s.shop().path("/me/orders"), null, stranger.bearer()), 200).get("data")).isEmpty();
        Stocked other = store.open("orders-list-other", 0);
        Problems.problem(api.call("GET", other.shop().path("/orders/" + mine.get("id").asString()), null,
                other.owner().bearer()), 404, "order_not_found");

        JsonNode customers = api.ok(api.call("GET", s.shop().path("/customers?email=" + customer.email().substring(0, 5)),
                null, s.owner().bearer()), 200);
        assertThat(customers.get("data")).hasSize(1);
        assertThat(customers.get("data").get(0).get("orders_count").asLong()).isEqualTo(1);
        assertThat(customers.get("data").get(0).get("total_spent").get("amount").asLong())
                .isEqualTo(mine.get("totals").get("total").get("amount").asLong());
    }

    private JsonNode customerOrder(Storefront store, Stocked s, Person customer) {
        String cart = api.ok(api.call("POST", s.shop().path("/carts"), "{}", customer.bearer()), 201).get("id").asString();
        api.ok(api.call("POST", s.shop().path("/carts/" + cart + "/lines"), "{\"variant_id\":\"" + s.variant()
                + "\",\"quantity\":1}", customer.bearer()), 200);
        api.ok(api.call("PATCH", s.shop().path("/carts/" + cart), "{\"email\":\"%s\",\"shipping_address\":%s,\"shipping_rate_id\":\"%s\"}"
                .formatted(customer.email(), Storefront.ADDRESS, s.rate()), customer.bearer()), 200);
        return api.ok(api.call("POST", s.shop().path("/carts/" + cart + "/checkout"),
                "{\"payment\":{\"gateway\":\"test\",\"payment_method\":\"pm_card_visa\"}}", customer.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString()), 201);
    }

    private JsonNode paidOrder(Storefront store, Stocked s, String email, long tees, long untracked) {
        return store.paidOrder(s, email, tees, untracked);
    }

    private HttpResponse<String> refund(Stocked s, String order, String body) {
        return api.call("POST", s.shop().path("/orders/" + order + "/refunds"), body, s.owner().bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    private List<Long> numbers(Stocked s, String query) {
        return api.ok(api.call("GET", s.shop().path("/orders" + query), null, s.owner().bearer()), 200).get("data")
                .valueStream().map(o -> o.get("number").asLong()).toList();
    }

    private int statements(Stocked s, String path) {
        String requestId = "count-" + UUID.randomUUID();
        api.ok(api.call("GET", s.shop().path(path), null, s.owner().bearer(), "X-Request-Id", requestId), 200);
        return QueryCounter.statementsOf(requestId);
    }

    private JsonNode level(Stocked s) {
        return IdentityClient.read(api.call("GET", s.shop().path("/inventory-levels?variant_id=" + s.variant()), null,
                s.owner().bearer())).get("data").get(0);
    }

    private void assertLedgerBalances(Stocked s) {
        JsonNode movements = api.ok(api.call("GET", s.shop().path("/inventory-movements?limit=100&variant_id=" + s.variant()),
                null, s.owner().bearer()), 200).get("data");
        long onHand = movements.valueStream().mapToLong(m -> m.get("on_hand_delta").asLong()).sum();
        long reserved = movements.valueStream().mapToLong(m -> m.get("reserved_delta").asLong()).sum();
        assertThat(onHand).isEqualTo(level(s).get("on_hand").asLong());
        assertThat(reserved).isEqualTo(level(s).get("reserved").asLong());
    }
}
