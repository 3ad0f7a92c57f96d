package dev.bazaar.webhooks.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.webhooks.*} (docs/CONFIGURATION.md, docs/WEBHOOKS.md): whether insecure targets (plain http, loopback
 * and private addresses) are allowed, which only development and tests may turn on; how long a rotated secret keeps
 * signing; after how long of continuous failure an endpoint is disabled; the delays between attempts (after the first,
 * immediate one; each up to 20 % later, never earlier); the connect and response timeouts; and how many attempts run at once per
 * endpoint and instance.
 */
@ConfigurationProperties("bazaar.webhooks")
@Validated
public record WebhooksProperties(
        @DefaultValue("false") boolean allowInsecureTargets,
        @NotNull @DurationMin(seconds = 0) @DefaultValue("24h") Duration secretRotationOverlap,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5d") Duration disableAfter,
        @NotEmpty @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retryDelays,
        @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 5) @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 10) @DefaultValue("10s") Duration responseTimeout,
        @Min(1) @Max(16) @DefaultValue("2") int maxInFlightPerEndpoint) {

    /**
     * How long an attempt may take before its durable fallback sends it again (the process that claimed it is taken
     * for dead): the connect and response timeouts plus a margin for resolving the name and recording the result.
     */
    public Duration attemptLease() {
        return connectTimeout.plus(responseTimeout).plusSeconds(10);
    }

    /** The span the retry schedule covers, from the first attempt to the last (without jitter). */
    public Duration retrySpan() {
        return retryDelays.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
