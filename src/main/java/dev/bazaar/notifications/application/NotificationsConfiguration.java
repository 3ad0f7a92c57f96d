package dev.bazaar.notifications.application;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.notifications.domain.NotificationRepository;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Notifications' settings and the daily purge that keeps every feed bounded. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationsConfiguration.class);
    private static final int BATCH = 5000;

    @Bean
    Task<?> notificationPurgeTask(Jobs jobs, NotificationRepository notifications, TenantScope tenantScope,
                                  NotificationsProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        return jobs.recurring("notifications.purge", "0 41 3 * * *", () -> {
            Instant now = clock.instant();
            Instant readBefore = now.minus(properties.readRetention());
            Instant before = now.minus(properties.retention());
            int total = tenantScope.system("purge old notifications of every shop", () -> {
                int purged = 0;
                int batch;
                do {
                    batch = Objects.requireNonNull(transactions.execute(status -> notifications.purge(readBefore, before, BATCH)));
                    purged += batch;
                } while (batch == BATCH);
                return purged;
            });
            if (total > 0) {
                log.info("Purged {} notifications (read ones created before {}, all created before {})", total, readBefore, before);
            }
        });
    }
}
