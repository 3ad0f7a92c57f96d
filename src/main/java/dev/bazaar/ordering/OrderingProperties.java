package dev.bazaar.ordering;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.ordering.*} (docs/CONFIGURATION.md): how long a placed order waits for its payment before it is
 * canceled and its stock released. Its reservation lasts 30 minutes longer, so the order's own expiry (which also voids
 * the payment) always comes first.
 */
@ConfigurationProperties("bazaar.ordering")
@Validated
public record OrderingProperties(
        @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 23) @DefaultValue("30m") Duration paymentWindow) {

    public Duration reservationLifetime() {
        return paymentWindow.plusMinutes(30);
    }
}
