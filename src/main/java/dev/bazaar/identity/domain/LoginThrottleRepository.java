package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.ts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failure counters and locks of the login throttle, shared by every instance through PostgreSQL. */
@Repository
public class LoginThrottleRepository {

    private final JdbcClient jdbc;

    LoginThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest lock end among the keys that is still in the future, if any. */
    public Optional<Instant> lockedUntil(Collection<String> keys, Instant now) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select max(locked_until) from login_throttle where throttle_key in (:keys) and locked_until > :now")
                .param("keys", keys).param("now", ts(now))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional()
                .map(OffsetDateTime::toInstant);
    }

    /**
     * Counts one failure for the key (starting over if the last one is older than {@code forgetBefore}) and returns
     * the count. Atomic: concurrent failures are all counted.
     */
    public int recordFailure(String key, Instant now, Instant forgetBefore) {
        return jdbc.sql("""
                insert into login_throttle (throttle_key, failures, last_failure_at) values (:key, 1, :now)
                on conflict (throttle_key) do update set
                    failures = case when login_throttle.last_failure_at < :forget then 1 else login_throttle.failures + 1 end,
                    locked_until = case when login_throttle.last_failure_at < :forget then null else login_throttle.locked_until end,
                    last_failure_at = :now
                returning failures""")
                .param("key", key).param("now", ts(now)).param("forget", ts(forgetBefore))
                .query(Integer.class).single();
    }

    public void lock(String key, Instant until) {
        jdbc.sql("update login_throttle set locked_until = greatest(coalesce(locked_until, ?), ?) where throttle_key = ?")
                .params(ts(until), ts(until), key).update();
    }

    public void clear(Collection<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.sql("delete from login_throttle where throttle_key in (:keys)").param("keys", keys).update();
        }
    }

    public int purgeIdleSince(Instant cutoff) {
        return jdbc.sql("delete from login_throttle where last_failure_at < :cutoff and (locked_until is null or locked_until < :cutoff)")
                .param("cutoff", ts(cutoff)).update();
    }
}
