package dev.bazaar.platform.probe;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.RequestContext;
import dev.bazaar.platform.TenantContext;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Test-only jobs: one that records what it ran with, one that always fails. */
@Configuration(proxyBeanMethods = false)
public class ProbeJobs {

    public record Note(String text) {}

    public static final JobDefinition<Note> RECORD = JobDefinition.of("test.record", Note.class);
    public static final JobDefinition<Note> ALWAYS_FAILS = JobDefinition.of("test.always-fails", Note.class)
            .withRetries(3, Duration.ofMillis(50), Duration.ofMillis(100));

    @Bean
    Task<?> recordTask(Jobs jobs, JdbcClient jdbc, TransactionTemplate transaction) {
        // As the tables' owner: the pool's application role may not create tables.
        jdbc.sql("reset role; create table if not exists test_job_runs (text text not null, request_id text, "
                + "bound_tenant text, session_tenant text); "
                + "grant select, insert, update, delete on test_job_runs to bazaar_app; set role bazaar_app").update();
        // Records the tenant the thread is bound to and the one the database session sees (row-level security's).
        return jobs.handler(RECORD, note -> transaction.executeWithoutResult(status -> jdbc.sql(
                        "insert into test_job_runs (text, request_id, bound_tenant, session_tenant) "
                                + "values (?, ?, ?, bazaar_current_tenant()::text)")
                .params(note.text(), RequestContext.requestId(),
                        TenantContext.tenantId().map(Object::toString).orElse(null))
                .update()));
    }

    @Bean
    Task<?> alwaysFailsTask(Jobs jobs) {
        return jobs.handler(ALWAYS_FAILS, note -> {
            throw new IllegalStateException("failing on purpose: " + note.text());
        });
    }
}
