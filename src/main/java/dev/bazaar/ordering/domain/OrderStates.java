package dev.bazaar.ordering.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The order's two state machines, explicit and pure. The order: {@code pending_payment → paid → partially_fulfilled →
 * fulfilled}, and {@code canceled} from pending_payment or paid (nothing fulfilled yet). Its payment: {@code pending →
 * requires_action | authorized | paid | failed}, a failed payment may be retried ({@code failed → pending}), an
 * authorized one captured ({@code paid}) or voided, and a paid one refunded in part or in full.
 */
public final class OrderStates {

    private OrderStates() {}

    public enum Status {
        PENDING_PAYMENT, PAID, PARTIALLY_FULFILLED, FULFILLED, CANCELED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public enum PaymentStatus {
        PENDING, REQUIRES_ACTION, AUTHORIZED, PAID, PARTIALLY_REFUNDED, REFUNDED, FAILED, VOIDED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static PaymentStatus of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    private static final Map<Status, Set<Status>> ORDER = Map.of(
            Status.PENDING_PAYMENT, EnumSet.of(Status.PAID, Status.CANCELED),
            Status.PAID, EnumSet.of(Status.PARTIALLY_FULFILLED, Status.FULFILLED, Status.CANCELED),
            Status.PARTIALLY_FULFILLED, EnumSet.of(Status.PARTIALLY_FULFILLED, Status.FULFILLED),
            Status.FULFILLED, EnumSet.noneOf(Status.class),
            Status.CANCELED, EnumSet.noneOf(Status.class));

    private static final Map<PaymentStatus, Set<PaymentStatus>> PAYMENT = Map.of(
            PaymentStatus.PENDING, EnumSet.of(PaymentStatus.REQUIRES_ACTION, PaymentStatus.AUTHORIZED, PaymentStatus.PAID,
                    PaymentStatus.FAILED, PaymentStatus.VOIDED),
            PaymentStatus.REQUIRES_ACTION, EnumSet.of(PaymentStatus.AUTHORIZED, PaymentStatus.PAID, PaymentStatus.FAILED,
                    PaymentStatus.VOIDED),
            PaymentStatus.AUTHORIZED, EnumSet.of(PaymentStatus.PAID, PaymentStatus.VOIDED),
            PaymentStatus.PAID, EnumSet.of(PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED),
            PaymentStatus.PARTIALLY_REFUNDED, EnumSet.of(PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED),
            PaymentStatus.REFUNDED, EnumSet.noneOf(PaymentStatus.class),
            PaymentStatus.FAILED, EnumSet.of(PaymentStatus.PENDING, PaymentStatus.VOIDED),
            PaymentStatus.VOIDED, EnumSet.noneOf(PaymentStatus.class));

    public static boolean canBecome(Status from, Status to) {
        return ORDER.get(from).contains(to);
    }

    public static boolean canBecome(PaymentStatus from, PaymentStatus to) {
        return PAYMENT.get(from).contains(to);
    }

    /** Cancelable: nothing shipped yet, not already canceled. */
    public static boolean isCancelable(Status status) {
        return canBecome(status, Status.CANCELED);
    }

    /** Fulfillable: paid, with units left to ship. */
    public static boolean isFulfillable(Status status) {
        return status == Status.PAID || status == Status.PARTIALLY_FULFILLED;
    }

    /** The order's status after a fulfillment: fulfilled when no unit is left to ship. */
    public static Status afterFulfillment(long unitsLeft) {
        return unitsLeft == 0 ? Status.FULFILLED : Status.PARTIALLY_FULFILLED;
    }

    /** The payment status after refunds: refunded when everything captured was refunded. */
    public static PaymentStatus afterRefund(long captured, long refunded) {
        return refunded >= captured ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    }
}
