package dev.bazaar.payments;

import dev.bazaar.platform.ErrorCode;

/** Payments' stable error codes. */
public enum PaymentsErrorCode implements ErrorCode {
    PAYMENT_NOT_FOUND("payment_not_found", 404, "Payment not found"),
    REFUND_NOT_FOUND("refund_not_found", 404, "Refund not found"),
    GATEWAY_UNAVAILABLE("payment_gateway_unavailable", 422, "This payment gateway is not available to the shop"),
    GATEWAY_NOT_CONFIGURED("payment_gateway_not_configured", 404, "This payment gateway is not configured"),
    NOT_CANCELABLE("payment_not_cancelable", 422, "The payment cannot be canceled"),
    NOT_CAPTURABLE("payment_not_capturable", 422, "The payment cannot be captured"),
    NOT_REFUNDABLE("payment_not_refundable", 422, "The payment cannot be refunded"),
    REFUND_EXCEEDS_CAPTURED("refund_exceeds_captured", 422, "The refund exceeds what is left to refund"),
    NOT_AWAITING_AUTHENTICATION("payment_not_awaiting_authentication", 422, "The payment does not await authentication"),
    INVALID_SIGNATURE("invalid_signature", 400, "The webhook signature is not valid");

    private final String code;
    private final int status;
    private final String title;

    PaymentsErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
