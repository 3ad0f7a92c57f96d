package dev.bazaar.webhooks.outbox;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's settings and the hourly purge of events older than {@code bazaar.events.retention}, except those still
 * being delivered (a pending delivery keeps its event until it ends); their deliveries and attempts go with them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class OutboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OutboxConfiguration.class);

    @Bean
    Task<?> eventPurgeTask(Jobs jobs, JdbcClient jdbc, TenantScope tenantScope, EventsProperties properties, Clock clock,
                           PlatformTransactionManager transactionManager) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        return jobs.recurring("events.purge", "0 23 * * * *", () -> {
            Timestamp before = Timestamp.from(clock.instant().minus(properties.retention()));
            int total = tenantScope.system("purge expired events of every shop", () -> {
                int purged = 0;
                int batch;
                do {
                    batch = Objects.requireNonNull(transactions.execute(status -> jdbc.sql("""
                            delete from events where ctid in (
                                select ctid from events e where recorded_at < :before
                                and not exists (select 1 from webhook_deliveries d where d.tenant_id = e.tenant_id
                                                and d.event_id = e.id and d.status = 'pending')
                                limit 5000)""")
                            .param("before", before).update()));
                    purged += batch;
                } while (batch == 5000);
                return purged;
            });
            if (total > 0) {
                log.info("Purged {} events recorded before {}", total, before.toInstant());
            }
        });
    }
}
