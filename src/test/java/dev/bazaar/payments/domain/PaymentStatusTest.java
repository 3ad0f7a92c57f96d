package dev.bazaar.payments.domain;

import static dev.bazaar.payments.domain.PaymentStatus.AUTHORIZED;
import static dev.bazaar.payments.domain.PaymentStatus.CANCELED;
import static dev.bazaar.payments.domain.PaymentStatus.FAILED;
import static dev.bazaar.payments.domain.PaymentStatus.PENDING;
import static dev.bazaar.payments.domain.PaymentStatus.PROCESSING;
import static dev.bazaar.payments.domain.PaymentStatus.REQUIRES_ACTION;
import static dev.bazaar.payments.domain.PaymentStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentStatusTest {

    @Test
    void finalStatusesNeverMoveOn() {
        for (PaymentStatus done : new PaymentStatus[] {SUCCEEDED, FAILED, CANCELED}) {
            assertThat(done.isFinal()).isTrue();
            for (PaymentStatus other : PaymentStatus.values()) {
                assertThat(done.canMoveTo(other)).as("%s -> %s", done, other).isEqualTo(other == done);
            }
        }
    }

    @Test
    void aLateFailureAfterSuccessIsRefused() {
        assertThat(SUCCEEDED.canMoveTo(FAILED)).isFalse();
        assertThat(SUCCEEDED.canMoveTo(PROCESSING)).isFalse();
    }

    @Test
    void anAuthorisedPaymentIsCapturedOrVoidedOnly() {
        assertThat(AUTHORIZED.canMoveTo(SUCCEEDED)).isTrue();
        assertThat(AUTHORIZED.canMoveTo(CANCELED)).isTrue();
        assertThat(AUTHORIZED.canMoveTo(FAILED)).isFalse();
        assertThat(AUTHORIZED.canMoveTo(PENDING)).isFalse();
    }

    @Test
    void openStatusesReachEveryOutcome() {
        for (PaymentStatus open : new PaymentStatus[] {PENDING, PROCESSING, REQUIRES_ACTION}) {
            assertThat(open.isFinal()).isFalse();
            assertThat(open.canMoveTo(SUCCEEDED)).isTrue();
            assertThat(open.canMoveTo(FAILED)).isTrue();
            assertThat(open.canMoveTo(CANCELED)).isTrue();
            assertThat(open.canMoveTo(AUTHORIZED)).isTrue();
            assertThat(open.canMoveTo(PENDING)).isEqualTo(open == PENDING);
        }
        assertThat(PROCESSING.canMoveTo(REQUIRES_ACTION)).isTrue();
        assertThat(REQUIRES_ACTION.canMoveTo(PROCESSING)).isTrue();
    }

    @Test
    void codesRoundTrip() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentStatus.of(status.code())).isEqualTo(status);
        }
        assertThat(REQUIRES_ACTION.code()).isEqualTo("requires_action");
    }
}
