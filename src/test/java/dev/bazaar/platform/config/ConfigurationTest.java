package dev.bazaar.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.platform.BazaarProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

class ConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BazaarProperties.class)
    static class PropertiesOnly {}

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues("bazaar.public-url=http://localhost:8080");

    @Test
    void invalidSettingsAreAllReportedAtOnce() {
        runner.withPropertyValues(
                        "bazaar.database.url=mysql://db/shop",
                        "bazaar.redis.url=memcached://cache",
                        "bazaar.idempotency.retention=1h",
                        "bazaar.rate-limit.anonymous.capacity=0",
                        "bazaar.http.cors.allowed-origins=https://ok.example.com/path")
                .run(context -> {
                    assertThat(context).hasFailed();
                    String message = rootMessage(context.getStartupFailure());
                    assertThat(message).contains("Binding validation errors on bazaar", "'database.url'", "'redis.url'",
                            "'idempotency.retention'", "'rateLimit.anonymous.capacity'", "'http.cors.allowedOrigins[0]'");
                });
    }

    @Test
    void defaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            BazaarProperties properties = context.getBean(BazaarProperties.class);
            assertThat(properties.idempotency().retention()).hasHours(24);
            assertThat(properties.http().maxRequestBody().toBytes()).isEqualTo(1024 * 1024);
            assertThat(properties.rateLimit().anonymous().capacity()).isEqualTo(300);
        });
    }

    @Test
    void productionSafetyCheckNamesEveryDevelopmentDefault() {
        MockEnvironment environment = new MockEnvironment().withProperty("bazaar.database.mode", "embedded");
        runner.run(context -> {
            ProductionSafetyCheck check = new ProductionSafetyCheck(environment, context.getBean(BazaarProperties.class),
                    java.util.List.of(() -> java.util.List.of("a module's own problem")));
            assertThat(check.problems()).hasSize(5)
                    .anySatisfy(p -> assertThat(p).isEqualTo("a module's own problem"))
                    .anySatisfy(p -> assertThat(p).contains("BAZAAR_DATABASE_URL"))
                    .anySatisfy(p -> assertThat(p).contains("mail is captured"))
                    .anySatisfy(p -> assertThat(p).contains("metrics-token"))
                    .anySatisfy(p -> assertThat(p).contains("public-url"));
        });
    }

    @Test
    void productionSafetyCheckPassesAProductionConfiguration() {
        MockEnvironment environment = new MockEnvironment().withProperty("bazaar.database.mode", "external");
        runner.withPropertyValues("bazaar.public-url=https://shop.example.com", "bazaar.mail.transport=smtp",
                "bazaar.management.metrics-token=t0ken").run(context -> {
            ProductionSafetyCheck check = new ProductionSafetyCheck(environment, context.getBean(BazaarProperties.class), java.util.List.of());
            assertThat(check.problems()).isEmpty();
        });
    }

    @Test
    void postgresUrlsAreTranslatedToJdbcWithCredentials() {
        var settings = BazaarEnvironmentPostProcessor.JdbcSettings.parse("postgres://shop:p%40ss@db.internal:6543/bazaar?sslmode=require");
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.internal:6543/bazaar?sslmode=require");
        assertThat(settings.username()).isEqualTo("shop");
        assertThat(settings.password()).isEqualTo("p@ss");
        assertThat(BazaarEnvironmentPostProcessor.JdbcSettings.parse("jdbc:postgresql://h/db").url()).isEqualTo("jdbc:postgresql://h/db");
        var underscored = BazaarEnvironmentPostProcessor.JdbcSettings.parse("postgresql://u:a+b@db_primary/shop");
        assertThat(underscored.url()).isEqualTo("jdbc:postgresql://db_primary/shop");
        assertThat(underscored.password()).isEqualTo("a+b");
    }

    @Test
    void derivedSettingsFollowTheTopLevelOnes() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("bazaar.database.url", "postgres://u:p@h:5432/db")
                .withProperty("bazaar.redis.url", "redis://r:6379");
        new BazaarEnvironmentPostProcessor().postProcessEnvironment(environment, new org.springframework.boot.SpringApplication());
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(environment.getProperty("bazaar.database.mode")).isEqualTo("external");
        assertThat(environment.getProperty("spring.cache.type")).isEqualTo("redis");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState,db,redis");
        assertThat(environment.getProperty("bazaar.mail.transport")).isEqualTo("captured");

        MockEnvironment unsupported = new MockEnvironment().withProperty("bazaar.database.url", "mysql://db/shop");
        new BazaarEnvironmentPostProcessor().postProcessEnvironment(unsupported, new org.springframework.boot.SpringApplication());
        assertThat(unsupported.getProperty("spring.datasource.url")).isNull();

        MockEnvironment bare = new MockEnvironment();
        new BazaarEnvironmentPostProcessor().postProcessEnvironment(bare, new org.springframework.boot.SpringApplication());
        assertThat(bare.getProperty("bazaar.database.mode")).isEqualTo("embedded");
        assertThat(bare.getProperty("spring.cache.type")).isEqualTo("caffeine");
        assertThat(bare.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState,db");
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
