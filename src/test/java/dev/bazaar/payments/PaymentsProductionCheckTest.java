package dev.bazaar.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.payments.gateway.PaymentsProperties;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class PaymentsProductionCheckTest {

    private static PaymentsProperties properties(boolean testGateway) {
        return new PaymentsProperties(testGateway, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(24),
                Duration.ofMinutes(10),
                new PaymentsProperties.Stripe(URI.create("https://api.stripe.com"), Duration.ofSeconds(5), Duration.ofSeconds(20)),
                new PaymentsProperties.Webhooks(6000, Duration.ofMinutes(1), 30000, Duration.ofMinutes(1)));
    }

    @Test
    void refusesTheTestGatewayInProduction() {
        PaymentsConfiguration configuration = new PaymentsConfiguration();
        assertThat(configuration.paymentsProductionCheck(properties(true)).problems()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("BAZAAR_PAYMENTS_TEST_GATEWAY_ENABLED"));
        assertThat(configuration.paymentsProductionCheck(properties(false)).problems()).isEmpty();
    }

    @Test
    void theProdProfileTurnsTheTestGatewayOff() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-prod.yaml"));
        assertThat(yaml.getObject().getProperty("bazaar.payments.test-gateway-enabled")).isEqualTo("false");
    }

    @Test
    void aClaimOutlastsTheGatewayCallsTimeouts() {
        assertThat(properties(true).claimLease()).isEqualTo(Duration.ofSeconds(35));
    }
}
