package dev.bazaar.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code bazaar.*} setting, bound and validated at start-up: an invalid value stops the application with one
 * message that lists every offending setting. Documented in {@code docs/CONFIGURATION.md}.
 */
@ConfigurationProperties("bazaar")
@Validated
public record BazaarProperties(
        @NotNull URI publicUrl,
        @Valid Database database,
        @Valid EmbeddedDatabase embeddedDatabase,
        @Valid Redis redis,
        @Valid Http http,
        @Valid Mail mail,
        @Valid Idempotency idempotency,
        @Valid RateLimit rateLimit,
        @Valid Management management) {

    public BazaarProperties {
        database = database != null ? database : new Database(null, Database.DEFAULT_APPLICATION_ROLE, Database.DEFAULT_SYSTEM_ROLE);
        embeddedDatabase = embeddedDatabase != null ? embeddedDatabase : new EmbeddedDatabase("data/postgres", 0, false);
        redis = redis != null ? redis : new Redis(null);
        http = http != null ? http : new Http(DataSize.ofMegabytes(1), new Cors(List.of()));
        mail = mail != null ? mail : new Mail(MailTransport.CAPTURED, "Bazaar <no-reply@bazaar.localhost>");
        idempotency = idempotency != null ? idempotency : new Idempotency(Duration.ofHours(24), Duration.ofMinutes(1));
        rateLimit = rateLimit != null ? rateLimit : new RateLimit(true, new Limit(300, Duration.ofMinutes(1)));
        management = management != null ? management : new Management(null);
    }

    /**
     * External PostgreSQL; when absent (and no {@code spring.datasource.url}) the embedded database is used. The
     * application works as {@code applicationRole} (every pooled connection runs {@code SET ROLE}), which owns no table
     * and so is subject to row-level security, and switches to {@code systemRole} for explicit cross-tenant work; the
     * migrations create both roles and run as the connecting user, the tables' owner.
     */
    public record Database(
            @Pattern(regexp = "^$|^(jdbc:postgresql|postgres|postgresql)://.+", message = "must be a postgres:// or jdbc:postgresql:// URL")
            @Nullable String url,
            @Pattern(regexp = ROLE_NAME, message = "must be a lower-case PostgreSQL role name") @DefaultValue(DEFAULT_APPLICATION_ROLE) String applicationRole,
            @Pattern(regexp = ROLE_NAME, message = "must be a lower-case PostgreSQL role name") @DefaultValue(DEFAULT_SYSTEM_ROLE) String systemRole) {

        public static final String ROLE_NAME = "^[a-z_][a-z0-9_]{0,62}$";
        public static final String DEFAULT_APPLICATION_ROLE = "bazaar_app";
        public static final String DEFAULT_SYSTEM_ROLE = "bazaar_system";
    }

    /** The embedded PostgreSQL 17 used when no database is configured. */
    public record EmbeddedDatabase(
            @NotBlank @DefaultValue("data/postgres") String dataDirectory,
            @Min(0) @Max(65535) @DefaultValue("0") int port,
            @DefaultValue("false") boolean cleanOnStart) {}

    /** Redis for caches, rate-limit buckets and fan-out; in-process equivalents when absent. */
    public record Redis(
            @Pattern(regexp = "^$|^rediss?://.+", message = "must be a redis:// or rediss:// URL") @Nullable String url) {}

    public record Http(
            @NotNull @DefaultValue("1MB") DataSize maxRequestBody,
            @Valid @DefaultValue Cors cors) {}

    /** Origins allowed to call the API from a browser; empty means no cross-origin access. */
    public record Cors(@DefaultValue List<@Pattern(regexp = "^https?://[^/]+$", message = "must be an origin such as https://shop.example.com") String> allowedOrigins) {}

    public enum MailTransport { CAPTURED, SMTP }

    public record Mail(
            @NotNull @DefaultValue("captured") MailTransport transport,
            @NotBlank @DefaultValue("Bazaar <no-reply@bazaar.localhost>") String from) {}

    public record Idempotency(
            @NotNull @DurationMin(hours = 24) @DefaultValue("24h") Duration retention,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration lockTimeout) {}

    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Valid @DefaultValue Limit anonymous) {}

    public record Limit(
            @Min(1) @DefaultValue("300") long capacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration period) {}

    /** {@code metricsToken}: bearer token that grants access to {@code /actuator/prometheus} in the {@code prod} profile. */
    public record Management(@Nullable String metricsToken) {}
}
