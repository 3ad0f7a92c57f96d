package dev.bazaar.payments.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.payments.*} (docs/CONFIGURATION.md, docs/PAYMENTS.md): whether the built-in test gateway is offered
 * (development and tests only; off in {@code prod}); how long after start a payment's durable fallback processes it
 * if nobody did; after how long reconciliation takes up a payment or refund left pending or processing, and after how
 * long without an answer it gives up; and Stripe's API base and timeouts.
 */
@ConfigurationProperties("bazaar.payments")
@Validated
public record PaymentsProperties(
        @DefaultValue("true") boolean testGatewayEnabled,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration fallbackDelay,
        @NotNull @DurationMin(millis = 0) @DefaultValue("2m") Duration reconcileAfter,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("24h") Duration giveUpAfter,
        @NotNull @DurationMin(millis = 0) @DefaultValue("10m") Duration requiresActionAfter,
        @NotNull @DefaultValue Stripe stripe,
        @NotNull @Valid @DefaultValue Webhooks webhooks) {

    /**
     * Limits on inbound provider webhooks, token buckets refilled continuously: {@code shopCapacity} per
     * {@code shopPeriod} for each shop's webhook URL, and {@code addressCapacity} per {@code addressPeriod} for each
     * sending address (the provider's few addresses carry every shop's events). Generous: the signature is the
     * defence; these only stop a flood.
     */
    public record Webhooks(
            @Min(1) @DefaultValue("6000") long shopCapacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration shopPeriod,
            @Min(1) @DefaultValue("30000") long addressCapacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration addressPeriod) {}

    public record Stripe(
            @NotNull @DefaultValue("https://api.stripe.com") URI apiBase,
            @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 80) @DefaultValue("20s") Duration readTimeout) {}

    /**
     * How long a claim on a payment or refund holds: a gateway call's connect and read timeouts plus a margin for
     * recording the outcome. A holder that died is taken over after it.
     */
    public Duration claimLease() {
        return stripe.connectTimeout().plus(stripe.readTimeout()).plusSeconds(10);
    }
}
