package dev.bazaar.payments.gateway.stripe;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.RefundResult;
import org.jspecify.annotations.Nullable;

/** Stripe's PaymentIntent and Refund states as gateway results. */
final class StripeMapping {

    private StripeMapping() {}

    static GatewayResult result(PaymentIntent intent) {
        String id = intent.getId();
        String status = intent.getStatus() == null ? "" : intent.getStatus();
        return switch (status) {
            case "succeeded" -> new GatewayResult.Succeeded(id);
            case "requires_capture" -> new GatewayResult.Authorized(id);
            case "requires_action" -> {
                PaymentIntent.NextAction next = intent.getNextAction();
                String type = next == null || next.getType() == null ? "use_stripe_sdk" : next.getType();
                String url = next != null && next.getRedirectToUrl() != null ? next.getRedirectToUrl().getUrl() : null;
                yield new GatewayResult.RequiresAction(id, type, url, intent.getClientSecret());
            }
            case "requires_payment_method" -> failed(id, intent.getLastPaymentError());
            case "canceled" -> new GatewayResult.Canceled(id);
            default -> new GatewayResult.Unknown(id, "payment intent is " + (status.isEmpty() ? "without status" : status));
        };
    }

    /** A declined card or a payment method that failed: the decline code when Stripe gives one, else the error code. */
    static GatewayResult.Failed failed(@Nullable String id, @Nullable StripeError error) {
        if (error == null) {
            return new GatewayResult.Failed(id, "payment_method_required", "The payment needs another payment method");
        }
        return new GatewayResult.Failed(id, code(error.getDeclineCode(), error.getCode()),
                error.getMessage() == null ? "The payment failed" : error.getMessage());
    }

    static String code(@Nullable String declineCode, @Nullable String code) {
        return declineCode != null ? declineCode : code != null ? code : "payment_failed";
    }

    static RefundResult refund(Refund refund) {
        String status = refund.getStatus() == null ? "" : refund.getStatus();
        return switch (status) {
            case "succeeded" -> new RefundResult.Succeeded(refund.getId());
            case "failed", "canceled" -> new RefundResult.Failed(refund.getId(),
                    refund.getFailureReason() != null ? refund.getFailureReason() : "refund_" + status);
            default -> new RefundResult.Unknown(refund.getId(), "refund is " + status);
        };
    }
}
