package dev.bazaar.webhooks.delivery;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.ProductionCheck;
import dev.bazaar.platform.TenantScope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The delivery settings, the SSRF guard and HTTP client built from them, the attempt job, and the queue-age gauge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class DeliveryConfiguration {

    @Bean
    TargetGuard webhookTargetGuard(WebhooksProperties properties) {
        return new TargetGuard(properties.allowInsecureTargets());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(TargetGuard guard, WebhooksProperties properties) {
        return new WebhookSender(guard, properties);
    }

    @Bean
    Task<?> webhookAttemptTask(Jobs jobs, Dispatcher dispatcher) {
        return jobs.handler(Dispatcher.ATTEMPT, dispatcher::attempt);
    }

    /** Every 15 s: endpoints with due deliveries nobody took for 30 s (a sender died) get a new sender. */
    @Bean
    Task<?> webhookSweepTask(Jobs jobs, Dispatcher dispatcher) {
        return jobs.recurring("webhooks.sweep", "*/15 * * * * *", dispatcher::sweep);
    }

    @Bean
    ProductionCheck webhooksProductionCheck(WebhooksProperties properties) {
        return () -> {
            List<String> problems = new ArrayList<>();
            if (properties.allowInsecureTargets()) {
                problems.add("bazaar.webhooks.allow-insecure-targets is on (BAZAAR_WEBHOOKS_ALLOW_INSECURE_TARGETS), so "
                        + "webhooks could reach plain http, loopback and private addresses; it is for development only");
            }
            if (properties.retrySpan().compareTo(Duration.ofHours(24)) < 0) {
                problems.add("bazaar.webhooks.retry-delays add up to less than 24 hours (" + properties.retrySpan()
                        + "); receivers are promised retries over at least a day");
            }
            return problems;
        };
    }

    @Bean
    MeterBinder webhookQueueMetrics(JdbcClient jdbc, TenantScope tenantScope) {
        AtomicReference<double[]> last = new AtomicReference<>(new double[] {0, 0});
        return registry -> Gauge.builder("bazaar.webhooks.queue.age", last, ref -> {
            double[] current = ref.get();
            long now = System.currentTimeMillis();
            if (now - current[1] < 5000) {
                return current[0];
            }
            try {
                double age = tenantScope.system("the oldest due webhook delivery of any shop", () -> jdbc.sql("""
                                select coalesce(extract(epoch from now() - min(next_attempt_at)), 0) from webhook_deliveries
                                where status = 'pending' and next_attempt_at <= now()""")
                        .query(Double.class).single());
                ref.set(new double[] {age, now});
                return age;
            } catch (RuntimeException e) {
                return current[0];
            }
        }).description("Seconds the oldest due webhook delivery has waited for its attempt").baseUnit("seconds")
                .register(registry);
    }

}
