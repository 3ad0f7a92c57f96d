package dev.bazaar.payments;

import dev.bazaar.payments.domain.GatewaySettingsRepository;
import dev.bazaar.payments.domain.PaymentRecorder;
import dev.bazaar.payments.domain.PaymentRepository;
import dev.bazaar.payments.domain.PaymentRepository.PaymentRow;
import dev.bazaar.payments.domain.PaymentStatus;
import dev.bazaar.payments.domain.RefundRepository;
import dev.bazaar.payments.domain.RefundRepository.RefundRow;
import dev.bazaar.payments.domain.Unresolved;
import dev.bazaar.payments.gateway.ChargeRequest;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.PaymentGateway;
import dev.bazaar.payments.gateway.PaymentGateway.PaymentRef;
import dev.bazaar.payments.gateway.PaymentGateways;
import dev.bazaar.payments.gateway.PaymentsProperties;
import dev.bazaar.payments.gateway.RefundRequest;
import dev.bazaar.payments.gateway.RefundResult;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments of orders (docs/PAYMENTS.md). {@link #start} and {@link #refund} record intent in the caller's transaction
 * with a durable fallback job and make no network call; {@link #process}, {@link #capture}, {@link #cancel} and
 * {@link #processRefund} call the gateway outside any transaction and record the outcome, with its
 * {@link PaymentEvent}, in a transaction of their own. Every gateway call carries an idempotency key derived from the
 * payment or refund, so that a repeat (a retry, the fallback, reconciliation) never charges or refunds twice.
 */
@Service
public class PaymentService {

    static final JobDefinition<PaymentJob> PROCESS = JobDefinition.of("payments.process", PaymentJob.class);
    static final JobDefinition<RefundJob> PROCESS_REFUND = JobDefinition.of("payments.process-refund", RefundJob.class);

    /** The fallback job's payload: process this payment if nobody has. */
    record PaymentJob(UUID paymentId) {}

    /** The fallback job's payload: process this refund if nobody has. */
    record RefundJob(UUID refundId) {}

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private static final Pattern PAYMENT_METHOD = Pattern.compile("pm_[A-Za-z0-9_]{1,200}");
    private static final int RECONCILE_BATCH = 100;

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final GatewaySettingsRepository settings;
    private final PaymentGateways gateways;
    private final PaymentRecorder recorder;
    private final PaymentQueries queries;
    private final Jobs jobs;
    private final PaymentsProperties properties;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentService(PaymentRepository payments, RefundRepository refunds, GatewaySettingsRepository settings,
                   PaymentGateways gateways, PaymentRecorder recorder, PaymentQueries queries, Jobs jobs,
                   PaymentsProperties properties, TenantScope tenantScope, PlatformTransactionManager transactionManager,
                   Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.settings = settings;
        this.gateways = gateways;
        this.recorder = recorder;
        this.queries = queries;
        this.jobs = jobs;
        this.properties = properties;
        this.tenantScope = tenantScope;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Records a pending payment of the order in the caller's transaction and enqueues its durable fallback (which
     * processes it {@code bazaar.payments.fallback-delay} later if nobody did). No network call: call {@link #process}
     * after the commit. 422 {@code payment_gateway_unavailable} when the gateway is not available to the shop; 400 for
     * a payment method that is not a {@code pm_…} id, an amount that is not positive, or an unknown currency.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentView start(StartPayment command) {
        UUID tenant = TenantContext.requireTenantId();
        PaymentGateway gateway = gateways.find(command.gateway()).filter(PaymentGateway::isAvailable)
                .orElseThrow(() -> new ApplicationException(PaymentsErrorCode.GATEWAY_UNAVAILABLE,
                        "The payment gateway '" + command.gateway() + "' is not available to this shop"));
        if (!PAYMENT_METHOD.matcher(command.paymentMethod()).matches()) {
            throw ApplicationException.invalidField("payment_method", "invalid_payment_method",
                    "must be a payment method id such as pm_card_visa");
        }
        Money amount = command.amount();
        if (amount.amount() <= 0) {
            throw ApplicationException.invalidField("amount.amount", "must_be_positive", "must be greater than 0");
        }
        try {
            Currency.getInstance(amount.currency());
        } catch (IllegalArgumentException e) {
            throw ApplicationException.invalidField("amount.currency", "unknown_currency", "is not an ISO 4217 currency code");
        }
        if (command.description().length() > 1000 || command.customerEmail() != null && command.customerEmail().length() > 320) {
            throw ApplicationException.invalidField("description", "too_long", "must be at most 1000 characters");
        }
        boolean manualCapture = settings.find(tenant, gateway.name())
                .map(GatewaySettingsRepository.SettingsRow::manualCapture).orElse(false);
        PaymentRow row = payments.insert(tenant, Ids.newId(), command.orderId(), gateway.name(), manualCapture,
                command.paymentMethod(), amount.amount(), amount.currency(), command.customerEmail(), command.description());
        jobs.enqueue(PROCESS, new PaymentJob(row.id()), clock.instant().plus(properties.fallbackDelay()));
        return Views.payment(row);
    }

    /**
     * Sends a pending payment to its gateway (or asks the gateway about one whose outcome is unknown) and records the
     * outcome with its event. Outside any transaction. Safe to call twice or concurrently: one caller claims the
     * payment; the others, and any call on a resolved payment, just get it as it now is. 404 {@code payment_not_found}.
     */
    public PaymentView process(UUID paymentId) {
        requireNoTransaction();
        UUID tenant = TenantContext.requireTenantId();
        Optional<PaymentRow> claimed = inTransaction(() -> payments.claim(tenant, paymentId, properties.claimLease()));
        if (claimed.isEmpty()) {
            return queries.get(paymentId);
        }
        PaymentRow payment = claimed.get();
        PaymentGateway gateway = gateways.require(payment.gateway());
        GatewayResult result = call(paymentId, () -> payment.providerReference() != null
                ? gateway.retrieve(ref(payment))
                : gateway.createPayment(new ChargeRequest(tenant, payment.id(), payment.orderId(),
                        new Money(payment.amount(), payment.currency()), payment.paymentMethod(), payment.manualCapture(),
                        payment.customerEmail(), payment.description(), paymentKey(payment.id()))));
        return record(tenant, paymentId, result);
    }

    /**
     * Captures an authorised payment in full (manual capture): the gateway call outside any transaction, the outcome
     * and its event in one. A captured payment is returned as it is; 422 {@code payment_not_capturable} otherwise.
     * An unknown outcome leaves it authorised: capture again (the same idempotency key).
     */
    public PaymentView capture(UUID paymentId) {
        requireNoTransaction();
        UUID tenant = TenantContext.requireTenantId();
        PaymentRow payment = inTransaction(() -> payments.find(tenant, paymentId).orElseThrow(Views::paymentNotFound));
        if (payment.status() == PaymentStatus.SUCCEEDED) {
            return Views.payment(payment);
        }
        if (payment.status() != PaymentStatus.AUTHORIZED) {
            throw new ApplicationException(PaymentsErrorCode.NOT_CAPTURABLE, "Only an authorised payment can be captured");
        }
        GatewayResult result = call(paymentId, () -> gateways.require(payment.gateway())
                .capture(ref(payment), payment.amount(), "bazaar-capture-" + paymentId));
        return record(tenant, paymentId, result);
    }

    /**
     * Voids a payment that is pending, requires action or is authorised (a pending one that was never sent needs no
     * gateway call); a failed or canceled one is returned as it is; 422 {@code payment_not_cancelable} for a captured
     * one, or one whose gateway call is in flight (try again shortly). Outside any transaction.
     */
    public PaymentView cancel(UUID paymentId) {
        requireNoTransaction();
        UUID tenant = TenantContext.requireTenantId();
        PaymentRow payment = inTransaction(() -> {
            PaymentRow locked = payments.lock(tenant, paymentId).orElseThrow(Views::paymentNotFound);
            return switch (locked.status()) {
                case SUCCEEDED -> throw new ApplicationException(PaymentsErrorCode.NOT_CANCELABLE,
                        "A captured payment cannot be canceled; refund it");
                case PROCESSING -> throw new ApplicationException(PaymentsErrorCode.NOT_CANCELABLE,
                        "The payment is being processed; try again shortly");
                case PENDING -> recorder.record(locked, new GatewayResult.Canceled(null));
                default -> locked;
            };
        });
        if (payment.status() != PaymentStatus.REQUIRES_ACTION && payment.status() != PaymentStatus.AUTHORIZED) {
            return Views.payment(payment);
        }
        PaymentGateway gateway = gateways.require(payment.gateway());
        GatewayResult result = call(paymentId, () -> gateway.cancel(ref(payment), "bazaar-cancel-" + paymentId));
        if (result instanceof GatewayResult.Failed refused) {
            // The void was refused (the customer completed 3-D Secure meanwhile: the money is taken): the payment did
            // not fail. Record what the gateway says it is instead.
            log.info("Voiding payment {} was refused ({}); asking the gateway for its state", paymentId, refused.code());
            result = call(paymentId, () -> gateway.retrieve(ref(payment)));
        }
        return record(tenant, paymentId, result);
    }

    /**
     * Records a pending refund of {@code amount} in the caller's transaction, with its durable fallback; no network call
     * (call {@link #processRefund} after the commit). The payment is locked, so that concurrent refunds never together
     * exceed it: 422 {@code refund_exceeds_captured} when the amount is more than the captured amount less what is
     * refunded or pending; 422 {@code payment_not_refundable} when the payment is not succeeded; 400 for an amount
     * that is not positive.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RefundView refund(UUID paymentId, long amount, @Nullable String reason) {
        UUID tenant = TenantContext.requireTenantId();
        if (amount <= 0) {
            throw ApplicationException.invalidField("amount", "must_be_positive", "must be greater than 0");
        }
        if (reason != null && reason.length() > 500) {
            throw ApplicationException.invalidField("reason", "too_long", "must be at most 500 characters");
        }
        PaymentRow payment = payments.lock(tenant, paymentId).orElseThrow(Views::paymentNotFound);
        if (payment.status() != PaymentStatus.SUCCEEDED) {
            throw new ApplicationException(PaymentsErrorCode.NOT_REFUNDABLE, "Only a captured payment can be refunded");
        }
        long left = payment.capturedAmount() - payment.refundedAmount() - refunds.pendingTotal(tenant, paymentId);
        if (amount > left) {
            throw new ApplicationException(PaymentsErrorCode.REFUND_EXCEEDS_CAPTURED, "At most " + left + " is left to refund",
                    List.of(), java.util.Map.of("refundable_amount", left));
        }
        UUID id = Ids.newId();
        refunds.insert(tenant, id, paymentId, amount, reason);
        jobs.enqueue(PROCESS_REFUND, new RefundJob(id), clock.instant().plus(properties.fallbackDelay()));
        return queries.getRefund(id);
    }

    /**
     * Sends a pending refund to the gateway (or asks about one whose outcome is unknown) and records the outcome with
     * {@link PaymentEvent.Refunded} or {@link PaymentEvent.RefundFailed}. Outside any transaction; safe to repeat.
     */
    public RefundView processRefund(UUID refundId) {
        requireNoTransaction();
        UUID tenant = TenantContext.requireTenantId();
        Optional<RefundRow> claimed = inTransaction(() -> refunds.claim(tenant, refundId, properties.claimLease())
                ? refunds.find(tenant, refundId) : Optional.<RefundRow>empty());
        if (claimed.isEmpty()) {
            return queries.getRefund(refundId);
        }
        RefundRow refund = claimed.get();
        PaymentRow payment = inTransaction(() -> payments.find(tenant, refund.paymentId()).orElseThrow(Views::paymentNotFound));
        PaymentGateway gateway = gateways.require(payment.gateway());
        RefundResult result;
        try {
            result = refund.providerReference() != null ? gateway.retrieveRefund(refundId, refund.providerReference())
                    : gateway.refund(new RefundRequest(refundId, ref(payment), new Money(refund.amount(), refund.currency()),
                            refund.reason(), refundKey(refundId)));
        } catch (RuntimeException e) {
            log.warn("Refund {} gateway call failed; outcome unknown", refundId, e);
            result = new RefundResult.Unknown(null, e.getClass().getSimpleName());
        }
        RefundResult outcome = result;
        inTransaction(() -> {
            PaymentRow locked = payments.lock(tenant, refund.paymentId()).orElseThrow(Views::paymentNotFound);
            recorder.recordRefund(locked, refunds.lock(tenant, refundId).orElseThrow(Views::refundNotFound), outcome);
            return null;
        });
        return queries.getRefund(refundId);
    }

    /**
     * The recurring reconciliation, in every shop: payments and refunds left pending (their fallback lost) or with an
     * unknown outcome for {@code bazaar.payments.reconcile-after} are processed again (the same idempotency key, or a
     * look-up at the gateway); those without an answer for {@code bazaar.payments.give-up-after} fail with
     * {@code reconciliation_timeout}. Payments waiting for the customer's action (3-D Secure) untouched for
     * {@code bazaar.payments.requires-action-after} are looked up at the gateway (a completion whose webhook was lost);
     * one still waiting after {@code give-up-after} is voided. Bounded per run; returns how many it took up.
     */
    int reconcile() {
        Instant now = clock.instant();
        Instant before = now.minus(properties.reconcileAfter());
        Instant giveUpBefore = now.minus(properties.giveUpAfter());
        List<Unresolved> due = tenantScope.system("reconcile unresolved payments of every shop",
                () -> inTransaction(() -> payments.unresolved(before, RECONCILE_BATCH)));
        reconcileEach("payment", due, giveUpBefore, this::giveUp, this::process);
        List<Unresolved> dueRefunds = tenantScope.system("reconcile unresolved refunds of every shop",
                () -> inTransaction(() -> refunds.unresolved(before, RECONCILE_BATCH)));
        reconcileEach("refund", dueRefunds, giveUpBefore, this::giveUpRefund, this::processRefund);
        List<Unresolved> waiting = tenantScope.system("reconcile payments waiting for their customer in every shop",
                () -> inTransaction(() -> payments.awaitingAction(now.minus(properties.requiresActionAfter()),
                        RECONCILE_BATCH)));
        reconcileEach("payment awaiting action", waiting, giveUpBefore, (tenant, id) -> lookUp(tenant, id, true),
                id -> lookUp(TenantContext.requireTenantId(), id, false));
        return due.size() + dueRefunds.size() + waiting.size();
    }

    /**
     * Asks the gateway about a payment waiting for its customer and records what it says; one still waiting is left
     * alone until the next period ({@link PaymentRepository#touch}), or voided when {@code giveUp}.
     */
    private void lookUp(UUID tenant, UUID paymentId, boolean giveUp) {
        PaymentRow payment = inTransaction(() -> payments.find(tenant, paymentId).orElseThrow(Views::paymentNotFound));
        if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
            return;
        }
        GatewayResult result = call(paymentId, () -> gateways.require(payment.gateway()).retrieve(ref(payment)));
        boolean stillWaiting = result instanceof GatewayResult.RequiresAction || result instanceof GatewayResult.Unknown;
        if (!stillWaiting) {
            record(tenant, paymentId, result);
        } else if (giveUp) {
            log.warn("Payment {} waited for its customer for over {}; voiding it", paymentId, properties.giveUpAfter());
            cancel(paymentId);
        } else {
            inTransaction(() -> {
                payments.touch(tenant, paymentId);
                return null;
            });
        }
    }

    private void reconcileEach(String kind, List<Unresolved> due, Instant giveUpBefore, BiConsumer<UUID, UUID> giveUp,
                               Consumer<UUID> process) {
        for (Unresolved item : due) {
            try {
                tenantScope.run(item.tenantId(), () -> {
                    if (item.createdAt().isBefore(giveUpBefore)) {
                        giveUp.accept(item.tenantId(), item.id());
                    } else {
                        process.accept(item.id());
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Reconciling {} {} failed", kind, item.id(), e);
            }
        }
    }

    private void giveUp(UUID tenant, UUID paymentId) {
        inTransaction(() -> payments.lock(tenant, paymentId)
                .filter(locked -> locked.status() == PaymentStatus.PENDING || locked.status() == PaymentStatus.PROCESSING)
                .map(locked -> {
                    log.warn("Payment {} had no outcome after {}; failing it", paymentId, properties.giveUpAfter());
                    return recorder.record(locked, new GatewayResult.Failed(null, "reconciliation_timeout",
                            "The gateway gave no outcome in time"));
                }));
    }

    private void giveUpRefund(UUID tenant, UUID refundId) {
        inTransaction(() -> {
            RefundRow refund = refunds.find(tenant, refundId).orElseThrow(Views::refundNotFound);
            PaymentRow payment = payments.lock(tenant, refund.paymentId()).orElseThrow(Views::paymentNotFound);
            log.warn("Refund {} had no outcome after {}; failing it", refundId, properties.giveUpAfter());
            recorder.recordRefund(payment, refunds.lock(tenant, refundId).orElseThrow(Views::refundNotFound),
                    new RefundResult.Failed(null, "reconciliation_timeout"));
            return null;
        });
    }

    private PaymentView record(UUID tenant, UUID paymentId, GatewayResult result) {
        return Views.payment(inTransaction(() -> recorder.record(
                payments.lock(tenant, paymentId).orElseThrow(Views::paymentNotFound), result)));
    }

    private static GatewayResult call(UUID paymentId, Supplier<GatewayResult> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            log.warn("Payment {} gateway call failed; outcome unknown", paymentId, e);
            return new GatewayResult.Unknown(null, e.getClass().getSimpleName());
        }
    }

    private static PaymentRef ref(PaymentRow payment) {
        return new PaymentRef(payment.id(), payment.orderId(), payment.providerReference() == null ? ""
                : payment.providerReference());
    }

    /** The idempotency key of a payment's creation: the same for every attempt, so that a repeat never charges twice. */
    static String paymentKey(UUID paymentId) {
        return "bazaar-payment-" + paymentId;
    }

    static String refundKey(UUID refundId) {
        return "bazaar-refund-" + refundId;
    }

    /** Row-level security shows the tenant's rows only inside a transaction. */
    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static void requireNoTransaction() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("call this after the transaction commits: it calls the payment gateway");
        }
    }
}
