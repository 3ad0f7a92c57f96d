package dev.bazaar.platform.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Execution;
import dev.bazaar.platform.Ids;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Jobs that used up their attempts: recorded for inspection and counted in the metrics. */
@Component
class DeadJobs {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    DeadJobs(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    void record(Execution execution, int attempts, @Nullable Throwable cause, boolean keepPayload) {
        Object data = keepPayload ? execution.taskInstance.getData() : null;
        jdbc.sql("""
                insert into dead_jobs (id, task_name, task_instance, task_data, attempts, last_error)
                values (?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), execution.taskInstance.getTaskName(), execution.taskInstance.getId(),
                        data == null ? null : serializer.serialize(data), attempts, describe(cause))
                .update();
    }

    List<DeadJob> recent(int limit) {
        return jdbc.sql("""
                select task_name, task_instance, attempts, last_error, died_at
                from dead_jobs order by died_at desc limit ?""")
                .param(limit)
                .query((rs, n) -> new DeadJob(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    private static String describe(@Nullable Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getClass().getName() + ": " + cause.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    record DeadJob(String job, String id, int attempts, String lastError, Instant diedAt) {}
}
