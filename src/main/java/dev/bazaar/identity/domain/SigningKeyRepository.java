package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Generated signing keys (only used when no keys are configured), newest first. */
@Repository
public class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The private JWKs of unretired keys, newest first. */
    public List<String> activeKeys() {
        return jdbc.sql("select jwk from signing_keys where retired_at is null order by created_at desc, kid")
                .query(String.class).list();
    }

    /** Serialises key generation across instances for the rest of the transaction. */
    public void lockForGeneration() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('bazaar.identity.signing_keys'))").query(Object.class).list();
    }

    public void insert(String kid, String jwk, Instant now) {
        jdbc.sql("insert into signing_keys (kid, algorithm, jwk, created_at) values (?, 'ES256', ?, ?)")
                .params(kid, jwk, ts(now)).update();
    }
}
