package dev.bazaar.inventory.config;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.inventory.InventoryService;
import dev.bazaar.platform.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Inventory's recurring jobs. */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InventoryConfiguration.class);

    /** Every 30 seconds: abandoned reservations give their stock back. */
    @Bean
    Task<Void> reservationExpiryJob(Jobs jobs, InventoryService inventory) {
        return jobs.recurring("inventory.reservation-expiry", "*/30 * * * * *", () -> {
            int expired = inventory.expireDue();
            if (expired > 0) {
                log.info("Expired {} stock reservations", expired);
            }
        });
    }
}
