package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.instant;
import static dev.bazaar.identity.domain.Rows.ts;

import dev.bazaar.platform.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** TOTP secrets (pending until the first code confirms them) and hashed one-time recovery codes. */
@Repository
public class TotpRepository {

    public record Credential(UUID accountId, byte[] secret, @Nullable Instant confirmedAt, long lastUsedStep) {
        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    private final JdbcClient jdbc;

    TotpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Credential> find(UUID accountId) {
        return jdbc.sql("select * from totp_credentials where account_id = ?").param(accountId)
                .query((rs, n) -> new Credential(accountId, rs.getBytes("secret"), instant(rs, "confirmed_at"),
                        rs.getLong("last_used_step")))
                .optional();
    }

    public boolean isEnabled(UUID accountId) {
        return jdbc.sql("select exists (select 1 from totp_credentials where account_id = ? and confirmed_at is not null)")
                .param(accountId).query(Boolean.class).single();
    }

    /** Starts (or restarts) an enrolment; false if two-factor is already confirmed for the account. */
    public boolean startEnrolment(UUID accountId, byte[] secret, Instant now) {
        return jdbc.sql("""
                insert into totp_credentials (account_id, secret, created_at) values (?, ?, ?)
                on conflict (account_id) do update set secret = excluded.secret, created_at = excluded.created_at,
                    last_used_step = 0
                where totp_credentials.confirmed_at is null""")
                .params(accountId, secret, ts(now)).update() == 1;
    }

    /** Accepts the time step once: true only if it is newer than every step accepted before (no replay). */
    public boolean acceptStep(UUID accountId, long step, boolean confirm, Instant now) {
        return jdbc.sql("""
                update totp_credentials set last_used_step = ?, confirmed_at = case when ? then ? else confirmed_at end
                where account_id = ? and last_used_step < ? and (confirmed_at is not null) <> ?""")
                .params(step, confirm, ts(now), accountId, step, confirm).update() == 1;
    }

    public boolean delete(UUID accountId) {
        jdbc.sql("delete from recovery_codes where account_id = ?").param(accountId).update();
        return jdbc.sql("delete from totp_credentials where account_id = ?").param(accountId).update() == 1;
    }

    public void replaceRecoveryCodes(UUID accountId, List<byte[]> digests, Instant now) {
        jdbc.sql("delete from recovery_codes where account_id = ?").param(accountId).update();
        for (byte[] digest : digests) {
            jdbc.sql("insert into recovery_codes (id, account_id, code_hash, created_at) values (?, ?, ?, ?)")
                    .params(Ids.newId(), accountId, digest, ts(now)).update();
        }
    }

    /** Uses the recovery code once; false if it is unknown or already used. */
    public boolean useRecoveryCode(UUID accountId, byte[] digest, Instant now) {
        return jdbc.sql("update recovery_codes set used_at = ? where account_id = ? and code_hash = ? and used_at is null")
                .params(ts(now), accountId, digest).update() == 1;
    }

    public int countUnusedRecoveryCodes(UUID accountId) {
        return jdbc.sql("select count(*) from recovery_codes where account_id = ? and used_at is null")
                .param(accountId).query(Integer.class).single();
    }
}
