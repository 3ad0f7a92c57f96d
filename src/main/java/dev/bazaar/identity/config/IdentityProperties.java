package dev.bazaar.identity.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code bazaar.identity.*} setting (documented in {@code docs/CONFIGURATION.md} and {@code docs/SECURITY.md}),
 * bound and validated at start-up. {@code demoAccounts}: on the embedded database outside {@code prod}, create a demo
 * administrator and a demo shop owner on first start and print their credentials once.
 */
@ConfigurationProperties("bazaar.identity")
@Validated
public record IdentityProperties(
        @Valid @DefaultValue Tokens tokens,
        @Valid @DefaultValue Jwt jwt,
        @Valid @DefaultValue Password password,
        @Valid @DefaultValue Links links,
        @Valid @DefaultValue LoginThrottle loginThrottle,
        @Valid @DefaultValue RateLimits rateLimits,
        @DefaultValue("true") boolean demoAccounts) {

    /** Lifetimes of access, refresh and one-time tokens. */
    public record Tokens(
            @NotNull @DurationMin(minutes = 1) @DurationMax(minutes = 15) @DefaultValue("10m") Duration accessTokenTtl,
            @NotNull @DurationMin(minutes = 5) @DefaultValue("14d") Duration refreshIdleTtl,
            @NotNull @DurationMin(minutes = 5) @DefaultValue("60d") Duration refreshAbsoluteTtl,
            @NotNull @DurationMin(minutes = 5) @DurationMax(days = 7) @DefaultValue("24h") Duration emailVerificationTtl,
            @NotNull @DurationMin(minutes = 5) @DurationMax(minutes = 30) @DefaultValue("30m") Duration passwordResetTtl,
            @NotNull @DurationMin(minutes = 1) @DurationMax(minutes = 10) @DefaultValue("5m") Duration mfaChallengeTtl,
            @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 1) @DefaultValue("10m") Duration reauthenticationWindow) {}

    /**
     * {@code signingKeys}: a JWK Set (JSON) of EC P-256 keys with {@code kid}s; the first key (which must hold its
     * private part) signs, every key verifies. Required in {@code prod}; when empty, a key is generated and kept in the
     * database. {@code issuer} defaults to {@code bazaar.public-url}.
     */
    public record Jwt(@Nullable String signingKeys, @Nullable URI issuer, @NotBlank @DefaultValue("bazaar") String audience) {}

    /** Argon2id cost: see docs/SECURITY.md for the measured time per hash. */
    public record Password(
            @Min(8192) @Max(1048576) @DefaultValue("32768") int argon2MemoryKib,
            @Min(1) @Max(10) @DefaultValue("3") int argon2Iterations,
            @Min(1) @Max(8) @DefaultValue("1") int argon2Parallelism,
            @Min(1) @Max(64) @DefaultValue("2") int maxConcurrentHashes) {}

    /**
     * Links put in mails; {@code {token}} is replaced by the one-time token. They point at the front end (storefront or
     * admin UI) that posts the token back; the token goes in the fragment so that it never reaches a server log.
     */
    public record Links(
            @Nullable String emailVerification,
            @Nullable String passwordReset) {}

    /** Failed sign-ins per account and address, per account, and per address; see docs/SECURITY.md. */
    public record LoginThrottle(
            @Min(1) @DefaultValue("5") int pairFreeFailures,
            @Min(1) @DefaultValue("20") int accountFreeFailures,
            @Min(1) @DefaultValue("100") int addressFreeFailures,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration firstLock,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("15m") Duration maxLock,
            @NotNull @DurationMin(minutes = 1) @DefaultValue("24h") Duration forgetAfter) {}

    /** Per-client-address request limits of the sensitive endpoints ({@code capacity} requests per {@code period}). */
    public record RateLimits(
            @Min(1) @DefaultValue("30") long tokenCapacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration tokenPeriod,
            @Min(1) @DefaultValue("10") long registrationCapacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration registrationPeriod,
            @Min(1) @DefaultValue("10") long passwordResetCapacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration passwordResetPeriod,
            @Min(1) @DefaultValue("30") long emailVerificationCapacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration emailVerificationPeriod) {}
}
