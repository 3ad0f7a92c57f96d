package dev.bazaar.platform;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.bazaar.platform.jobs.JobEnvelope;
import dev.bazaar.platform.jobs.JobRunner;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durable background jobs on PostgreSQL (db-scheduler). {@link #enqueue} writes the job in the caller's transaction, so
 * it exists exactly when the business change commits and disappears with a rollback. Workers on every instance claim
 * due jobs with row locks, so each attempt runs once. A job enqueued inside a tenant scope runs inside the same tenant's
 * scope (see {@link TenantScope}); one enqueued outside any runs unbound. Declare the handler with {@link #handler} and recurring work with
 * {@link #recurring}, each as a {@code @Bean}.
 */
@Component
public class Jobs {

    private final SchedulerClient client;
    private final JsonMapper jsonMapper;
    private final JobRunner runner;

    Jobs(DataSource dataSource, Serializer serializer, JsonMapper jsonMapper, JobRunner runner) {
        this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
                .serializer(serializer)
                .build();
        this.jsonMapper = jsonMapper;
        this.runner = runner;
    }

    /** Schedules the job to run as soon as possible after the current transaction commits; returns the job id. */
    public <T> String enqueue(JobDefinition<T> job, T payload) {
        return enqueue(job, payload, Instant.now());
    }

    /** Schedules the job to run at {@code at} (or as soon as possible after, if that is in the past). */
    public <T> String enqueue(JobDefinition<T> job, T payload, Instant at) {
        String id = Ids.newId().toString();
        JobEnvelope envelope = new JobEnvelope(jsonMapper.writeValueAsString(payload), RequestContext.requestId(),
                TenantContext.tenantId().map(UUID::toString).orElse(null));
        client.scheduleIfNotExists(TaskDescriptor.of(job.name(), JobEnvelope.class).instance(id).data(envelope).scheduledTo(at));
        return id;
    }

    /** The worker side of a job definition; register the result as a {@code @Bean}. */
    public <T> Task<JobEnvelope> handler(JobDefinition<T> job, Consumer<T> handler) {
        return runner.oneTime(job, handler);
    }

    /**
     * Work that runs on a cron schedule (Spring/Quartz six-field syntax, UTC), once per cluster per tick however many
     * instances run; register the result as a {@code @Bean}.
     */
    public Task<Void> recurring(String name, String cron, Runnable action) {
        return runner.recurring(Tasks.recurring(name, Schedules.cron(cron)), action);
    }
}
