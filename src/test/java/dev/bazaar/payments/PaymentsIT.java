package dev.bazaar.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.payments.gateway.test.TestGateway;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.ProblemDetails;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import dev.bazaar.tenancy.TenancyHttpTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Payments through the test gateway against PostgreSQL: outcomes and their events, idempotent and concurrent
 * processing, the caller's rollback, refunds and their bounds under concurrency, capture and cancel, reconciliation,
 * and tenant isolation. The fallback jobs and reconciliation are pushed out of the way (1 h) so that each test drives
 * processing itself.
 */
@IntegrationTest(properties = {"bazaar.payments.fallback-delay=1h", "bazaar.payments.reconcile-after=1h"})
@Import(PaymentEventLog.class)
class PaymentsIT extends TenancyHttpTest {

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
    @Autowired
    TestGateway testGateway;

    private Person owner;
    private Shop shop;
    private UUID tenant;

    @BeforeEach
    void shop() {
        owner = api.person("payer");
        shop = api.createShop(owner, "pay");
        tenant = UUID.fromString(shop.id());
    }

    private PaymentView start(UUID tenant, String paymentMethod, long amount) {
        return tenantScope.call(tenant, () -> transaction.execute(status -> payments.start(new StartPayment(UUID.randomUUID(),
                new Money(amount, "EUR"), "test", paymentMethod, "buyer@example.com", "Order #1"))));
    }

    private PaymentView process(UUID paymentId) {
        return tenantScope.call(tenant, () -> payments.process(paymentId));
    }

    private RefundView refund(UUID paymentId, long amount) {
        return tenantScope.call(tenant, () -> transaction.execute(status -> payments.refund(paymentId, amount, "returned")));
    }

    private int gatewayCalls(UUID paymentId) {
        return tenantScope.call(tenant, () -> transaction.execute(status -> jdbc.sql(
                        "select coalesce(sum(calls), 0) from payment_test_gateway_operations where payment_id = :id and operation = 'create'")
                .param("id", paymentId).query(Integer.class).single()));
    }

    private static String code(Throwable e) {
        return ((ApplicationException) e).errorCode().code();
    }

    @Test
    void succeedsCapturesTheAmountAndPublishesOneSucceededEvent() {
        PaymentView started = start(tenant, "pm_card_visa", 1999);
        assertThat(started.status()).isEqualTo("pending");
        assertThat(started.capturedAmount()).isZero();
        assertThat(events.of(started.id())).isEmpty();

        PaymentView done = process(started.id());
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.capturedAmount()).isEqualTo(1999);
        assertThat(done.amount()).isEqualTo(new Money(1999, "EUR"));
        assertThat(done.failureCode()).isNull();
        assertThat(events.of(started.id())).singleElement().isInstanceOfSatisfying(PaymentEvent.Succeeded.class, event -> {
            assertThat(event.tenantId()).isEqualTo(tenant);
            assertThat(event.orderId()).isEqualTo(started.orderId());
            assertThat(event.amount()).isEqualTo(new Money(1999, "EUR"));
        });
        assertThat(tenantScope.call(tenant, () -> queries.forOrder(started.orderId()))).extracting(PaymentView::id)
                .containsExactly(started.id());
    }

    @Test
    void declinedAndInsufficientFundsFailWithTheirCodes() {
        PaymentView declined = process(start(tenant, "pm_card_chargeDeclined", 500).id());
        assertThat(declined.status()).isEqualTo("failed");
        assertThat(declined.failureCode()).isEqualTo("card_declined");
        assertThat(declined.failureMessage()).isEqualTo("Your card was declined.");
        assertThat(declined.capturedAmount()).isZero();
        assertThat(events.of(declined.id())).singleElement().isInstanceOfSatisfying(PaymentEvent.Failed.class,
                event -> assertThat(event.code()).isEqualTo("card_declined"));

        PaymentView poor = process(start(tenant, "pm_card_chargeDeclinedInsufficientFunds", 500).id());
        assertThat(poor.status()).isEqualTo("failed");
        assertThat(poor.failureCode()).isEqualTo("insufficient_funds");

        PaymentView unknown = process(start(tenant, "pm_card_madeUp", 500).id());
        assertThat(unknown.failureCode()).isEqualTo("invalid_payment_method");
    }

    @Test
    void authenticationRequiredWaitsForTheTestAuthenticationThenSucceeds() {
        PaymentView waiting = process(start(tenant, "pm_card_authenticationRequired", 2500).id());
        assertThat(waiting.status()).isEqualTo("requires_action");
        assertThat(waiting.nextAction()).isNotNull();
        assertThat(waiting.nextAction().type()).isEqualTo("test_authentication");
        assertThat(waiting.nextAction().url()).endsWith("/payments/" + waiting.id() + "/test-authentication");
        assertThat(events.of(waiting.id())).singleElement().isInstanceOf(PaymentEvent.RequiresAction.class);
        // Processing again changes nothing while it waits.
        assertThat(process(waiting.id()).status()).isEqualTo("requires_action");

        String path = shop.path("/payments/" + waiting.id() + "/test-authentication");
        ProblemDetails.problem(api.call("POST", path, "{\"outcome\":\"maybe\"}", null), 400, "validation_failed");
        JsonNode body = api.ok(api.call("POST", path, "{\"outcome\":\"succeed\"}", null), 200);
        assertThat(body.get("status").asString()).isEqualTo("succeeded");
        assertThat(body.get("captured_amount").asLong()).isEqualTo(2500);
        assertThat(body.get("next_action").isNull()).isTrue();
        assertThat(events.of(waiting.id())).hasSize(2).last().isInstanceOf(PaymentEvent.Succeeded.class);
        // Done: a second authentication is refused and publishes nothing.
        ProblemDetails.problem(api.call("POST", path, "{\"outcome\":\"fail\"}", null), 422, "payment_not_awaiting_authentication");
        assertThat(events.of(waiting.id())).hasSize(2);

        PaymentView failing = process(start(tenant, "pm_card_authenticationRequired", 2500).id());
        JsonNode failed = api.ok(api.call("POST", shop.path("/payments/" + failing.id() + "/test-authentication"),
                "{\"outcome\":\"fail\"}", null), 200);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_code").asString()).isEqualTo("authentication_failed");
        // Another shop's path does not reach the payment.
        Shop other = api.createShop(api.person("other"), "pay-other");
        ProblemDetails.problem(api.call("POST", other.path("/payments/" + failing.id() + "/test-authentication"),
                "{\"outcome\":\"succeed\"}", null), 404, "payment_not_found");
    }

    @Test
    void processingTwiceOrConcurrentlyChargesOnceAndPublishesOneEvent() throws Exception {
        PaymentView twice = start(tenant, "pm_card_visa", 700);
        assertThat(process(twice.id()).status()).isEqualTo("succeeded");
        assertThat(process(twice.id()).status()).isEqualTo("succeeded");
        assertThat(gatewayCalls(twice.id())).isEqualTo(1);
        assertThat(events.of(twice.id())).hasSize(1);

        PaymentView raced = start(tenant, "pm_card_visa", 800);
        List<PaymentView> results = concurrently(8, () -> process(raced.id()));
        assertThat(results).extracting(PaymentView::status).allMatch(status -> status.equals("processing")
                || status.equals("succeeded"));
        assertThat(tenantScope.call(tenant, () -> queries.get(raced.id())).status()).isEqualTo("succeeded");
        assertThat(gatewayCalls(raced.id())).isEqualTo(1);
        assertThat(events.of(raced.id())).singleElement().isInstanceOf(PaymentEvent.Succeeded.class);
    }

    @Test
    void aRolledBackCallerLeavesNoPaymentAndNoJob() {
        long jobsBefore = processJobs();
        UUID order = UUID.randomUUID();
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
            payments.start(new StartPayment(order, new Money(100, "EUR"), "test", "pm_card_visa", null, "Rolled back"));
            assertThat(processJobs()).isEqualTo(jobsBefore + 1);
            status.setRollbackOnly();
        }));
        assertThat(tenantScope.call(tenant, () -> queries.forOrder(order))).isEmpty();
        assertThat(processJobs()).isEqualTo(jobsBefore);
        // And start refuses to run outside the caller's transaction at all.
        assertThatThrownBy(() -> tenantScope.run(tenant, () -> payments.start(new StartPayment(order, new Money(100, "EUR"),
                "test", "pm_card_visa", null, "No transaction")))).isNotInstanceOf(ApplicationException.class);
    }

    private long processJobs() {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'payments.process'").query(Long.class).single();
    }

    @Test
    void theDurableFallbacksProcessWhatNobodyProcessed() {
        PaymentView started = start(tenant, "pm_card_visa", 400);
        assertThat(dueNow("payments.process", started.id())).isEqualTo(1);
        awaitUntil(() -> tenantScope.call(tenant, () -> queries.get(started.id())).status().equals("succeeded"));
        assertThat(events.of(started.id())).singleElement().isInstanceOf(PaymentEvent.Succeeded.class);

        RefundView refund = refund(started.id(), 150);
        assertThat(dueNow("payments.process-refund", refund.id())).isEqualTo(1);
        awaitUntil(() -> tenantScope.call(tenant, () -> queries.getRefund(refund.id())).status().equals("succeeded"));
        assertThat(tenantScope.call(tenant, () -> queries.get(started.id())).refundedAmount()).isEqualTo(150);
    }

    /** Moves the fallback job of the payment or refund to now; returns how many jobs it moved. */
    private int dueNow(String job, UUID id) {
        return jdbc.sql("update scheduled_tasks set execution_time = now() where task_name = :job "
                        + "and convert_from(task_data, 'UTF8') like :id")
                .param("job", job).param("id", "%" + id + "%").update();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 15 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void refusesUnavailableGatewaysAndMalformedPaymentMethods() {
        UUID order = UUID.randomUUID();
        assertThatThrownBy(() -> tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> payments.start(
                new StartPayment(order, new Money(100, "EUR"), "stripe", "pm_card_visa", null, "x")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("payment_gateway_unavailable"));
        assertThatThrownBy(() -> tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> payments.start(
                new StartPayment(order, new Money(100, "EUR"), "test", "card 4242", null, "x")))))
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("validation_failed");
                    assertThat(((ApplicationException) e).violations().getFirst().field()).isEqualTo("payment_method");
                });
        assertThat(tenantScope.call(tenant, () -> queries.forOrder(order))).isEmpty();
        assertThat(tenantScope.call(tenant, () -> queries.availableGateways())).containsExactly("test");
    }

    @Test
    void refundsPartThenTheRestAndRefusesMore() {
        PaymentView paid = process(start(tenant, "pm_card_visa", 1999).id());
        RefundView first = refund(paid.id(), 500);
        assertThat(first.status()).isEqualTo("pending");
        assertThat(first.orderId()).isEqualTo(paid.orderId());
        RefundView firstDone = tenantScope.call(tenant, () -> payments.processRefund(first.id()));
        assertThat(firstDone.status()).isEqualTo("succeeded");
        assertThat(tenantScope.call(tenant, () -> payments.processRefund(first.id())).status()).isEqualTo("succeeded");
        assertThat(tenantScope.call(tenant, () -> queries.get(paid.id())).refundedAmount()).isEqualTo(500);
        assertThat(events.of(paid.id()).stream().filter(PaymentEvent.Refunded.class::isInstance).toList())
                .singleElement().isInstanceOfSatisfying(PaymentEvent.Refunded.class, event -> {
                    assertThat(event.refundId()).isEqualTo(first.id());
                    assertThat(event.amount()).isEqualTo(new Money(500, "EUR"));
                    assertThat(event.totalRefunded()).isEqualTo(500);
                });

        RefundView rest = refund(paid.id(), 1499);
        tenantScope.call(tenant, () -> payments.processRefund(rest.id()));
        assertThat(tenantScope.call(tenant, () -> queries.get(paid.id())).refundedAmount()).isEqualTo(1999);
        assertThat(events.of(paid.id()).getLast()).isInstanceOfSatisfying(PaymentEvent.Refunded.class,
                event -> assertThat(event.totalRefunded()).isEqualTo(1999));

        assertThatThrownBy(() -> refund(paid.id(), 1)).satisfies(e -> assertThat(code(e)).isEqualTo("refund_exceeds_captured"));
        assertThat(tenantScope.call(tenant, () -> queries.refundsForOrder(paid.orderId()))).extracting(RefundView::amount)
                .containsExactly(new Money(500, "EUR"), new Money(1499, "EUR"));

        PaymentView failed = process(start(tenant, "pm_card_chargeDeclined", 100).id());
        assertThatThrownBy(() -> refund(failed.id(), 50)).satisfies(e -> assertThat(code(e)).isEqualTo("payment_not_refundable"));
    }

    @Test
    void concurrentRefundsNeverTogetherExceedTheCapturedAmount() throws Exception {
        PaymentView paid = process(start(tenant, "pm_card_visa", 1000).id());
        List<Object> outcomes = concurrently(8, () -> {
            try {
                return refund(paid.id(), 300);
            } catch (ApplicationException e) {
                return e.errorCode().code();
            }
        });
        assertThat(outcomes.stream().filter(RefundView.class::isInstance)).hasSize(3);
        assertThat(outcomes.stream().filter("refund_exceeds_captured"::equals)).hasSize(5);
        for (RefundView refund : tenantScope.call(tenant, () -> queries.refundsForOrder(paid.orderId()))) {
            tenantScope.call(tenant, () -> payments.processRefund(refund.id()));
        }
        assertThat(tenantScope.call(tenant, () -> queries.get(paid.id())).refundedAmount()).isEqualTo(900);
    }

    @Test
    void capturesAManuallyCapturedPaymentAndCancelsOthers() {
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> jdbc.sql(
                "insert into payment_gateway_settings (tenant_id, gateway, capture_method) values (:tenant, 'test', 'manual')")
                .param("tenant", tenant).update()));
        PaymentView authorized = process(start(tenant, "pm_card_visa", 1200).id());
        assertThat(authorized.status()).isEqualTo("authorized");
        assertThat(authorized.capturedAmount()).isZero();
        assertThatThrownBy(() -> refund(authorized.id(), 100)).satisfies(e -> assertThat(code(e)).isEqualTo("payment_not_refundable"));
        PaymentView captured = tenantScope.call(tenant, () -> payments.capture(authorized.id()));
        assertThat(captured.status()).isEqualTo("succeeded");
        assertThat(captured.capturedAmount()).isEqualTo(1200);
        assertThat(tenantScope.call(tenant, () -> payments.capture(authorized.id())).status()).isEqualTo("succeeded");
        assertThat(events.of(authorized.id())).hasSize(2).satisfiesExactly(
                first -> assertThat(first).isInstanceOf(PaymentEvent.Authorized.class),
                second -> assertThat(second).isInstanceOf(PaymentEvent.Succeeded.class));
        assertThatThrownBy(() -> tenantScope.call(tenant, () -> payments.cancel(authorized.id())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("payment_not_cancelable"));

        PaymentView voided = tenantScope.call(tenant, () -> payments.cancel(process(start(tenant, "pm_card_visa", 300).id()).id()));
        assertThat(voided.status()).isEqualTo("canceled");
        assertThat(events.of(voided.id()).getLast()).isInstanceOf(PaymentEvent.Canceled.class);

        PaymentView neverSent = start(tenant, "pm_card_visa", 300);
        assertThat(tenantScope.call(tenant, () -> payments.cancel(neverSent.id())).status()).isEqualTo("canceled");
        assertThat(tenantScope.call(tenant, () -> payments.cancel(neverSent.id())).status()).isEqualTo("canceled");
        assertThat(process(neverSent.id()).status()).isEqualTo("canceled");
        assertThat(gatewayCalls(neverSent.id())).isZero();
        assertThat(events.of(neverSent.id())).singleElement().isInstanceOf(PaymentEvent.Canceled.class);
    }

    @Test
    void reconciliationResolvesPaymentsLeftProcessingAndGivesUpOnOldOnes() {
        // A process that died after claiming the payment and before recording anything.
        PaymentView stuck = start(tenant, "pm_card_visa", 900);
        PaymentView ancient = start(tenant, "pm_card_visa", 900);
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
            jdbc.sql("update payments set status = 'processing', claimed_until = now() - interval '1 minute', "
                    + "updated_at = now() - interval '2 hours' where id = :id").param("id", stuck.id()).update();
            jdbc.sql("update payments set status = 'processing', updated_at = now() - interval '2 hours', "
                    + "created_at = now() - interval '25 hours' where id = :id").param("id", ancient.id()).update();
        }));
        assertThat(payments.reconcile()).isGreaterThanOrEqualTo(2);
        PaymentView resolved = tenantScope.call(tenant, () -> queries.get(stuck.id()));
        assertThat(resolved.status()).isEqualTo("succeeded");
        assertThat(events.of(stuck.id())).singleElement().isInstanceOf(PaymentEvent.Succeeded.class);
        PaymentView gaveUp = tenantScope.call(tenant, () -> queries.get(ancient.id()));
        assertThat(gaveUp.status()).isEqualTo("failed");
        assertThat(gaveUp.failureCode()).isEqualTo("reconciliation_timeout");
        assertThat(events.of(ancient.id())).singleElement().isInstanceOf(PaymentEvent.Failed.class);
        // Resolved: the next run leaves them alone.
        payments.reconcile();
        assertThat(events.of(stuck.id())).hasSize(1);
        assertThat(gatewayCalls(stuck.id())).isEqualTo(1);
    }

    @Test
    void reconciliationAsksTheGatewayAboutPaymentsLongWaitingForTheirCustomer() {
        PaymentView completed = process(start(tenant, "pm_card_authenticationRequired", 1200).id());
        PaymentView abandoned = process(start(tenant, "pm_card_authenticationRequired", 1300).id());
        PaymentView ancient = process(start(tenant, "pm_card_authenticationRequired", 1400).id());
        PaymentView recent = process(start(tenant, "pm_card_authenticationRequired", 1500).id());
        // The customer passed 3-D Secure at the provider, but its webhook never came.
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status ->
                assertThat(testGateway.authenticate(completed.id(), true, false)).isPresent()));
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status -> {
            for (PaymentView aged : List.of(completed, abandoned, ancient)) {
                jdbc.sql("update payments set updated_at = now() - interval '11 minutes' where id = :id")
                        .param("id", aged.id()).update();
            }
            jdbc.sql("update payments set created_at = now() - interval '25 hours' where id = :id")
                    .param("id", ancient.id()).update();
        }));

        assertThat(payments.reconcile()).isGreaterThanOrEqualTo(3);
        assertThat(status(completed.id())).isEqualTo("succeeded");
        assertThat(events.of(completed.id())).hasSize(2).last().isInstanceOf(PaymentEvent.Succeeded.class);
        assertThat(status(abandoned.id())).as("still waiting: left for the order's expiry").isEqualTo("requires_action");
        assertThat(events.of(abandoned.id())).hasSize(1);
        assertThat(status(ancient.id())).as("waited past give-up-after: voided").isEqualTo("canceled");
        assertThat(events.of(ancient.id())).hasSize(2).last().isInstanceOf(PaymentEvent.Canceled.class);
        assertThat(status(recent.id())).isEqualTo("requires_action");
        assertThat(events.of(recent.id())).hasSize(1);
        // The one still waiting was looked at: the next run leaves it until another period has passed.
        Boolean touched = tenantScope.call(tenant, () -> transaction.execute(status -> jdbc.sql(
                        "select updated_at > now() - interval '1 minute' from payments where id = :id")
                .param("id", abandoned.id()).query(Boolean.class).single()));
        assertThat(touched).isTrue();
    }

    @Test
    void aRefusedVoidRecordsWhatTheGatewaySaysInsteadOfFailingThePayment() {
        PaymentView waiting = process(start(tenant, "pm_card_authenticationRequired", 1600).id());
        // The customer completes 3-D Secure just before the void: the gateway refuses to void a captured payment.
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status ->
                assertThat(testGateway.authenticate(waiting.id(), true, false)).isPresent()));
        PaymentView after = tenantScope.call(tenant, () -> payments.cancel(waiting.id()));
        assertThat(after.status()).isEqualTo("succeeded");
        assertThat(after.capturedAmount()).isEqualTo(1600);
        assertThat(events.of(waiting.id())).hasSize(2).last().isInstanceOf(PaymentEvent.Succeeded.class);
    }

    private String status(UUID paymentId) {
        return tenantScope.call(tenant, () -> queries.get(paymentId)).status();
    }

    @Test
    void anotherShopsPaymentIsNotFound() {
        PaymentView mine = process(start(tenant, "pm_card_visa", 100).id());
        UUID other = UUID.fromString(api.createShop(api.person("stranger"), "pay-b").id());
        assertThatThrownBy(() -> tenantScope.call(other, () -> queries.get(mine.id())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("payment_not_found"));
        assertThat(tenantScope.call(other, () -> queries.forOrders(List.of(mine.orderId()))))
                .isEqualTo(Map.of(mine.orderId(), List.of()));
        assertThatThrownBy(() -> tenantScope.call(other, () -> transaction.execute(status -> payments.refund(mine.id(), 10, null))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("payment_not_found"));
        assertThatThrownBy(() -> tenantScope.call(other, () -> payments.process(mine.id())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("payment_not_found"));
        assertThat(tenantScope.call(tenant, () -> queries.forOrders(List.of(mine.orderId()))).get(mine.orderId()))
                .extracting(PaymentView::id).containsExactly(mine.id());
    }

    @Test
    void theStorefrontSeesTheShopsGateways() {
        JsonNode gateways = api.ok(api.call("GET", shop.path("/payment-gateways"), null, null), 200);
        assertThat(gateways.get("data")).extracting(node -> node.get("name").asString()).containsExactly("test");
    }

    private static <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return work.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
