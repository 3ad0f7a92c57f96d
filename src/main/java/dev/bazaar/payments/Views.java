package dev.bazaar.payments;

import dev.bazaar.payments.domain.PaymentRepository.PaymentRow;
import dev.bazaar.payments.domain.RefundRepository.RefundRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Money;

/** Rows to the API's read models. */
final class Views {

    private Views() {}

    static PaymentView payment(PaymentRow row) {
        PaymentView.NextAction next = row.nextActionType() == null ? null
                : new PaymentView.NextAction(row.nextActionType(), row.nextActionUrl(), row.nextActionSecret());
        return new PaymentView(row.id(), row.orderId(), row.gateway(), row.status().code(), row.paymentMethod(),
                new Money(row.amount(), row.currency()), row.capturedAmount(), row.refundedAmount(), next,
                row.failureCode(), row.failureMessage(), row.createdAt(), row.updatedAt());
    }

    static RefundView refund(RefundRow row) {
        return new RefundView(row.id(), row.paymentId(), row.orderId(), new Money(row.amount(), row.currency()),
                row.status(), row.reason(), row.failureCode(), row.createdAt(), row.updatedAt());
    }

    static ApplicationException paymentNotFound() {
        return new ApplicationException(PaymentsErrorCode.PAYMENT_NOT_FOUND, "No such payment in this shop");
    }

    static ApplicationException refundNotFound() {
        return new ApplicationException(PaymentsErrorCode.REFUND_NOT_FOUND, "No such refund in this shop");
    }
}
