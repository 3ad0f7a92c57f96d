package dev.bazaar.platform.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.RequestContext;
import dev.bazaar.platform.TenantScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs jobs: restores the request context for the log and the tenant the job was scheduled for (bound with
 * {@link TenantScope}, so the job's transactions see only that tenant's rows), decodes the payload, and on failure
 * either retries with backoff or, after the last attempt, moves the job to the dead jobs.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JsonMapper jsonMapper;
    private final DeadJobs deadJobs;
    private final MeterRegistry meterRegistry;
    private final TenantScope tenantScope;

    JobRunner(JsonMapper jsonMapper, DeadJobs deadJobs, MeterRegistry meterRegistry, TenantScope tenantScope) {
        this.jsonMapper = jsonMapper;
        this.deadJobs = deadJobs;
        this.meterRegistry = meterRegistry;
        this.tenantScope = tenantScope;
    }

    public <T> Task<JobEnvelope> oneTime(JobDefinition<T> job, Consumer<T> handler) {
        return Tasks.oneTime(job.name(), JobEnvelope.class)
                .onFailure(new RetryThenDead<>(job))
                .execute((instance, context) -> {
                    JobEnvelope envelope = instance.getData();
                    try {
                        MDC.put("job", job.name() + "/" + instance.getId());
                        if (envelope.requestId() != null) {
                            MDC.put(RequestContext.REQUEST_ID, envelope.requestId());
                        }
                        T payload = jsonMapper.readValue(envelope.payload(), job.payloadType());
                        if (envelope.tenantId() != null) {
                            tenantScope.run(UUID.fromString(envelope.tenantId()), () -> handler.accept(payload));
                        } else {
                            handler.accept(payload);
                        }
                    } finally {
                        MDC.remove("job");
                        MDC.remove(RequestContext.REQUEST_ID);
                    }
                });
    }

    public Task<Void> recurring(Tasks.RecurringTaskBuilder<Void> builder, Runnable action) {
        return builder.execute((instance, context) -> {
            try {
                MDC.put("job", instance.getTaskName());
                action.run();
            } finally {
                MDC.remove("job");
            }
        });
    }

    private final class RetryThenDead<T> implements FailureHandler<JobEnvelope> {
        private final JobDefinition<T> job;
        private final Counter failures;

        RetryThenDead(JobDefinition<T> job) {
            this.job = job;
            this.failures = Counter.builder("bazaar.jobs.failures").description("Failed job attempts")
                    .tag("job", job.name()).register(meterRegistry);
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<JobEnvelope> operations) {
            failures.increment();
            int attempts = complete.getExecution().consecutiveFailures + 1;
            Throwable cause = complete.getCause().orElse(null);
            if (attempts >= job.maxAttempts()) {
                log.error("Job {} {} failed its last attempt ({} of {}); moved to dead jobs", job.name(),
                        complete.getExecution().taskInstance.getId(), attempts, job.maxAttempts(), cause);
                deadJobs.record(complete.getExecution(), attempts, cause, job.keepPayloadWhenDead());
                operations.stop();
            } else {
                var next = complete.getTimeDone().plus(job.retryDelay(attempts));
                log.warn("Job {} {} failed (attempt {} of {}); retrying at {}", job.name(),
                        complete.getExecution().taskInstance.getId(), attempts, job.maxAttempts(), next);
                operations.reschedule(complete, next);
            }
        }
    }
}
