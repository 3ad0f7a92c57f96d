package dev.bazaar.catalog.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.catalog.transfers.*} (documented in {@code docs/CONFIGURATION.md}): how many products an import writes
 * per transaction (and checkpoint), the first retry delay of import and export jobs (doubling up to 30 minutes), and
 * how long finished imports and exports (with their files) are kept.
 */
@ConfigurationProperties("bazaar.catalog.transfers")
@Validated
public record TransferProperties(
        @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
        @NotNull @DurationMin(millis = 10) @DefaultValue("30s") Duration retryDelay,
        @NotNull @DurationMin(hours = 1) @DefaultValue("7d") Duration keepFor) {}
