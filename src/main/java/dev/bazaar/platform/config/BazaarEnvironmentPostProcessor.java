package dev.bazaar.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
        if (StringUtils.hasText(databaseUrl) && !env.containsProperty("spring.datasource.url")) {
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

        static JdbcSettings parse(String value) {
            if (value.startsWith("jdbc:")) {
                return new JdbcSettings(value, null, null);
            }
            URI uri = URI.create(value);
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                throw new IllegalArgumentException("bazaar.database.url must be a postgres:// or jdbc:postgresql:// URL");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
            return new JdbcSettings("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
        }
    }
}
