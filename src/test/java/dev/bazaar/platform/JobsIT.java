package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.platform.probe.ProbeJobs;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Durable jobs: transactional enqueue, execution with context, retries with backoff, dead jobs, metrics. */
@IntegrationTest
class JobsIT {

    @Autowired
    Jobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    TenantScope tenantScope;

    @LocalServerPort
    int port;

    @AfterEach
    void clearContext() {
        MDC.clear();
    }

    long scheduled(String id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(id).query(Long.class).single();
    }

    @Test
    void jobEnqueuedInARolledBackTransactionNeverExists() {
        String text = UUID.randomUUID().toString();
        String id = transaction.execute(status -> {
            String jobId = jobs.enqueue(ProbeJobs.RECORD, new ProbeJobs.Note(text), java.time.Instant.now().plusSeconds(3600));
            status.setRollbackOnly();
            return jobId;
        });
        assertThat(scheduled(id)).isZero();
    }

    @Test
    void jobEnqueuedInACommittedTransactionRunsWithTheRequestId() {
        String text = UUID.randomUUID().toString();
        MDC.put(RequestContext.REQUEST_ID, "req-" + text);
        transaction.executeWithoutResult(status -> jobs.enqueue(ProbeJobs.RECORD, new ProbeJobs.Note(text)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.sql("select request_id from test_job_runs where text = ?").param(text)
                        .query(String.class).list()).containsExactly("req-" + text));
    }

    @Test
    void jobEnqueuedForATenantRunsInThatTenantsScopeAndOneEnqueuedOutsideRunsUnbound() {
        UUID tenant = UUID.randomUUID();
        String scoped = UUID.randomUUID().toString();
        String unscoped = UUID.randomUUID().toString();
        tenantScope.run(tenant, () -> transaction.executeWithoutResult(status ->
                jobs.enqueue(ProbeJobs.RECORD, new ProbeJobs.Note(scoped))));
        transaction.executeWithoutResult(status -> jobs.enqueue(ProbeJobs.RECORD, new ProbeJobs.Note(unscoped)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.sql("select coalesce(bound_tenant, '-') || ' ' || coalesce(session_tenant, '-') "
                    + "from test_job_runs where text = ?").param(scoped).query(String.class).list())
                    .containsExactly(tenant + " " + tenant);
            assertThat(jdbc.sql("select coalesce(bound_tenant, '-') || ' ' || coalesce(session_tenant, '-') "
                    + "from test_job_runs where text = ?").param(unscoped).query(String.class).list())
                    .containsExactly("- -");
        });
    }

    @Test
    void failingJobIsRetriedThenRecordedAsDead() {
        String text = UUID.randomUUID().toString();
        String id = transaction.execute(status -> jobs.enqueue(ProbeJobs.ALWAYS_FAILS, new ProbeJobs.Note(text)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("select attempts from dead_jobs where task_instance = ?").param(id).query(Integer.class).list())
                    .containsExactly(3);
            assertThat(scheduled(id)).isZero();
        });
        assertThat(jdbc.sql("select last_error from dead_jobs where task_instance = ?").param(id).query(String.class).single())
                .contains("failing on purpose: " + text);
    }

    @Test
    void retryDelaysGrowExponentiallyUpToTheCap() {
        JobDefinition<String> job = JobDefinition.of("test.delays", String.class)
                .withRetries(10, Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(job.retryDelay(1)).isBetween(Duration.ofMillis(7_500), Duration.ofMillis(12_500));
        assertThat(job.retryDelay(3)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(50));
        assertThat(job.retryDelay(9)).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(75));
    }

    @Test
    void recurringJobsAreRegisteredOncePerCluster() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.sql("select task_instance from scheduled_tasks where task_name = 'idempotency.purge'")
                        .query(String.class).list()).containsExactly("recurring"));
    }

    @Test
    void jobMetricsAreExported() {
        TestHttp http = new TestHttp(port);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = http.get("/actuator/prometheus").body();
            assertThat(metrics).contains("bazaar_jobs_queued", "bazaar_jobs_running", "bazaar_jobs_dead",
                    "bazaar_jobs_oldest_due_age_seconds");
        });
    }
}
