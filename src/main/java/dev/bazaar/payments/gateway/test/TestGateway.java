package dev.bazaar.payments.gateway.test;

import dev.bazaar.payments.gateway.ChargeRequest;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.PaymentGateway;
import dev.bazaar.payments.gateway.PaymentsProperties;
import dev.bazaar.payments.gateway.RefundRequest;
import dev.bazaar.payments.gateway.RefundResult;
import dev.bazaar.payments.gateway.WebhookNotification;
import dev.bazaar.platform.TenantContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in gateway for development and tests ({@code bazaar.payments.test-gateway-enabled}, off in {@code prod}).
 * Stripe's test payment-method ids decide the outcome, so that clients code once for both: {@code pm_card_visa} and
 * {@code pm_card_mastercard} succeed (or are authorised, with manual capture), {@code pm_card_chargeDeclined} fails
 * with {@code card_declined}, {@code pm_card_chargeDeclinedInsufficientFunds} with {@code insufficient_funds},
 * {@code pm_card_authenticationRequired} requires action (completed through the test-authentication endpoint), and any
 * other id fails with {@code invalid_payment_method}. Refunds succeed. Each operation is kept under its idempotency key
 * in {@code payment_test_gateway_operations}: a repeat replays the first outcome, as Stripe does.
 */
@Component
public class TestGateway implements PaymentGateway {

    public static final String NAME = "test";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PaymentsProperties properties;

    TestGateway(JdbcClient jdbc, PlatformTransactionManager transactionManager, PaymentsProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    /** What {@link #createPayment} decides for a payment method (before authentication, for requires_action). */
    record Decision(String outcome, @Nullable String failureCode) {}

    static Decision decide(String paymentMethod, boolean manualCapture) {
        return switch (paymentMethod) {
            case "pm_card_visa", "pm_card_mastercard" -> new Decision(manualCapture ? "authorized" : "succeeded", null);
            case "pm_card_chargeDeclined" -> new Decision("failed", "card_declined");
            case "pm_card_chargeDeclinedInsufficientFunds" -> new Decision("failed", "insufficient_funds");
            case "pm_card_authenticationRequired" -> new Decision("requires_action", null);
            default -> new Decision("failed", "invalid_payment_method");
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isAvailable() {
        return properties.testGatewayEnabled();
    }

    @Override
    public GatewayResult createPayment(ChargeRequest request) {
        Decision decision = decide(request.paymentMethod(), request.manualCapture());
        Operation operation = transactions.execute(status -> jdbc.sql("""
                        insert into payment_test_gateway_operations as o (tenant_id, idempotency_key, operation, payment_id,
                            outcome, failure_code, amount)
                        values (:tenant, :key, 'create', :payment, :outcome, :code, :amount)
                        on conflict (tenant_id, idempotency_key) do update set calls = o.calls + 1, updated_at = now()
                        returning outcome, failure_code""")
                .param("tenant", request.tenantId()).param("key", request.idempotencyKey())
                .param("payment", request.paymentId()).param("outcome", decision.outcome())
                .param("code", decision.failureCode()).param("amount", request.amount().amount())
                .query(TestGateway::operation).single());
        return result(request.paymentId(), operation);
    }

    @Override
    public GatewayResult retrieve(PaymentRef payment) {
        return find(createKey(payment.paymentId())).map(operation -> result(payment.paymentId(), operation))
                .orElseGet(() -> new GatewayResult.Unknown(null, "no such test payment"));
    }

    @Override
    public GatewayResult capture(PaymentRef payment, long amount, String idempotencyKey) {
        return transactions.execute(status -> {
            Optional<Operation> created = lockCreate(payment.paymentId());
            if (created.isEmpty() || !(created.get().outcome().equals("authorized") || created.get().outcome().equals("succeeded"))) {
                return new GatewayResult.Failed(reference(payment.paymentId()), "payment_not_capturable",
                        "This test payment is not authorised");
            }
            setOutcome(payment.paymentId(), "succeeded", null);
            return new GatewayResult.Succeeded(reference(payment.paymentId()));
        });
    }

    @Override
    public GatewayResult cancel(PaymentRef payment, String idempotencyKey) {
        return transactions.execute(status -> {
            Optional<Operation> created = lockCreate(payment.paymentId());
            if (created.isPresent() && created.get().outcome().equals("succeeded")) {
                return new GatewayResult.Failed(reference(payment.paymentId()), "payment_intent_unexpected_state",
                        "A captured test payment cannot be canceled");
            }
            if (created.isPresent()) {
                setOutcome(payment.paymentId(), "canceled", null);
            }
            return new GatewayResult.Canceled(reference(payment.paymentId()));
        });
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        insert into payment_test_gateway_operations as o (tenant_id, idempotency_key, operation, payment_id,
                            outcome, amount)
                        values (:tenant, :key, 'refund', :payment, 'succeeded', :amount)
                        on conflict (tenant_id, idempotency_key) do update set calls = o.calls + 1, updated_at = now()""")
                .param("tenant", TenantContext.requireTenantId()).param("key", request.idempotencyKey())
                .param("payment", request.payment().paymentId()).param("amount", request.amount().amount()).update());
        return new RefundResult.Succeeded(refundReference(request.refundId()));
    }

    @Override
    public RefundResult retrieveRefund(UUID refundId, String refundReference) {
        return find(refundKey(refundId)).<RefundResult>map(operation -> new RefundResult.Succeeded(refundReference))
                .orElseGet(() -> new RefundResult.Unknown(null, "no such test refund"));
    }

    @Override
    public Optional<WebhookNotification> parseWebhook(String payload, Map<String, String> headers) {
        throw new InvalidWebhookException("the test gateway takes no webhooks");
    }

    /**
     * Completes the authentication a {@code requires_action} test payment waits for, in the caller's transaction:
     * its remote state becomes succeeded (authorised with manual capture) or failed with {@code authentication_failed};
     * returns the result to record. Empty when the payment's remote state does not await authentication.
     */
    public Optional<GatewayResult> authenticate(UUID paymentId, boolean succeed, boolean manualCapture) {
        Optional<Operation> created = lockCreate(paymentId);
        if (created.isEmpty() || !created.get().outcome().equals("requires_action")) {
            return Optional.empty();
        }
        String outcome = succeed ? manualCapture ? "authorized" : "succeeded" : "failed";
        setOutcome(paymentId, outcome, succeed ? null : "authentication_failed");
        return Optional.of(result(paymentId, new Operation(outcome, succeed ? null : "authentication_failed")));
    }

    /** The idempotency keys the module derives; the test gateway finds its remote state by them. */
    public static String createKey(UUID paymentId) {
        return "bazaar-payment-" + paymentId;
    }

    public static String refundKey(UUID refundId) {
        return "bazaar-refund-" + refundId;
    }

    private record Operation(String outcome, @Nullable String failureCode) {}

    private static Operation operation(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Operation(rs.getString("outcome"), rs.getString("failure_code"));
    }

    private Optional<Operation> find(String key) {
        return transactions.execute(status -> jdbc.sql("select outcome, failure_code from payment_test_gateway_operations "
                        + "where tenant_id = :tenant and idempotency_key = :key")
                .param("tenant", TenantContext.requireTenantId()).param("key", key).query(TestGateway::operation).optional());
    }

    private Optional<Operation> lockCreate(UUID paymentId) {
        return jdbc.sql("select outcome, failure_code from payment_test_gateway_operations where tenant_id = :tenant "
                        + "and idempotency_key = :key for update")
                .param("tenant", TenantContext.requireTenantId()).param("key", createKey(paymentId))
                .query(TestGateway::operation).optional();
    }

    private void setOutcome(UUID paymentId, String outcome, @Nullable String failureCode) {
        jdbc.sql("update payment_test_gateway_operations set outcome = :outcome, failure_code = :code, updated_at = now() "
                        + "where tenant_id = :tenant and idempotency_key = :key")
                .param("tenant", TenantContext.requireTenantId()).param("key", createKey(paymentId))
                .param("outcome", outcome).param("code", failureCode).update();
    }

    private static String reference(UUID paymentId) {
        return "tpi_" + paymentId.toString().replace("-", "");
    }

    private static String refundReference(UUID refundId) {
        return "tre_" + refundId.toString().replace("-", "");
    }

    private static GatewayResult result(UUID paymentId, Operation operation) {
        String reference = reference(paymentId);
        return switch (operation.outcome()) {
            case "succeeded" -> new GatewayResult.Succeeded(reference);
            case "authorized" -> new GatewayResult.Authorized(reference);
            case "requires_action" -> new GatewayResult.RequiresAction(reference, "test_authentication",
                    "/api/v1/shops/" + TenantContext.requireTenantId() + "/payments/" + paymentId
                    + "/test-authentication", null);
            case "canceled" -> new GatewayResult.Canceled(reference);
            default -> new GatewayResult.Failed(reference, operation.failureCode() == null ? "payment_failed"
                    : operation.failureCode(), message(operation.failureCode()));
        };
    }

    static String message(@Nullable String code) {
        return switch (code == null ? "" : code) {
            case "card_declined" -> "Your card was declined.";
            case "insufficient_funds" -> "Your card has insufficient funds.";
            case "authentication_failed" -> "The customer did not complete authentication.";
            case "invalid_payment_method" -> "This payment method is not one of the test gateway's.";
            default -> "The payment failed.";
        };
    }
}
