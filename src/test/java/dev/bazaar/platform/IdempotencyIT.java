package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.TestHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency-Key per API_CONVENTIONS, over real HTTP against PostgreSQL. */
@IntegrationTest
class IdempotencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
    }

    long effects(String label) {
        return jdbc.sql("select count(*) from test_effects where label = ?").param(label).query(Long.class).single();
    }

    static String body(String label) {
        return "{\"label\":\"" + label + "\"}";
    }

    @Test
    void replaysFirstResponseByteForByteForRepeatedKey() {
        String label = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        HttpResponse<String> second = http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body()); // the body holds a nanoTime nonce, so a re-run would differ
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void withoutKeyEveryRequestRuns() {
        String label = UUID.randomUUID().toString();
        http.postJson("/api/test/effects", body(label));
        http.postJson("/api/test/effects", body(label));
        assertThat(effects(label)).isEqualTo(2);
    }

    @Test
    void rejectsSameKeyWithDifferentPayload() {
        String key = UUID.randomUUID().toString();
        String label = UUID.randomUUID().toString();
        http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        HttpResponse<String> reused = http.postJson("/api/test/effects", body(label + "-other"), "Idempotency-Key", key);

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("\"code\":\"idempotency_key_reused\"");
        assertThat(effects(label + "-other")).isZero();
    }

    @Test
    void sameKeyOnAnotherPathIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        http.postJson("/api/test/effects", body("a"), "Idempotency-Key", key);
        HttpResponse<String> other = http.postJson("/api/test/charges", body("a"), "Idempotency-Key", key);
        assertThat(other.statusCode()).isEqualTo(422);
    }

    @Test
    void concurrentRequestsWithOneKeyTakeEffectOnce() throws Exception {
        String label = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        int clients = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            assertThat(effects(label)).isEqualTo(1);
            long created = responses.stream().filter(r -> r.statusCode() == 201).count();
            long inProgress = responses.stream().filter(r -> r.statusCode() == 409).count();
            assertThat(created + inProgress).isEqualTo(clients);
            assertThat(created).isGreaterThanOrEqualTo(1);
            assertThat(responses.stream().filter(r -> r.statusCode() == 409))
                    .allSatisfy(r -> assertThat(r.body()).contains("idempotency_request_in_progress"));
            // Every 201 is the same stored response.
            assertThat(responses.stream().filter(r -> r.statusCode() == 201).map(HttpResponse::body).distinct()).hasSize(1);
        }
        HttpResponse<String> after = http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        assertThat(after.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void serverErrorReleasesTheKeySoTheClientCanRetry() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> failed = http.postJson("/api/test/failures", body("x"), "Idempotency-Key", key);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(jdbc.sql("select count(*) from idempotency_keys where idempotency_key = ?").param(key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void validationFailureIsNotStored() {
        String key = UUID.randomUUID().toString();
        assertThat(http.postJson("/api/test/effects", "{\"label\":\"\"}", "Idempotency-Key", key).statusCode()).isEqualTo(400);
        String label = UUID.randomUUID().toString();
        // Same key, corrected payload: runs.
        HttpResponse<String> corrected = http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        assertThat(corrected.statusCode()).isEqualTo(201);
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void rejectsMalformedKeys() {
        assertThat(http.postJson("/api/test/effects", body("x"), "Idempotency-Key", "k".repeat(256)).body())
                .contains("invalid_idempotency_key");
        assertThat(http.postJson("/api/test/effects", body("x"), "Idempotency-Key", "k".repeat(256)).statusCode()).isEqualTo(400);
    }

    @Test
    void moneyMovingEndpointRequiresAKey() {
        HttpResponse<String> without = http.postJson("/api/test/charges", body("x"));
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(without.body()).contains("\"code\":\"idempotency_key_required\"");
        assertThat(http.postJson("/api/test/charges", body("x"), "Idempotency-Key", UUID.randomUUID().toString()).statusCode())
                .isEqualTo(201);
    }

    @Test
    void keysAreScopedByCaller() {
        String key = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into idempotency_keys (scope, idempotency_key, fingerprint, status, response_status, response_body, expires_at)
                values ('principal:someone-else', ?, 'other', 'completed', 201, '{}'::bytea, now() + interval '1 day')""")
                .param(key).update();
        String label = UUID.randomUUID().toString();
        HttpResponse<String> mine = http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        assertThat(mine.statusCode()).isEqualTo(201);
        assertThat(mine.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(effects(label)).isEqualTo(1);
    }

    @Test
    void expiredRecordsArePurgedAndExpiredKeysRunAgain() {
        String key = UUID.randomUUID().toString();
        String label = UUID.randomUUID().toString();
        http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        jdbc.sql("update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = ?").param(key).update();

        HttpResponse<String> again = http.postJson("/api/test/effects", body(label), "Idempotency-Key", key);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(effects(label)).isEqualTo(2);
    }
}
