package dev.bazaar.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.bazaar.platform.BazaarProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-set-up default: when no database is configured, Bazaar starts a PostgreSQL 17 of its own whose data
 * directory survives restarts ({@code bazaar.embedded-database.data-directory}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bazaar.database.mode", havingValue = "embedded")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    static final String DATABASE = "bazaar";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(BazaarProperties properties) throws IOException {
        BazaarProperties.EmbeddedDatabase settings = properties.embeddedDatabase();
        Path dataDirectory = Path.of(settings.dataDirectory()).toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(settings.cleanOnStart())
                // Spring closes the bean in order; zonky's own hook would race it and stop PostgreSQL under live connections.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC");
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        EmbeddedPostgres postgres = builder.start();
        createDatabaseIfMissing(postgres);
        log.info("Embedded PostgreSQL 17 on port {}, data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(postgres.getJdbcUrl("postgres", DATABASE))
                .username("postgres")
                .password("")
                .build();
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the embedded database '" + DATABASE + "'", e);
        }
    }
}
