package dev.bazaar.tenancy.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code bazaar.tenancy.*} setting (documented in {@code docs/CONFIGURATION.md} and {@code docs/TENANCY.md}).
 * {@code invitationLink}: the page that accepts invitations, with {@code {token}} in it (default
 * {@code <public-url>/invitations/accept#token={token}}). {@code demoShop}: on the embedded database outside
 * {@code prod}, create the demo shop for the demo owner on first start. {@code invitationsPerHour}: how many invitations
 * one account may send per hour across all shops (each is a mail from the platform's domain to any address).
 */
@ConfigurationProperties("bazaar.tenancy")
@Validated
public record TenancyProperties(
        @NotNull @DurationMin(hours = 1) @DurationMax(days = 30) @DefaultValue("7d") Duration invitationTtl,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("30d") Duration deletionGracePeriod,
        @Min(1) @Max(10000) @DefaultValue("20") int maxShopsPerAccount,
        @NotBlank @DefaultValue("free") String defaultPlan,
        @Nullable String invitationLink,
        @DefaultValue("true") boolean demoShop,
        @Min(1) @Max(100000) @DefaultValue("30") int invitationsPerHour) {}
