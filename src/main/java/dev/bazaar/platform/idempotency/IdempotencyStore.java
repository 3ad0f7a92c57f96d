package dev.bazaar.platform.idempotency;

import dev.bazaar.platform.BazaarProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency records in PostgreSQL. Each statement commits on its own: the claim must be visible to concurrent
 * requests before the work starts, and the stored response must outlive the work's own transaction.
 */
@Component
class IdempotencyStore {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;
    private final Duration retention;
    private final Duration lockTimeout;

    IdempotencyStore(JdbcClient jdbc, JsonMapper jsonMapper, BazaarProperties properties) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.retention = properties.idempotency().retention();
        this.lockTimeout = properties.idempotency().lockTimeout();
    }

    sealed interface Claim {}

    /** This request owns the key and must run. */
    record Started() implements Claim {}

    /** Another request with this key is running. */
    record InProgress() implements Claim {}

    /** The key was used with a different request. */
    record Mismatch() implements Claim {}

    /** The first request finished; replay its response. */
    record Completed(int status, Map<String, List<String>> headers, byte[] body) implements Claim {}

    Claim claim(String scope, String key, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int inserted = jdbc.sql("""
                    insert into idempotency_keys (scope, idempotency_key, fingerprint, status, locked_until, expires_at)
                    values (:scope, :key, :fingerprint, 'running', now() + cast(:lock as interval), now() + cast(:retention as interval))
                    on conflict (scope, idempotency_key) do nothing""")
                    .param("scope", scope).param("key", key).param("fingerprint", fingerprint)
                    .param("lock", interval(lockTimeout)).param("retention", interval(retention))
                    .update();
            if (inserted == 1) {
                return new Started();
            }
            Optional<Row> existing = find(scope, key);
            if (existing.isEmpty()) {
                continue;
            }
            Row row = existing.get();
            if (row.expiresAt().isBefore(Instant.now())) {
                jdbc.sql("delete from idempotency_keys where scope = ? and idempotency_key = ? and expires_at < now()")
                        .params(scope, key).update();
                continue;
            }
            if (!row.fingerprint().equals(fingerprint)) {
                return new Mismatch();
            }
            if ("completed".equals(row.status())) {
                return new Completed(row.responseStatus(), readHeaders(row.responseHeaders()), row.responseBody());
            }
            // Running: if its owner died (lock expired), take the key over; otherwise it is still in progress.
            int taken = jdbc.sql("""
                    update idempotency_keys set locked_until = now() + cast(:lock as interval)
                    where scope = :scope and idempotency_key = :key and status = 'running' and locked_until < now()""")
                    .param("scope", scope).param("key", key).param("lock", interval(lockTimeout))
                    .update();
            return taken == 1 ? new Started() : new InProgress();
        }
        return new InProgress();
    }

    void complete(String scope, String key, int status, Map<String, List<String>> headers, byte[] body) {
        jdbc.sql("""
                update idempotency_keys
                set status = 'completed', locked_until = null, response_status = ?, response_headers = ?, response_body = ?
                where scope = ? and idempotency_key = ?""")
                .params(status, jsonMapper.writeValueAsString(headers), body, scope, key)
                .update();
    }

    /** Forgets a claim whose request did not produce a result worth replaying, so that the client may retry. */
    void release(String scope, String key) {
        jdbc.sql("delete from idempotency_keys where scope = ? and idempotency_key = ? and status = 'running'")
                .params(scope, key).update();
    }

    /** Deletes expired records in bounded batches; returns how many. */
    int purgeExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    delete from idempotency_keys where ctid in (
                        select ctid from idempotency_keys where expires_at < now() limit 5000)""")
                    .update();
            total += deleted;
        } while (deleted == 5000);
        return total;
    }

    private Optional<Row> find(String scope, String key) {
        return jdbc.sql("""
                select fingerprint, status, response_status, response_headers, response_body, expires_at
                from idempotency_keys where scope = ? and idempotency_key = ?""")
                .params(scope, key)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getBytes(5), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    private Map<String, List<String>> readHeaders(@Nullable String json) {
        return json == null ? Map.of() : jsonMapper.readValue(json, HEADERS);
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private record Row(String fingerprint, String status, int responseStatus, @Nullable String responseHeaders,
                       byte @Nullable [] responseBody, Instant expiresAt) {

        @Override
        public byte[] responseBody() {
            return responseBody == null ? new byte[0] : responseBody;
        }
    }
}
