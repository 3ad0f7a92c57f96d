package dev.bazaar.tenancy.config;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.Jobs;
import dev.bazaar.tenancy.application.ShopService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tenancy's settings and recurring jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenancyProperties.class)
class TenancyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenancyConfiguration.class);

    /** Hourly: shops deleted longer ago than the grace period are purged with all their data. */
    @Bean
    Task<Void> shopPurgeJob(Jobs jobs, ShopService shops) {
        return jobs.recurring("tenancy.shop-purge", "0 17 * * * *", () -> {
            int purged = shops.purgeExpired();
            if (purged > 0) {
                log.info("Purged {} deleted shops after their grace period", purged);
            }
        });
    }
}
