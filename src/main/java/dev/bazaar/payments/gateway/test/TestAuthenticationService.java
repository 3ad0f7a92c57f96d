package dev.bazaar.payments.gateway.test;

import dev.bazaar.payments.PaymentsErrorCode;
import dev.bazaar.payments.domain.PaymentRecorder;
import dev.bazaar.payments.domain.PaymentRepository;
import dev.bazaar.payments.domain.PaymentRepository.PaymentRow;
import dev.bazaar.payments.domain.PaymentStatus;
import dev.bazaar.payments.gateway.PaymentsProperties;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.TenantContext;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The test gateway's stand-in for 3-D Secure: the customer passes or fails the authentication a payment waits for. */
@Service
public class TestAuthenticationService {

    private final PaymentRepository payments;
    private final TestGateway gateway;
    private final PaymentRecorder recorder;
    private final PaymentsProperties properties;

    TestAuthenticationService(PaymentRepository payments, TestGateway gateway, PaymentRecorder recorder, PaymentsProperties properties) {
        this.payments = payments;
        this.gateway = gateway;
        this.recorder = recorder;
        this.properties = properties;
    }

    /**
     * Completes the authentication: the payment succeeds (is authorised, with manual capture) or fails with
     * {@code authentication_failed}, with its event. 404 {@code payment_not_found} for a payment of another gateway
     * (or when the test gateway is off); 422 {@code payment_not_awaiting_authentication} when it does not require action.
     */
    @Transactional
    public void complete(UUID paymentId, boolean succeed) {
        PaymentRow payment = payments.lock(TenantContext.requireTenantId(), paymentId)
                .filter(row -> row.gateway().equals(TestGateway.NAME) && properties.testGatewayEnabled())
                .orElseThrow(() -> new ApplicationException(PaymentsErrorCode.PAYMENT_NOT_FOUND, "No such test payment in this shop"));
        ApplicationException notAwaiting = new ApplicationException(PaymentsErrorCode.NOT_AWAITING_AUTHENTICATION,
                "The payment is " + payment.status().code() + ", not awaiting authentication");
        if (payment.status() != PaymentStatus.REQUIRES_ACTION) {
            throw notAwaiting;
        }
        recorder.record(payment, gateway.authenticate(paymentId, succeed, payment.manualCapture()).orElseThrow(() -> notAwaiting));
    }
}
