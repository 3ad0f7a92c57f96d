package dev.bazaar.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.ordering.Storefront.Cart;
import dev.bazaar.ordering.Storefront.Stocked;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Checkout through the HTTP API with the test gateway: exactly one order and one payment, refusals that change nothing. */
@IntegrationTest
class CheckoutIT extends TenancyHttpTest {

    @Test
    void anAnonymousCartBecomesOnePaidOrder() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("checkout-paid", 10);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 2), 200);
        JsonNode ready = store.ready(s, cart, "buyer@example.com");
        long total = ready.get("totals").get("total").get("amount").asLong();

        String key = UUID.randomUUID().toString();
        HttpResponse<String> placed = store.checkout(s, cart, "pm_card_visa", key, null);
        JsonNode order = api.ok(placed, 201);
        assertThat(order.get("number").asLong()).isEqualTo(1001);
        assertThat(order.get("name").asString()).isEqualTo("#1001");
        assertThat(order.get("status").asString()).isEqualTo("paid");
        assertThat(order.get("payment_status").asString()).isEqualTo("paid");
        assertThat(order.get("totals").get("total").get("amount").asLong()).isEqualTo(total);
        assertThat(order.get("totals").get("captured").get("amount").asLong()).isEqualTo(total);
        assertThat(order.get("email").asString()).isEqualTo("buyer@example.com");
        assertThat(order.get("lines")).hasSize(1);
        assertThat(order.get("lines").get(0).get("quantity").asLong()).isEqualTo(2);
        assertThat(order.get("payments")).hasSize(1);
        assertThat(order.get("payments").get(0).get("status").asString()).isEqualTo("succeeded");
        assertThat(order.has("timeline") && !order.get("timeline").isNull()).as("shoppers see no timeline").isFalse();

        HttpResponse<String> replay = store.checkout(s, cart, "pm_card_visa", key, null);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replay.body()).isEqualTo(placed.body());
        JsonNode again = api.ok(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 200);
        assertThat(again.get("id").asString()).as("a second checkout of the cart").isEqualTo(order.get("id").asString());
        assertThat(again.get("payments")).as("no second payment").hasSize(1);
        Problems.problem(store.add(s, cart, s.variant(), 1), 409, "cart_not_active");
        assertThat(api.ok(api.call("GET", s.shop().path("/carts/" + cart.id() + "/order"), null, null, cart.header()), 200)
                .get("id").asString()).isEqualTo(order.get("id").asString());

        JsonNode level = level(s);
        assertThat(level.get("on_hand").asLong()).as("paid: the stock left").isEqualTo(8);
        assertThat(level.get("reserved").asLong()).isZero();
        JsonNode staff = api.ok(api.call("GET", s.shop().path("/orders/" + order.get("id").asString()), null,
                s.owner().bearer()), 200);
        assertThat(staff.get("timeline")).extracting(e -> e.get("kind").asString())
                .containsExactly("placed", "payment_started", "paid");
        JsonNode customers = api.ok(api.call("GET", s.shop().path("/customers"), null, s.owner().bearer()), 200);
        assertThat(customers.get("data")).hasSize(1);
        assertThat(customers.get("data").get(0).get("guest").asBoolean()).isTrue();
        assertThat(customers.get("data").get(0).get("orders_count").asLong()).isEqualTo(1);
        assertThat(customers.get("data").get(0).get("total_spent").get("amount").asLong()).isEqualTo(total);

        // The next order of the shop takes the next number.
        Cart next = store.cart(s);
        api.ok(store.add(s, next, s.untracked(), 1), 200);
        store.ready(s, next, "buyer@example.com");
        assertThat(api.ok(store.checkout(s, next, "pm_card_visa", UUID.randomUUID().toString(), null), 201)
                .get("number").asLong()).isEqualTo(1002);
    }

    @Test
    void aDeclinedPaymentKeepsTheOrderWaitingAndAnotherMethodPaysIt() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("checkout-declined", 5);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        store.ready(s, cart, "decline@example.com");
        JsonNode declined = api.ok(store.checkout(s, cart, "pm_card_chargeDeclined", UUID.randomUUID().toString(), null), 201);
        assertThat(declined.get("status").asString()).isEqualTo("pending_payment");
        assertThat(declined.get("payment_status").asString()).isEqualTo("failed");
        assertThat(declined.get("payments").get(0).get("failure_code").asString()).isEqualTo("card_declined");
        assertThat(level(s).get("reserved").asLong()).as("still held for the order").isEqualTo(1);

        JsonNode funds = api.ok(store.checkout(s, cart, "pm_card_chargeDeclinedInsufficientFunds",
                UUID.randomUUID().toString(), null), 200);
        assertThat(funds.get("payments")).hasSize(2);
        assertThat(funds.get("payments").get(1).get("failure_code").asString()).isEqualTo("insufficient_funds");

        JsonNode paid = api.ok(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 200);
        assertThat(paid.get("id").asString()).isEqualTo(declined.get("id").asString());
        assertThat(paid.get("status").asString()).isEqualTo("paid");
        assertThat(paid.get("payments")).hasSize(3);
        assertThat(level(s).get("on_hand").asLong()).isEqualTo(4);
        assertThat(level(s).get("reserved").asLong()).isZero();
    }

    @Test
    void aPaymentThatNeedsAuthenticationCompletesAfterIt() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("checkout-3ds", 5);
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        store.ready(s, cart, "sca@example.com");
        JsonNode waiting = api.ok(store.checkout(s, cart, "pm_card_authenticationRequired", UUID.randomUUID().toString(),
                null), 201);
        assertThat(waiting.get("payment_status").asString()).isEqualTo("requires_action");
        JsonNode payment = waiting.get("payments").get(0);
        assertThat(payment.get("next_action").isNull()).isFalse();
        api.ok(api.call("POST", s.shop().path("/payments/" + payment.get("id").asString() + "/test-authentication"),
                "{\"outcome\":\"succeed\"}", null), 200);
        JsonNode paid = api.ok(api.call("GET", s.shop().path("/carts/" + cart.id() + "/order"), null, null, cart.header()), 200);
        assertThat(paid.get("status").asString()).isEqualTo("paid");
        assertThat(paid.get("payment_status").asString()).isEqualTo("paid");
    }

    @Test
    void refusedCheckoutsChangeNothing() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("checkout-refused", 2);
        Cart cart = store.cart(s);
        assertThat(api.call("POST", s.shop().path("/carts/" + cart.id() + "/checkout"),
                "{\"payment\":{\"gateway\":\"test\",\"payment_method\":\"pm_card_visa\"}}", null, cart.header())
                .statusCode()).as("without an Idempotency-Key").isEqualTo(400);
        Problems.problem(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 422, "cart_empty");
        api.ok(store.add(s, cart, s.variant(), 3), 200);
        Problems.problem(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 422, "email_required");
        api.ok(api.call("PATCH", s.shop().path("/carts/" + cart.id()), "{\"email\":\"no@example.com\"}", null,
                cart.header()), 200);
        Problems.problem(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 422,
                "shipping_address_required");
        api.ok(api.call("PATCH", s.shop().path("/carts/" + cart.id()), "{\"shipping_address\":" + Storefront.ADDRESS + "}",
                null, cart.header()), 200);
        Problems.problem(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 422,
                "shipping_rate_required");
        store.ready(s, cart, "no@example.com");
        JsonNode short_ = Problems.problem(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 409,
                "insufficient_stock");
        assertThat(short_.get("available").asLong()).isEqualTo(2);
        Problems.problem(api.call("POST", s.shop().path("/carts/" + cart.id() + "/checkout"),
                "{\"payment\":{\"gateway\":\"nope\",\"payment_method\":\"pm_card_visa\"}}", null, "Cart-Token", cart.token(),
                "Idempotency-Key", UUID.randomUUID().toString()), 422, "payment_gateway_unavailable");
        api.ok(api.call("PATCH", s.shop().path("/carts/" + cart.id() + "/lines/" + s.variant()), "{\"quantity\":1}", null,
                cart.header()), 200);
        Problems.problem(api.call("POST", s.shop().path("/carts/" + cart.id() + "/checkout"),
                "{\"payment\":{\"gateway\":\"test\",\"payment_method\":\"pm_card_visa\"},"
                        + "\"expected_total\":{\"amount\":1,\"currency\":\"EUR\"}}", null, "Cart-Token", cart.token(),
                "Idempotency-Key", UUID.randomUUID().toString()), 409, "total_changed");
        Person stranger = api.person("stranger");
        Problems.problem(store.checkout(s, new Cart(cart.id(), "bzc_wrong"), "pm_card_visa", UUID.randomUUID().toString(),
                stranger.bearer()), 404, "cart_not_found");

        assertThat(api.ok(api.call("GET", s.shop().path("/orders"), null, s.owner().bearer()), 200).get("data")).isEmpty();
        assertThat(level(s).get("reserved").asLong()).isZero();
        assertThat(api.ok(api.call("GET", s.shop().path("/carts/" + cart.id()), null, null, cart.header()), 200)
                .get("status").asString()).isEqualTo("active");
        assertThat(api.ok(api.call("GET", s.shop().path("/customers"), null, s.owner().bearer()), 200).get("data")).isEmpty();
        // And the cart still checks out.
        assertThat(api.ok(store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null), 201)
                .get("number").asLong()).as("no number was used by the refusals").isEqualTo(1001);
    }

    @Test
    void discountLimitsHoldPerCodeAndPerCustomer() {
        Storefront store = new Storefront(api);
        Stocked s = store.open("checkout-discount", 20);
        api.ok(api.call("POST", s.shop().path("/discounts"), """
                {"code":"ONCE","name":"Once each","kind":"fixed_amount","amount":{"amount":300,"currency":"EUR"},
                 "per_customer_limit":1,"usage_limit":2}""", s.owner().bearer()), 201);
        JsonNode first = buy(store, s, "a@example.com", "ONCE");
        assertThat(first.get("discount_code").asString()).isEqualTo("ONCE");
        assertThat(first.get("totals").get("discount").get("amount").asLong()).isEqualTo(300);
        Problems.problem(buyResponse(store, s, "A@example.com", "once"), 409, "discount_limit_reached");
        buy(store, s, "b@example.com", "ONCE");
        JsonNode exhausted = Problems.problem(buyResponse(store, s, "c@example.com", "ONCE"), 422, "discount_not_applicable");
        assertThat(exhausted.get("refusal").asString()).isEqualTo("usage_exhausted");
        JsonNode discount = api.ok(api.call("GET", s.shop().path("/discounts?code=ONCE"), null, s.owner().bearer()), 200)
                .get("data").get(0);
        assertThat(discount.get("times_used").asLong()).isEqualTo(2);
    }

    private JsonNode buy(Storefront store, Stocked s, String email, String code) {
        return api.ok(buyResponse(store, s, email, code), 201);
    }

    private HttpResponse<String> buyResponse(Storefront store, Stocked s, String email, String code) {
        Cart cart = store.cart(s);
        api.ok(store.add(s, cart, s.variant(), 1), 200);
        store.ready(s, cart, email);
        api.ok(api.call("POST", s.shop().path("/carts/" + cart.id() + "/discount-code"), "{\"code\":\"" + code + "\"}",
                null, cart.header()), 200);
        return store.checkout(s, cart, "pm_card_visa", UUID.randomUUID().toString(), null);
    }

    private JsonNode level(Stocked s) {
        return IdentityClient.read(api.call("GET", s.shop().path("/inventory-levels?variant_id=" + s.variant()), null,
                s.owner().bearer())).get("data").get(0);
    }
}
