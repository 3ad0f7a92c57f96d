package dev.bazaar.tenancy.config;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.RateLimitPolicy;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.tenancy.application.ShopService;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tenancy's settings, rate limits and recurring jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenancyProperties.class)
class TenancyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenancyConfiguration.class);

    /**
     * Invitations mail any address from the platform's domain, with a shop name of the sender's choosing: limited per
     * inviting account per hour, whatever the shop ({@code bazaar.tenancy.invitations-per-hour}).
     */
    @Bean
    RateLimitPolicy invitationRateLimit(TenancyProperties properties) {
        return request -> "POST".equals(request.getMethod()) && INVITATIONS.matcher(request.getRequestURI()).matches()
                ? CurrentActor.find().map(actor -> new RateLimitPolicy.Rule("invitations", actor.id().toString(),
                        properties.invitationsPerHour(), Duration.ofHours(1)))
                : Optional.empty();
    }

    private static final Pattern INVITATIONS = Pattern.compile("/api/v1/shops/[^/]+/invitations");

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
