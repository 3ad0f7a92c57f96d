package dev.bazaar.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class IdempotencyPurgeIT {

    @Autowired
    IdempotencyStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void purgeDeletesOnlyExpiredRecords() {
        jdbc.sql("""
                insert into idempotency_keys (scope, idempotency_key, fingerprint, status, response_status, expires_at)
                values ('purge-test', 'old', 'f', 'completed', 201, now() - interval '1 minute'),
                       ('purge-test', 'fresh', 'f', 'completed', 201, now() + interval '1 day')""").update();

        assertThat(store.purgeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select idempotency_key from idempotency_keys where scope = 'purge-test'")
                .query(String.class).list()).containsExactly("fresh");
    }
}
