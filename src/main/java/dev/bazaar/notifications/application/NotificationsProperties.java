package dev.bazaar.notifications.application;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bazaar.notifications.*} (docs/CONFIGURATION.md): how long the feed keeps read notifications
 * ({@code read-retention}) and any notification ({@code retention}), counted from their creation.
 */
@ConfigurationProperties("bazaar.notifications")
@Validated
public record NotificationsProperties(@NotNull @DurationMin(days = 1) @DefaultValue("90d") Duration readRetention,
                                      @NotNull @DurationMin(days = 1) @DefaultValue("365d") Duration retention) {}
