package dev.bazaar.payments.gateway.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.ApiResource;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.RefundResult;
import org.junit.jupiter.api.Test;

class StripeMappingTest {

    private static GatewayResult map(String fixture) {
        return StripeMapping.result(ApiResource.GSON.fromJson(StripeFixtures.read(fixture), PaymentIntent.class));
    }

    @Test
    void succeededIsCaptured() {
        assertThat(map("pi_succeeded.json")).isEqualTo(new GatewayResult.Succeeded("pi_3Succeeded"));
    }

    @Test
    void requiresCaptureIsAuthorised() {
        assertThat(map("pi_requires_capture.json")).isEqualTo(new GatewayResult.Authorized("pi_3Authorized"));
    }

    @Test
    void requiresActionCarriesTheNextActionAndClientSecret() {
        assertThat(map("pi_requires_action.json")).isEqualTo(new GatewayResult.RequiresAction("pi_3Action",
                "redirect_to_url", "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1", "pi_3Action_secret_xyz"));
        assertThat(map("pi_requires_action_sdk.json")).isEqualTo(new GatewayResult.RequiresAction("pi_3Sdk",
                "use_stripe_sdk", null, "pi_3Sdk_secret_xyz"));
    }

    @Test
    void aFailedPaymentMethodFailsWithTheDeclineCodeElseTheErrorCode() {
        assertThat(map("pi_declined.json")).isEqualTo(new GatewayResult.Failed("pi_3Declined", "insufficient_funds",
                "Your card has insufficient funds."));
        assertThat(map("pi_failed_no_decline_code.json")).isEqualTo(new GatewayResult.Failed("pi_3Expired", "expired_card",
                "Your card has expired."));
    }

    @Test
    void processingIsNotYetKnown() {
        assertThat(map("pi_processing.json")).isInstanceOf(GatewayResult.Unknown.class)
                .extracting(GatewayResult::reference).isEqualTo("pi_3Processing");
    }

    @Test
    void canceledIsCanceled() {
        assertThat(map("pi_canceled.json")).isEqualTo(new GatewayResult.Canceled("pi_3Canceled"));
    }

    @Test
    void refundsMapByStatus() {
        assertThat(StripeMapping.refund(ApiResource.GSON.fromJson("{\"id\":\"re_1\",\"object\":\"refund\",\"status\":\"succeeded\"}",
                Refund.class))).isEqualTo(new RefundResult.Succeeded("re_1"));
        assertThat(StripeMapping.refund(ApiResource.GSON.fromJson("{\"id\":\"re_2\",\"object\":\"refund\",\"status\":\"failed\","
                + "\"failure_reason\":\"expired_or_canceled_card\"}", Refund.class)))
                .isEqualTo(new RefundResult.Failed("re_2", "expired_or_canceled_card"));
        assertThat(StripeMapping.refund(ApiResource.GSON.fromJson("{\"id\":\"re_3\",\"object\":\"refund\",\"status\":\"pending\"}",
                Refund.class))).isInstanceOf(RefundResult.Unknown.class);
    }
}
