package dev.bazaar.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context a fresh database of its own: on the PostgreSQL server named by
 * {@code BAZAAR_TEST_DATABASE_URL} (CI sets it to the machine's server), otherwise on one embedded PostgreSQL 17 shared
 * by the test JVM. The database is dropped when the context closes.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres embedded;

    /** A database created for one test; {@link #close()} drops it. */
    public record Created(String name, String url) implements AutoCloseable {
        @Override
        public void close() {
            execute(adminUrl(), "drop database if exists " + name + " with (force)");
        }
    }

    public static Created create() {
        String adminUrl = adminUrl();
        String name = "bazaar_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, "create database " + name);
        return new Created(name, adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Created database = create();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", Map.of(
                "spring.datasource.url", database.url(),
                "bazaar.database.mode", "external")));
        // Registered first, so destroyed last: after the pool and the job scheduler have stopped using the database.
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("testDatabaseDrop", database::close);
        }
    }

    private static synchronized String adminUrl() {
        String configured = System.getenv("BAZAAR_TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the embedded test PostgreSQL", e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on the test database server", e);
        }
    }
}
