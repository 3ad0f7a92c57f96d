package dev.bazaar.notifications.domain;

import dev.bazaar.platform.persistence.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What accounts chose per notification type and channel; a missing row means the type's default. */
@Repository
public class PreferenceRepository {

    private final JdbcClient jdbc;

    PreferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PreferenceRow(UUID accountId, String type, String channel, boolean enabled) {}

    /** One account's choices (at most types × channels rows). */
    public List<PreferenceRow> of(UUID tenant, UUID accountId) {
        return jdbc.sql("select account_id, type, channel, enabled from notification_preferences "
                        + "where tenant_id = :tenant and account_id = :account")
                .param("tenant", tenant).param("account", accountId)
                .query((rs, n) -> new PreferenceRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    /** The choices of these accounts for one type, in one query. */
    public List<PreferenceRow> forType(UUID tenant, String type, Collection<UUID> accountIds) {
        return jdbc.sql("select account_id, type, channel, enabled from notification_preferences "
                        + "where tenant_id = :tenant and type = :type and account_id = any(:accounts)")
                .param("tenant", tenant).param("type", type).param("accounts", accountIds.toArray(UUID[]::new))
                .query((rs, n) -> new PreferenceRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    public void set(UUID tenant, UUID accountId, String type, String channel, boolean enabled, Instant at) {
        jdbc.sql("""
                        insert into notification_preferences (tenant_id, account_id, type, channel, enabled, updated_at)
                        values (:tenant, :account, :type, :channel, :enabled, :at)
                        on conflict (tenant_id, account_id, type, channel) do update set enabled = excluded.enabled,
                            updated_at = excluded.updated_at""")
                .param("tenant", tenant).param("account", accountId).param("type", type).param("channel", channel)
                .param("enabled", enabled).param("at", Sql.ts(at)).update();
    }

    public void reset(UUID tenant, UUID accountId, String type, String channel) {
        jdbc.sql("delete from notification_preferences where tenant_id = :tenant and account_id = :account and type = :type "
                        + "and channel = :channel")
                .param("tenant", tenant).param("account", accountId).param("type", type).param("channel", channel).update();
    }
}
