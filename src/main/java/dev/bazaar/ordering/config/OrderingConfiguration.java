package dev.bazaar.ordering.config;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.ordering.OrderService;
import dev.bazaar.ordering.OrderingProperties;
import dev.bazaar.platform.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Ordering's settings and recurring jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderingProperties.class)
class OrderingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrderingConfiguration.class);

    /** Every 30 seconds: orders left unpaid past their payment window are canceled and give their stock back. */
    @Bean
    Task<Void> unpaidOrderExpiryJob(Jobs jobs, OrderService orders) {
        return jobs.recurring("ordering.unpaid-order-expiry", "15,45 * * * * *", () -> {
            int expired = orders.expireUnpaid();
            if (expired > 0) {
                log.info("Canceled {} orders left unpaid past their payment window", expired);
            }
        });
    }
}
