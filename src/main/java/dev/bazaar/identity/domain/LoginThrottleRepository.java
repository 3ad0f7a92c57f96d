package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.instant;
import static dev.bazaar.identity.domain.Rows.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attempt counters and locks of the login throttle, and the networks accounts are known from; shared through PostgreSQL. */
@Repository
public class LoginThrottleRepository {

    private final JdbcClient jdbc;

    LoginThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one attempt under the key unless the key is locked, in which case the lock's end is returned and nothing is
     * counted. Past {@code free} attempts the key is locked for {@code lockFor(attempts - free)}. The key's row is locked
     * for the rest of the transaction, so concurrent attempts are counted one after the other. Run inside a transaction.
     */
    public Optional<Instant> countAttempt(String key, Instant now, Instant forgetBefore, int free, IntFunction<Duration> lockFor) {
        jdbc.sql("insert into login_throttle (throttle_key, attempts, last_attempt_at) values (?, 0, ?) on conflict do nothing")
                .params(key, ts(now)).update();
        Counter counter = jdbc.sql("select attempts, last_attempt_at, locked_until from login_throttle where throttle_key = ? for update")
                .param(key)
                .query((rs, n) -> new Counter(rs.getInt("attempts"), Rows.requiredInstant(rs, "last_attempt_at"), instant(rs, "locked_until")))
                .single();
        if (counter.lockedUntil() != null && counter.lockedUntil().isAfter(now)) {
            return Optional.of(counter.lockedUntil());
        }
        int attempts = counter.lastAttemptAt().isBefore(forgetBefore) ? 1 : counter.attempts() + 1;
        Instant until = attempts > free ? now.plus(lockFor.apply(attempts - free)) : null;
        jdbc.sql("update login_throttle set attempts = ?, last_attempt_at = ?, locked_until = ? where throttle_key = ?")
                .params(attempts, ts(now), ts(until), key).update();
        return Optional.empty();
    }

    private record Counter(int attempts, Instant lastAttemptAt, Instant lockedUntil) {}

    public void clear(Collection<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.sql("delete from login_throttle where throttle_key in (:keys)").param("keys", keys).update();
        }
    }

    /** Takes back one attempt (it succeeded); lifts the lock if the count is within the free attempts again. */
    public void uncount(String key, int free) {
        jdbc.sql("""
                update login_throttle set attempts = greatest(attempts - 1, 0),
                       locked_until = case when attempts - 1 <= ? then null else locked_until end
                where throttle_key = ?""")
                .params(free, key).update();
    }

    public void rememberNetwork(UUID accountId, String network, Instant now) {
        jdbc.sql("""
                insert into known_networks (account_id, network, last_seen_at) values (?, ?, ?)
                on conflict (account_id, network) do update set last_seen_at = excluded.last_seen_at""")
                .params(accountId, network, ts(now)).update();
    }

    public boolean isKnownNetwork(UUID accountId, String network, Instant since) {
        return jdbc.sql("select exists (select 1 from known_networks where account_id = ? and network = ? and last_seen_at > ?)")
                .params(accountId, network, ts(since)).query(Boolean.class).single();
    }

    public int purgeIdleSince(Instant cutoff) {
        return jdbc.sql("delete from login_throttle where last_attempt_at < :cutoff and (locked_until is null or locked_until < :cutoff)")
                .param("cutoff", ts(cutoff)).update();
    }

    public int purgeNetworksNotSeenSince(Instant cutoff) {
        return jdbc.sql("delete from known_networks where last_seen_at < ?").param(ts(cutoff)).update();
    }
}
