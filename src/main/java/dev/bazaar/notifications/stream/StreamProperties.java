package dev.bazaar.notifications.stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.stream.*} (docs/CONFIGURATION.md, docs/STREAM.md): who may open the stream from a browser, how often
 * it beats, how far a resume reaches, and the bounds that keep one subscriber from costing the others.
 */
@ConfigurationProperties("bazaar.stream")
@Validated
record StreamProperties(
        @DefaultValue List<@Pattern(regexp = "^https?://[^/]+$", message = "must be an origin such as https://admin.example.com") String> allowedOrigins,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("15s") Duration heartbeat,
        @Min(1) @Max(10_000) @DefaultValue("1000") int replayLimit,
        @NotNull @DurationMax(minutes = 5) @DefaultValue("10s") Duration resumeOverlap,
        @Min(1) @Max(100_000) @DefaultValue("256") int queueCapacity,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30m") Duration maxLifetime,
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5) @DefaultValue("30s") Duration ticketTtl,
        @Min(1) @DefaultValue("10") int maxStreamsPerSubscriber,
        @Min(1) @DefaultValue("500") int maxStreamsPerShop) {}
