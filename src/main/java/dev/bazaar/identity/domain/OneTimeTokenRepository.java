package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.ts;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use tokens, stored as SHA-256 digests; using one is a conditional update, so it works at most once. */
@Repository
public class OneTimeTokenRepository {

    public enum Purpose {
        EMAIL_VERIFICATION, PASSWORD_RESET, MFA_CHALLENGE;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A token that was just used: whose it was and what it carried. */
    public record Used(UUID accountId, @Nullable String payload) {}

    private final JdbcClient jdbc;

    OneTimeTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(byte[] digest, Purpose purpose, UUID accountId, @Nullable String payload, Instant now, Instant expiresAt) {
        jdbc.sql("""
                insert into one_time_tokens (token_hash, purpose, account_id, payload, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(digest, purpose.column(), accountId, payload, ts(now), ts(expiresAt)).update();
    }

    /** Uses the token if it exists for this purpose, is unused and unexpired; empty otherwise. */
    public Optional<Used> use(byte[] digest, Purpose purpose, Instant now) {
        return jdbc.sql("""
                update one_time_tokens set used_at = ?
                where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
                returning account_id, payload""")
                .params(ts(now), digest, purpose.column(), ts(now))
                .query((rs, n) -> new Used(rs.getObject("account_id", UUID.class), rs.getString("payload"))).optional();
    }

    /** The account of a live (unused, unexpired) token, without using it. */
    public Optional<UUID> findLive(byte[] digest, Purpose purpose, Instant now) {
        return jdbc.sql("select account_id from one_time_tokens where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
                .params(digest, purpose.column(), ts(now)).query(UUID.class).optional();
    }

    /**
     * The account of a live token with fewer than {@code maxAttempts} failed attempts, row-locked for the rest of the
     * transaction (so that concurrent uses of one token are checked one after the other).
     */
    public Optional<UUID> lockLive(byte[] digest, Purpose purpose, Instant now, int maxAttempts) {
        return jdbc.sql("""
                select account_id from one_time_tokens
                where token_hash = ? and purpose = ? and used_at is null and expires_at > ? and failed_attempts < ?
                for update""")
                .params(digest, purpose.column(), ts(now), maxAttempts).query(UUID.class).optional();
    }

    /** Counts a failed attempt against a live token; the token dies with the {@code maxAttempts}-th failure. */
    public void recordFailedAttempt(byte[] digest, int maxAttempts, Instant now) {
        jdbc.sql("""
                update one_time_tokens
                set failed_attempts = failed_attempts + 1,
                    used_at = case when failed_attempts + 1 >= ? then ? else used_at end
                where token_hash = ? and used_at is null""")
                .params(maxAttempts, ts(now), digest).update();
    }

    /** Ends every live token of this purpose for the account (a newer one replaces them, or the flow is over). */
    public int invalidateAll(UUID accountId, Purpose purpose, Instant now) {
        return jdbc.sql("update one_time_tokens set used_at = ? where account_id = ? and purpose = ? and used_at is null")
                .params(ts(now), accountId, purpose.column()).update();
    }

    public int countCreatedSince(UUID accountId, Purpose purpose, Instant since) {
        return jdbc.sql("select count(*) from one_time_tokens where account_id = ? and purpose = ? and created_at > ?")
                .params(accountId, purpose.column(), ts(since)).query(Integer.class).single();
    }

    /** The payload of the newest live token of this purpose (for verification: the pending password hash). */
    public Optional<String> newestLivePayload(UUID accountId, Purpose purpose, Instant now) {
        return jdbc.sql("""
                select payload from one_time_tokens
                where account_id = ? and purpose = ? and used_at is null and expires_at > ? and payload is not null
                order by created_at desc limit 1""")
                .params(accountId, purpose.column(), ts(now)).query(String.class).optional();
    }

    public int deleteAll(UUID accountId) {
        return jdbc.sql("delete from one_time_tokens where account_id = ?").param(accountId).update();
    }

    public int purgeExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from one_time_tokens where expires_at < ?").param(ts(cutoff)).update();
    }
}
