package dev.bazaar.payments.gateway.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestGatewayOutcomesTest {

    @Test
    void stripesTestCardsDecideTheOutcome() {
        assertThat(TestGateway.decide("pm_card_visa", false)).isEqualTo(new TestGateway.Decision("succeeded", null));
        assertThat(TestGateway.decide("pm_card_mastercard", false)).isEqualTo(new TestGateway.Decision("succeeded", null));
        assertThat(TestGateway.decide("pm_card_chargeDeclined", false))
                .isEqualTo(new TestGateway.Decision("failed", "card_declined"));
        assertThat(TestGateway.decide("pm_card_chargeDeclinedInsufficientFunds", false))
                .isEqualTo(new TestGateway.Decision("failed", "insufficient_funds"));
        assertThat(TestGateway.decide("pm_card_authenticationRequired", false))
                .isEqualTo(new TestGateway.Decision("requires_action", null));
        assertThat(TestGateway.decide("pm_card_unheardOf", false))
                .isEqualTo(new TestGateway.Decision("failed", "invalid_payment_method"));
    }

    @Test
    void manualCaptureOnlyAuthorises() {
        assertThat(TestGateway.decide("pm_card_visa", true)).isEqualTo(new TestGateway.Decision("authorized", null));
        assertThat(TestGateway.decide("pm_card_chargeDeclined", true).outcome()).isEqualTo("failed");
    }

    @Test
    void failuresSayWhyInWords() {
        assertThat(TestGateway.message("card_declined")).isEqualTo("Your card was declined.");
        assertThat(TestGateway.message("insufficient_funds")).contains("insufficient funds");
        assertThat(TestGateway.message(null)).isEqualTo("The payment failed.");
    }
}
