package dev.bazaar.platform.jobs;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Job payloads as JSON, and queue gauges (queued, running, dead) for Prometheus. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    Serializer jobSerializer() {
        return new Jackson3Serializer();
    }

    @Bean
    DbSchedulerCustomizer dbSchedulerCustomizer(Serializer jobSerializer) {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(jobSerializer);
            }
        };
    }

    @Bean
    MeterBinder jobQueueMetrics(JdbcClient jdbc) {
        QueueSnapshot snapshots = new QueueSnapshot(jdbc);
        return registry -> {
            Gauge.builder("bazaar.jobs.queued", snapshots, s -> s.get().queued())
                    .description("Jobs waiting to run (including retries not yet due)").register(registry);
            Gauge.builder("bazaar.jobs.running", snapshots, s -> s.get().running())
                    .description("Jobs being run by a worker").register(registry);
            Gauge.builder("bazaar.jobs.dead", snapshots, s -> s.get().dead())
                    .description("Jobs that used up their attempts").register(registry);
            Gauge.builder("bazaar.jobs.oldest.due.age", snapshots, s -> s.get().oldestDueAgeSeconds())
                    .description("Seconds the oldest due, unclaimed job has waited").baseUnit("seconds").register(registry);
        };
    }

    /** Reads the queue at most every few seconds, however often metrics are scraped. */
    static final class QueueSnapshot {
        private static final Duration MAX_AGE = Duration.ofSeconds(5);
        private final JdbcClient jdbc;
        private final AtomicReference<Counts> last = new AtomicReference<>(new Counts(0, 0, 0, 0, Instant.EPOCH));

        QueueSnapshot(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        Counts get() {
            Counts current = last.get();
            if (current.readAt().plus(MAX_AGE).isAfter(Instant.now())) {
                return current;
            }
            try {
                Counts fresh = jdbc.sql("""
                        select count(*) filter (where not picked),
                               count(*) filter (where picked),
                               (select count(*) from dead_jobs),
                               coalesce(extract(epoch from now() - min(execution_time) filter (where not picked and execution_time <= now())), 0)
                        from scheduled_tasks""")
                        .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), Instant.now()))
                        .single();
                last.set(fresh);
                return fresh;
            } catch (RuntimeException e) {
                return current;
            }
        }

        record Counts(long queued, long running, long dead, double oldestDueAgeSeconds, Instant readAt) {}
    }
}
