package dev.bazaar.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.bazaar.platform.BazaarProperties;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * The two sides of the database's role split. Flyway connects as the configured user (the tables' owner), with the
 * role names as placeholders so that the migrations create and grant them; the application's pool works as the
 * application role ({@code SET ROLE} on every connection, derived by {@link BazaarEnvironmentPostProcessor}), and
 * every transaction begins with the thread's tenant context applied ({@link TenantAwareJpaDialect}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseRolesConfiguration {

    @Bean
    FlywayConfigurationCustomizer flywayAsOwner(DataSource dataSource, BazaarProperties properties) {
        return configuration -> {
            HikariDataSource hikari = hikari(dataSource);
            if (hikari != null) {
                // A connection of its own, without the pool's SET ROLE: migrations create tables, roles and policies.
                configuration.dataSource(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            }
            configuration.placeholders(Map.of(
                    "application_role", properties.database().applicationRole(),
                    "system_role", properties.database().systemRole()));
        };
    }

    /** The pool, also behind a wrapping data source (tracing, query counting). */
    private static @Nullable HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource instanceof HikariDataSource hikari ? hikari
                    : dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory, TenantSessions sessions,
                                             ObjectProvider<TransactionManagerCustomizers> customizers) {
        JpaTransactionManager transactionManager = new JpaTransactionManager() {
            @Override
            public void afterPropertiesSet() {
                super.afterPropertiesSet();
                // After the factory's own dialect was taken over: ours adds the tenant context to every begin.
                setJpaDialect(new TenantAwareJpaDialect(sessions));
            }
        };
        transactionManager.setEntityManagerFactory(entityManagerFactory);
        customizers.ifAvailable(c -> c.customize(transactionManager));
        return transactionManager;
    }
}
