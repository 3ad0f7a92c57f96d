package dev.bazaar.webhooks.outbox;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.events.*} (docs/CONFIGURATION.md): how long recorded events are kept, which bounds what a replay and
 * the live stream's resume can reach back to.
 */
@ConfigurationProperties("bazaar.events")
@Validated
public record EventsProperties(@NotNull @DurationMin(hours = 1) @DefaultValue("30d") Duration retention) {}
