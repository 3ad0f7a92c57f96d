package dev.bazaar.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.ordering.domain.OrderStates.PaymentStatus;
import dev.bazaar.ordering.domain.OrderStates.Status;
import org.junit.jupiter.api.Test;

class OrderStatesTest {

    @Test
    void ordersMoveForwardOnlyAndCancelBeforeShipping() {
        assertThat(OrderStates.canBecome(Status.PENDING_PAYMENT, Status.PAID)).isTrue();
        assertThat(OrderStates.canBecome(Status.PAID, Status.PARTIALLY_FULFILLED)).isTrue();
        assertThat(OrderStates.canBecome(Status.PARTIALLY_FULFILLED, Status.FULFILLED)).isTrue();
        assertThat(OrderStates.canBecome(Status.PENDING_PAYMENT, Status.FULFILLED)).as("unpaid never ships").isFalse();
        assertThat(OrderStates.canBecome(Status.FULFILLED, Status.PAID)).isFalse();
        assertThat(OrderStates.canBecome(Status.CANCELED, Status.PAID)).isFalse();
        assertThat(OrderStates.isCancelable(Status.PENDING_PAYMENT)).isTrue();
        assertThat(OrderStates.isCancelable(Status.PAID)).isTrue();
        assertThat(OrderStates.isCancelable(Status.PARTIALLY_FULFILLED)).isFalse();
        assertThat(OrderStates.isCancelable(Status.FULFILLED)).isFalse();
        assertThat(OrderStates.isCancelable(Status.CANCELED)).isFalse();
        assertThat(OrderStates.isFulfillable(Status.PENDING_PAYMENT)).isFalse();
        assertThat(OrderStates.afterFulfillment(0)).isEqualTo(Status.FULFILLED);
        assertThat(OrderStates.afterFulfillment(2)).isEqualTo(Status.PARTIALLY_FULFILLED);
    }

    @Test
    void paymentsSettleOnceAndRefundUpToWhatWasCaptured() {
        assertThat(OrderStates.canBecome(PaymentStatus.PENDING, PaymentStatus.PAID)).isTrue();
        assertThat(OrderStates.canBecome(PaymentStatus.FAILED, PaymentStatus.PENDING)).as("a retry").isTrue();
        assertThat(OrderStates.canBecome(PaymentStatus.PAID, PaymentStatus.FAILED)).as("a late failure").isFalse();
        assertThat(OrderStates.canBecome(PaymentStatus.REFUNDED, PaymentStatus.PARTIALLY_REFUNDED)).isFalse();
        assertThat(OrderStates.canBecome(PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED)).isTrue();
        assertThat(OrderStates.canBecome(PaymentStatus.PAID, PaymentStatus.VOIDED)).as("captured money is refunded").isFalse();
        assertThat(OrderStates.afterRefund(1000, 400)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(OrderStates.afterRefund(1000, 1000)).isEqualTo(PaymentStatus.REFUNDED);
        for (Status status : Status.values()) {
            assertThat(Status.of(status.code())).isEqualTo(status);
        }
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentStatus.of(status.code())).isEqualTo(status);
            assertThat(OrderStates.canBecome(status, status)).as("%s to itself", status)
                    .isEqualTo(status == PaymentStatus.PARTIALLY_REFUNDED);
        }
    }
}
