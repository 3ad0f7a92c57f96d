package dev.bazaar.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bazaar.payments.gateway.stripe.StripeFixtures;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.ProblemDetails;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Stripe adapter against WireMock standing in for api.stripe.com: the shop's configuration and who may change it,
 * PaymentIntents that succeed, are declined, need action or have an unknown outcome (resolved by reconciliation with
 * the same idempotency key), refunds, and signed inbound webhooks (verified, de-duplicated, confined to the shop).
 */
@IntegrationTest(properties = {"bazaar.payments.fallback-delay=1h", "bazaar.payments.reconcile-after=1h",
        "bazaar.payments.stripe.read-timeout=1s", "bazaar.payments.stripe.connect-timeout=1s"})
@Import(PaymentEventLog.class)
class StripeGatewayIT extends TenancyHttpTest {

    private static final WireMockServer stripe = started();
    private static final String SECRET_KEY = "sk_test_51AbCdEfGhIjKlMnOpQrStUvWx4242";
    private static final String WEBHOOK_SECRET = "whsec_0123456789abcdefghijABCDEFGHIJ";

    @Autowired
    PaymentService payments;
    @Autowired
    PaymentQueries queries;
    @Autowired
    TenantScope tenantScope;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PaymentEventLog events;

    private Person owner;
    private Shop shop;
    private UUID tenant;

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void stripeBase(DynamicPropertyRegistry registry) {
        registry.add("bazaar.payments.stripe.api-base", () -> "http://127.0.0.1:" + stripe.port());
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @BeforeEach
    void configuredShop() {
        owner = api.person("stripe-owner");
        shop = api.createShop(owner, "stripe");
        tenant = UUID.fromString(shop.id());
        api.ok(configure(shop, owner.bearer(), "automatic"), 200);
    }

    private HttpResponse<String> configure(Shop shop, String bearer, String captureMethod) {
        return api.call("PUT", shop.path("/payment-gateways/stripe"), """
                {"secret_key":"%s","webhook_secret":"%s","capture_method":"%s"}""".formatted(SECRET_KEY, WEBHOOK_SECRET,
                captureMethod), bearer);
    }

    private PaymentView start(long amount) {
        return tenantScope.call(tenant, () -> transaction.execute(status -> payments.start(new StartPayment(UUID.randomUUID(),
                new Money(amount, "EUR"), "stripe", "pm_card_visa", "buyer@example.com", "Order #7"))));
    }

    private PaymentView process(UUID paymentId) {
        return tenantScope.call(tenant, () -> payments.process(paymentId));
    }

    private static String intent(String id, String status, UUID paymentId, String extra) {
        return """
                {"id":"%s","object":"payment_intent","amount":1999,"currency":"eur","status":"%s","client_secret":"%s_secret_1",
                 "metadata":{"bazaar_payment_id":"%s"}%s}""".formatted(id, status, id, paymentId, extra);
    }

    private static void stubCreate(UUID paymentId, int status, String body) {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo("bazaar-payment-" + paymentId))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static List<LoggedRequest> creates(UUID paymentId) {
        return stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("bazaar-payment-" + paymentId)));
    }

    private static String form(LoggedRequest request) {
        return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    }

    @Test
    void storesTheConfigurationSealedAndNeverReturnsTheSecrets() {
        JsonNode read = api.ok(api.call("GET", shop.path("/payment-gateways/stripe"), null, owner.bearer()), 200);
        assertThat(read.get("configured").asBoolean()).isTrue();
        assertThat(read.get("secret_key_last4").asString()).isEqualTo("4242");
        assertThat(read.get("mode").asString()).isEqualTo("test");
        assertThat(read.get("capture_method").asString()).isEqualTo("automatic");
        assertThat(read.get("webhook_url").asString()).isEqualTo("/api/v1/payment-webhooks/stripe/" + shop.handle());
        assertThat(read.toString()).doesNotContain(SECRET_KEY, WEBHOOK_SECRET, "secret_key\"", "webhook_secret\"");
        String stored = tenantScope.call(tenant, () -> transaction.execute(status -> jdbc.sql(
                "select secret_key || ' ' || webhook_secret from payment_gateway_settings where tenant_id = :tenant")
                .param("tenant", tenant).query(String.class).single()));
        assertThat(stored).startsWith("v1.").doesNotContain(SECRET_KEY, WEBHOOK_SECRET, "51AbCd");
        assertThat(api.ok(api.call("GET", shop.path("/payment-gateways"), null, null), 200).get("data"))
                .extracting(node -> node.get("name").asString()).containsExactly("test", "stripe");

        // Refused: anonymous, a member without settings:manage, another shop's owner; nothing changes.
        assertThat(configure(shop, null, "manual").statusCode()).isEqualTo(401);
        Person staff = api.person("stripe-staff");
        api.addMember(owner, shop, staff, "staff");
        ProblemDetails.problem(configure(shop, staff.bearer(), "manual"), 403, "permission_denied");
        Person stranger = api.person("stripe-stranger");
        api.createShop(stranger, "stripe-other");
        ProblemDetails.problem(configure(shop, stranger.bearer(), "manual"), 404, "shop_not_found");
        ProblemDetails.problem(api.call("DELETE", shop.path("/payment-gateways/stripe"), null, staff.bearer()), 403, "permission_denied");
        assertThat(api.ok(api.call("GET", shop.path("/payment-gateways/stripe"), null, staff.bearer()), 200)
                .get("capture_method").asString()).isEqualTo("automatic");

        // Malformed credentials name their field.
        JsonNode invalid = ProblemDetails.problem(api.call("PUT", shop.path("/payment-gateways/stripe"),
                "{\"secret_key\":\"pk_test_abcdefghij\",\"webhook_secret\":\"" + WEBHOOK_SECRET + "\"}", owner.bearer()),
                400, "validation_failed");
        assertThat(invalid.get("errors").get(0).get("field").asString()).isEqualTo("secret_key");
        JsonNode badHook = ProblemDetails.problem(api.call("PUT", shop.path("/payment-gateways/stripe"),
                "{\"secret_key\":\"" + SECRET_KEY + "\",\"webhook_secret\":\"nope\"}", owner.bearer()), 400, "validation_failed");
        assertThat(badHook.get("errors").get(0).get("field").asString()).isEqualTo("webhook_secret");

        JsonNode live = api.ok(api.call("PUT", shop.path("/payment-gateways/stripe"), "{\"secret_key\":\"rk_live_abcdefgh9999\","
                + "\"webhook_secret\":\"" + WEBHOOK_SECRET + "\",\"capture_method\":\"manual\"}", owner.bearer()), 200);
        assertThat(live.get("mode").asString()).isEqualTo("live");
        assertThat(live.get("secret_key_last4").asString()).isEqualTo("9999");
        assertThat(live.get("capture_method").asString()).isEqualTo("manual");
        assertThat(api.call("DELETE", shop.path("/payment-gateways/stripe"), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.ok(api.call("GET", shop.path("/payment-gateways/stripe"), null, owner.bearer()), 200)
                .get("configured").asBoolean()).isFalse();
        assertThat(tenantScope.call(tenant, () -> queries.availableGateways())).containsExactly("test");
    }

    @Test
    void createsAndConfirmsAPaymentIntentThatSucceeds() {
        PaymentView started = start(1999);
        stubCreate(started.id(), 200, intent("pi_ok1", "succeeded", started.id(), ""));
        PaymentView done = process(started.id());
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.capturedAmount()).isEqualTo(1999);
        assertThat(events.of(started.id())).singleElement().isInstanceOf(PaymentEvent.Succeeded.class);

        LoggedRequest request = creates(started.id()).getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
        assertThat(form(request)).contains("amount=1999", "currency=eur", "payment_method=pm_card_visa", "confirm=true",
                "capture_method=automatic", "payment_method_types[0]=card", "metadata[bazaar_payment_id]=" + started.id(),
                "metadata[bazaar_order_id]=" + started.orderId(), "metadata[bazaar_shop_id]=" + tenant);
    }

    @Test
    void aCardDeclineFailsWithTheDeclineCode() {
        PaymentView started = start(1999);
        stubCreate(started.id(), 402, StripeFixtures.read("card_declined_error.json"));
        PaymentView failed = process(started.id());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failureCode()).isEqualTo("generic_decline");
        assertThat(failed.failureMessage()).isEqualTo("Your card was declined.");
        assertThat(events.of(started.id())).singleElement().isInstanceOfSatisfying(PaymentEvent.Failed.class,
                event -> assertThat(event.code()).isEqualTo("generic_decline"));
    }

    @Test
    void anUnknownOutcomeStaysProcessingUntilReconciliationResendsTheSameKey() {
        PaymentView started = start(1999);
        String key = "bazaar-payment-" + started.id();
        String scenario = "flaky-" + started.id();
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(key))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("timed-out")
                .willReturn(aResponse().withFixedDelay(2500).withStatus(200).withBody("{}")));
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(key))
                .inScenario(scenario).whenScenarioStateIs("timed-out").willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}")));
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo(key))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(intent("pi_flaky", "succeeded", started.id(), ""))));

        assertThat(process(started.id()).status()).isEqualTo("processing");
        assertThat(events.of(started.id())).isEmpty();
        age(started.id());
        payments.reconcile();
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).status()).isEqualTo("processing");
        age(started.id());
        payments.reconcile();
        PaymentView resolved = tenantScope.call(tenant, () -> queries.get(started.id()));
        assertThat(resolved.status()).isEqualTo("succeeded");
        assertThat(events.of(started.id())).singleElement().isInstanceOf(PaymentEvent.Succeeded.class);
        assertThat(creates(started.id())).hasSize(3).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(key);
    }

    /** Makes the payment look untouched for two hours: due for reconciliation. */
    private void age(UUID paymentId) {
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> jdbc.sql(
                "update payments set updated_at = now() - interval '2 hours' where id = :id").param("id", paymentId).update()));
    }

    @Test
    void requiresActionCarriesStripesNextAction() {
        PaymentView started = start(1999);
        stubCreate(started.id(), 200, intent("pi_3ds", "requires_action", started.id(),
                ",\"next_action\":{\"type\":\"redirect_to_url\",\"redirect_to_url\":{\"url\":\"https://hooks.stripe.com/3ds/x\"}}"));
        PaymentView waiting = process(started.id());
        assertThat(waiting.status()).isEqualTo("requires_action");
        assertThat(waiting.nextAction()).isEqualTo(new PaymentView.NextAction("redirect_to_url", "https://hooks.stripe.com/3ds/x",
                "pi_3ds_secret_1"));
        assertThat(events.of(started.id())).singleElement().isInstanceOf(PaymentEvent.RequiresAction.class);
    }

    @Test
    void refundsThePaymentIntentWithTheRefundsKey() {
        PaymentView started = start(1999);
        stubCreate(started.id(), 200, intent("pi_refund", "succeeded", started.id(), ""));
        process(started.id());
        RefundView refund = tenantScope.call(tenant, () -> transaction.execute(status -> payments.refund(started.id(), 500, "damaged")));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo("bazaar-refund-" + refund.id()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"id\":\"re_1\",\"object\":\"refund\",\"amount\":500,\"status\":\"succeeded\",\"payment_intent\":\"pi_refund\"}")));
        assertThat(tenantScope.call(tenant, () -> payments.processRefund(refund.id())).status()).isEqualTo("succeeded");
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).refundedAmount()).isEqualTo(500);
        LoggedRequest request = stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("bazaar-refund-" + refund.id()))).getFirst();
        assertThat(form(request)).contains("payment_intent=pi_refund", "amount=500", "metadata[bazaar_refund_id]=" + refund.id());
        assertThat(events.of(started.id()).getLast()).isInstanceOf(PaymentEvent.Refunded.class);

        // Stripe answers "pending": the refund waits for its webhook, which settles it once.
        RefundView later = tenantScope.call(tenant, () -> transaction.execute(status -> payments.refund(started.id(), 300, null)));
        stripe.stubFor(post(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo("bazaar-refund-" + later.id()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"id\":\"re_2\",\"object\":\"refund\",\"amount\":300,\"status\":\"pending\"}")));
        assertThat(tenantScope.call(tenant, () -> payments.processRefund(later.id())).status()).isEqualTo("pending");
        String settled = StripeFixtures.event("evt_refund_" + later.id(), "refund.updated", "{\"id\":\"re_2\",\"object\":\"refund\","
                + "\"amount\":300,\"status\":\"succeeded\",\"metadata\":{\"bazaar_refund_id\":\"" + later.id() + "\"}}");
        String path = "/api/v1/payment-webhooks/stripe/" + shop.handle();
        for (int i = 0; i < 2; i++) {
            assertThat(webhook(path, settled, StripeFixtures.signature(settled, WEBHOOK_SECRET, Instant.now().getEpochSecond()))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(tenantScope.call(tenant, () -> queries.getRefund(later.id())).status()).isEqualTo("succeeded");
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).refundedAmount()).isEqualTo(800);
        assertThat(events.of(started.id()).stream().filter(PaymentEvent.Refunded.class::isInstance)).hasSize(2);
    }

    @Test
    void signedWebhooksUpdateThePaymentOnceAndForgedOnesChangeNothing() {
        PaymentView started = start(1999);
        stubCreate(started.id(), 200, intent("pi_hook", "processing", started.id(), ""));
        assertThat(process(started.id()).status()).isEqualTo("processing");

        String payload = StripeFixtures.event("evt_hook_" + started.id(), "payment_intent.succeeded",
                intent("pi_hook", "succeeded", started.id(), ""));
        long now = Instant.now().getEpochSecond();
        String path = "/api/v1/payment-webhooks/stripe/" + shop.handle();

        ProblemDetails.problem(webhook(path, payload, StripeFixtures.signature(payload, "whsec_wrongwrongwrong123", now)), 400,
                "invalid_signature");
        ProblemDetails.problem(webhook(path, payload, StripeFixtures.signature(payload, WEBHOOK_SECRET, now - 301)), 400,
                "invalid_signature");
        ProblemDetails.problem(webhook(path, payload.replace("1999", "1"), StripeFixtures.signature(payload, WEBHOOK_SECRET, now)),
                400, "invalid_signature");
        ProblemDetails.problem(webhook(path, payload, null), 400, "invalid_signature");
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).status()).isEqualTo("processing");
        assertThat(receivedEvents()).isZero();

        HttpResponse<String> accepted = webhook(path, payload, StripeFixtures.signature(payload, WEBHOOK_SECRET, now));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).status()).isEqualTo("succeeded");
        assertThat(events.of(started.id())).singleElement().isInstanceOf(PaymentEvent.Succeeded.class);
        assertThat(webhook(path, payload, StripeFixtures.signature(payload, WEBHOOK_SECRET, now)).statusCode()).isEqualTo(200);
        assertThat(events.of(started.id())).hasSize(1);
        assertThat(receivedEvents()).isEqualTo(1);

        // A later, contradicting event (another id) does not undo the success.
        String late = StripeFixtures.event("evt_late_" + started.id(), "payment_intent.payment_failed", intent("pi_hook",
                "requires_payment_method", started.id(), ",\"last_payment_error\":{\"code\":\"card_declined\",\"message\":\"x\"}"));
        assertThat(webhook(path, late, StripeFixtures.signature(late, WEBHOOK_SECRET, now)).statusCode()).isEqualTo(200);
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).status()).isEqualTo("succeeded");
        assertThat(events.of(started.id())).hasSize(1);

        // Another shop's payment named in a correctly signed event of this shop: ignored, that payment unchanged.
        Person other = api.person("stripe-b");
        Shop shopB = api.createShop(other, "stripe-b");
        UUID tenantB = UUID.fromString(shopB.id());
        PaymentView theirs = tenantScope.call(tenantB, () -> transaction.execute(status -> payments.start(new StartPayment(
                UUID.randomUUID(), new Money(1999, "EUR"), "test", "pm_card_visa", null, "B's order"))));
        String foreign = StripeFixtures.event("evt_foreign_" + theirs.id(), "payment_intent.succeeded",
                intent("pi_foreign", "succeeded", theirs.id(), ""));
        assertThat(webhook(path, foreign, StripeFixtures.signature(foreign, WEBHOOK_SECRET, now)).statusCode()).isEqualTo(200);
        assertThat(tenantScope.call(tenantB, () -> queries.get(theirs.id())).status()).isEqualTo("pending");
        assertThat(events.of(theirs.id())).isEmpty();
        // B has not configured Stripe: its URL refuses everything.
        ProblemDetails.problem(webhook("/api/v1/payment-webhooks/stripe/" + shopB.handle(), foreign,
                StripeFixtures.signature(foreign, WEBHOOK_SECRET, now)), 400, "invalid_signature");
        ProblemDetails.problem(webhook("/api/v1/payment-webhooks/stripe/no-such-shop", payload,
                StripeFixtures.signature(payload, WEBHOOK_SECRET, now)), 404, "shop_not_found");
    }

    private HttpResponse<String> webhook(String path, String payload, String signature) {
        return signature == null ? api.call("POST", path, payload, null)
                : api.call("POST", path, payload, null, "Stripe-Signature", signature);
    }

    private long receivedEvents() {
        return tenantScope.call(tenant, () -> transaction.execute(status -> jdbc.sql(
                "select count(*) from payment_webhook_events where tenant_id = :tenant").param("tenant", tenant)
                .query(Long.class).single()));
    }
}
