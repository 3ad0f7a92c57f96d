package dev.bazaar.payments.domain;

import dev.bazaar.payments.PaymentEvent;
import dev.bazaar.payments.domain.PaymentRepository.PaymentRow;
import dev.bazaar.payments.domain.RefundRepository.RefundRow;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.RefundResult;
import dev.bazaar.platform.Money;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one place where gateway outcomes become status changes: on the locked row, a transition the status allows is
 * written and its {@link PaymentEvent} published in the same transaction; staying in the same status publishes nothing
 * (a repeated webhook, a second process), and a transition the status refuses (a late "failed" after "succeeded") is
 * logged and ignored.
 */
@Component
public class PaymentRecorder {

    private static final Logger log = LoggerFactory.getLogger(PaymentRecorder.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    PaymentRecorder(PaymentRepository payments, RefundRepository refunds, ApplicationEventPublisher publisher, Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The status a result moves a payment to; an unknown outcome leaves it processing. */
    public static PaymentStatus statusOf(GatewayResult result) {
        return switch (result) {
            case GatewayResult.Succeeded s -> PaymentStatus.SUCCEEDED;
            case GatewayResult.Authorized a -> PaymentStatus.AUTHORIZED;
            case GatewayResult.RequiresAction r -> PaymentStatus.REQUIRES_ACTION;
            case GatewayResult.Failed f -> PaymentStatus.FAILED;
            case GatewayResult.Canceled c -> PaymentStatus.CANCELED;
            case GatewayResult.Unknown u -> PaymentStatus.PROCESSING;
        };
    }

    /** Applies the outcome to the payment, which the caller has locked ({@link PaymentRepository#lock}) in this transaction. */
    public PaymentRow record(PaymentRow locked, GatewayResult result) {
        requireTransaction();
        PaymentStatus target = statusOf(result);
        if (result instanceof GatewayResult.Unknown unknown) {
            if (locked.status() == PaymentStatus.PENDING || locked.status() == PaymentStatus.PROCESSING) {
                log.info("Payment {} outcome unknown ({}); left for a retry or reconciliation", locked.id(), unknown.reason());
                return payments.release(locked.tenantId(), locked.id(), unknown.reference());
            }
            return locked.claimedUntil() == null ? locked : payments.release(locked.tenantId(), locked.id(), unknown.reference());
        }
        if (!locked.status().canMoveTo(target)) {
            log.warn("Payment {} is {}; ignoring a gateway outcome of {}", locked.id(), locked.status().code(), target.code());
            return locked.claimedUntil() == null ? locked : payments.release(locked.tenantId(), locked.id(), null);
        }
        if (locked.status() == target) {
            return locked.claimedUntil() == null ? locked : payments.release(locked.tenantId(), locked.id(), result.reference());
        }
        long captured = target == PaymentStatus.SUCCEEDED ? locked.amount() : locked.capturedAmount();
        PaymentRow after = payments.transition(locked.tenantId(), locked.id(), target, result, captured);
        publisher.publishEvent(event(after, result, clock.instant()));
        return after;
    }

    /**
     * Applies a refund's outcome; the caller has locked its payment and then the refund in this transaction. Only a
     * pending refund changes: a succeeded one adds to the payment's refunded amount.
     */
    public void recordRefund(PaymentRow payment, RefundRow refund, RefundResult result) {
        requireTransaction();
        if (!refund.status().equals("pending")) {
            boolean agrees = refund.status().equals("succeeded") == (result instanceof RefundResult.Succeeded);
            if (!agrees && !(result instanceof RefundResult.Unknown)) {
                log.warn("Refund {} is {}; ignoring a gateway outcome of {}", refund.id(), refund.status(),
                        result.getClass().getSimpleName());
            }
            return;
        }
        Instant at = clock.instant();
        Money amount = new Money(refund.amount(), refund.currency());
        switch (result) {
            case RefundResult.Succeeded s -> {
                refunds.resolve(payment.tenantId(), refund.id(), "succeeded", s.reference(), null);
                payments.addRefunded(payment.tenantId(), payment.id(), refund.amount());
                publisher.publishEvent(new PaymentEvent.Refunded(payment.tenantId(), payment.id(), payment.orderId(),
                        refund.id(), amount, payment.refundedAmount() + refund.amount(), at));
            }
            case RefundResult.Failed f -> {
                refunds.resolve(payment.tenantId(), refund.id(), "failed", f.reference(), f.code());
                publisher.publishEvent(new PaymentEvent.RefundFailed(payment.tenantId(), payment.id(), payment.orderId(),
                        refund.id(), amount, f.code(), at));
            }
            case RefundResult.Unknown u -> {
                log.info("Refund {} outcome unknown ({}); left for a retry or reconciliation", refund.id(), u.reason());
                refunds.resolve(payment.tenantId(), refund.id(), "pending", u.reference(), null);
            }
        }
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outcomes are recorded in the transaction that locked the payment");
        }
    }

    private static PaymentEvent event(PaymentRow payment, GatewayResult result, Instant at) {
        Money amount = new Money(payment.amount(), payment.currency());
        return switch (result) {
            case GatewayResult.Succeeded s -> new PaymentEvent.Succeeded(payment.tenantId(), payment.id(), payment.orderId(),
                    new Money(payment.capturedAmount(), payment.currency()), at);
            case GatewayResult.Authorized a -> new PaymentEvent.Authorized(payment.tenantId(), payment.id(), payment.orderId(),
                    amount, at);
            case GatewayResult.RequiresAction r -> new PaymentEvent.RequiresAction(payment.tenantId(), payment.id(),
                    payment.orderId(), at);
            case GatewayResult.Failed f -> new PaymentEvent.Failed(payment.tenantId(), payment.id(), payment.orderId(),
                    f.code(), f.message(), at);
            case GatewayResult.Canceled c -> new PaymentEvent.Canceled(payment.tenantId(), payment.id(), payment.orderId(), at);
            case GatewayResult.Unknown u -> throw new IllegalArgumentException("an unknown outcome changes no status");
        };
    }
}
