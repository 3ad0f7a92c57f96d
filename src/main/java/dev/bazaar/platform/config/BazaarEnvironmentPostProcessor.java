package dev.bazaar.platform.config;

import dev.bazaar.platform.BazaarProperties;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Derives Spring settings from Bazaar's few top-level ones, so that a deployment needs only {@code BAZAAR_DATABASE_URL}
 * and {@code BAZAAR_REDIS_URL}: maps them onto the datasource and Redis settings, switches the cache, health group and
 * mail transport to match, and records whether the embedded database is in use ({@code bazaar.database.mode}).
 * Explicit Spring settings always win; derived values go in with the lowest precedence.
 */
class BazaarEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DERIVED_SOURCE = "bazaarDerived";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();

        String databaseUrl = env.getProperty("bazaar.database.url");
        // An unrecognised URL is left alone here; validation of bazaar.database.url then reports it with the others.
        if (StringUtils.hasText(databaseUrl) && JdbcSettings.SUPPORTED.matcher(databaseUrl).matches()
                && !env.containsProperty("spring.datasource.url")) {
            JdbcSettings jdbc = JdbcSettings.parse(databaseUrl);
            derived.put("spring.datasource.url", jdbc.url());
            if (jdbc.username() != null && !env.containsProperty("spring.datasource.username")) {
                derived.put("spring.datasource.username", jdbc.username());
            }
            if (jdbc.password() != null && !env.containsProperty("spring.datasource.password")) {
                derived.put("spring.datasource.password", jdbc.password());
            }
        }
        boolean external = derived.containsKey("spring.datasource.url") || env.containsProperty("spring.datasource.url");
        derived.put("bazaar.database.mode", external ? "external" : "embedded");
        // Every pooled connection works as the application role, which row-level security applies to; Flyway connects
        // without it (DatabaseRolesConfiguration), as the tables' owner.
        String role = env.getProperty("bazaar.database.application-role", BazaarProperties.Database.DEFAULT_APPLICATION_ROLE);
        if (role.matches(BazaarProperties.Database.ROLE_NAME) && !env.containsProperty("spring.datasource.hikari.connection-init-sql")) {
            derived.put("spring.datasource.hikari.connection-init-sql", "SET ROLE " + role);
        }

        String redisUrl = env.getProperty("bazaar.redis.url");
        if (StringUtils.hasText(redisUrl) && !env.containsProperty("spring.data.redis.url")) {
            derived.put("spring.data.redis.url", redisUrl);
        }
        boolean redis = StringUtils.hasText(redisUrl) || env.containsProperty("spring.data.redis.url");
        derived.put("bazaar.redis.enabled", redis);
        derived.put("management.health.redis.enabled", redis);
        derived.put("management.endpoint.health.group.readiness.include", redis ? "readinessState,db,redis" : "readinessState,db");
        derived.put("spring.cache.type", redis ? "redis" : "caffeine");

        if (!env.containsProperty("bazaar.mail.transport")) {
            derived.put("bazaar.mail.transport", env.containsProperty("spring.mail.host") ? "smtp" : "captured");
        }
        env.getPropertySources().addLast(new MapPropertySource(DERIVED_SOURCE, derived));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** A JDBC URL with the credentials taken out of a {@code postgres://user:pass@host:port/db} URL. */
    record JdbcSettings(String url, @org.jspecify.annotations.Nullable String username,
                        @org.jspecify.annotations.Nullable String password) {

        static final Pattern SUPPORTED = Pattern.compile("^(jdbc:postgresql|postgres|postgresql)://.+");
        private static final Pattern URL = Pattern.compile("^postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(.*)$");

        static JdbcSettings parse(String value) {
            if (value.startsWith("jdbc:")) {
                return new JdbcSettings(value, null, null);
            }
            Matcher url = URL.matcher(value);
            if (!url.matches()) {
                throw new IllegalArgumentException("bazaar.database.url must be a postgres:// or jdbc:postgresql:// URL");
            }
            // Percent-decoding only: a literal '+' in a password stays a '+'.
            String user = url.group(1) != null ? decode(url.group(1)) : null;
            String password = url.group(2) != null ? decode(url.group(2)) : null;
            return new JdbcSettings("jdbc:postgresql://" + url.group(3) + url.group(4), user, password);
        }

        private static String decode(String value) {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
