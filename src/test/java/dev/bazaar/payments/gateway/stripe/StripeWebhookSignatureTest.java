package dev.bazaar.payments.gateway.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.model.Event;
import dev.bazaar.payments.gateway.GatewayResult;
import dev.bazaar.payments.gateway.PaymentGateway.InvalidWebhookException;
import dev.bazaar.payments.gateway.WebhookNotification;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StripeWebhookSignatureTest {

    private static final String SECRET = "whsec_test0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String PAYLOAD = StripeFixtures.event("evt_1", "payment_intent.succeeded",
            StripeFixtures.read("pi_succeeded.json"));

    @Test
    void acceptsAValidSignatureAndReadsThePaymentIntent() {
        Event event = StripeGateway.verify(PAYLOAD, StripeFixtures.signature(PAYLOAD, SECRET, NOW.getEpochSecond() - 10),
                SECRET, CLOCK);
        assertThat(event.getId()).isEqualTo("evt_1");
        WebhookNotification notification = StripeGateway.notification(event);
        assertThat(notification).isEqualTo(new WebhookNotification.PaymentChanged("evt_1", "payment_intent.succeeded",
                UUID.fromString("00000000-0000-7000-8000-000000000001"), null, new GatewayResult.Succeeded("pi_3Succeeded")));
    }

    @Test
    void refusesATamperedBody() {
        String signature = StripeFixtures.signature(PAYLOAD, SECRET, NOW.getEpochSecond());
        assertThatThrownBy(() -> StripeGateway.verify(PAYLOAD.replace("1999", "1"), signature, SECRET, CLOCK))
                .isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void refusesAnotherSecretsSignature() {
        String signature = StripeFixtures.signature(PAYLOAD, "whsec_someoneElse000000", NOW.getEpochSecond());
        assertThatThrownBy(() -> StripeGateway.verify(PAYLOAD, signature, SECRET, CLOCK))
                .isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void refusesATimestampOutsideFiveMinutes() {
        String stale = StripeFixtures.signature(PAYLOAD, SECRET, NOW.getEpochSecond() - 301);
        assertThatThrownBy(() -> StripeGateway.verify(PAYLOAD, stale, SECRET, CLOCK)).isInstanceOf(InvalidWebhookException.class);
        String edge = StripeFixtures.signature(PAYLOAD, SECRET, NOW.getEpochSecond() - 299);
        assertThat(StripeGateway.verify(PAYLOAD, edge, SECRET, CLOCK).getId()).isEqualTo("evt_1");
    }

    @Test
    void refusesAMissingOrMalformedHeader() {
        assertThatThrownBy(() -> StripeGateway.verify(PAYLOAD, "", SECRET, CLOCK)).isInstanceOf(InvalidWebhookException.class);
        assertThatThrownBy(() -> StripeGateway.verify(PAYLOAD, "t=abc,v1=00", SECRET, CLOCK))
                .isInstanceOf(InvalidWebhookException.class);
    }

    @Test
    void unknownEventTypesAreIgnored() {
        String payload = StripeFixtures.event("evt_2", "customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}");
        Event event = StripeGateway.verify(payload, StripeFixtures.signature(payload, SECRET, NOW.getEpochSecond()), SECRET, CLOCK);
        assertThat(StripeGateway.notification(event)).isEqualTo(new WebhookNotification.Ignored("evt_2", "customer.created"));
    }
}
