package dev.bazaar.notifications.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feed: one row per notification per recipient; every read and write names the account it belongs to. */
@Repository
public class NotificationRepository {

    private static final String COLUMNS = "id, account_id, type, title, summary, data::text as data, read_at, created_at";

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code data} is the stored JSON text (as PostgreSQL renders jsonb: the feed shows it so). */
    public record NotificationRow(UUID id, UUID accountId, String type, String title, String summary, String data,
                                  @Nullable Instant readAt, Instant createdAt) {}

    /** Inserts and returns the row as stored. */
    public NotificationRow insert(UUID tenant, UUID id, UUID accountId, String type, String title, String summary,
                                  String data, Instant at) {
        return jdbc.sql("insert into notifications (tenant_id, id, account_id, type, title, summary, data, created_at) "
                        + "values (:tenant, :id, :account, :type, :title, :summary, cast(:data as jsonb), :at) returning " + COLUMNS)
                .param("tenant", tenant).param("id", id).param("account", accountId).param("type", type)
                .param("title", title).param("summary", summary).param("data", data).param("at", Sql.ts(at))
                .query(NotificationRepository::row).single();
    }

    /** The account's feed, newest first, after {@code beforeId} (the last id of the previous page). */
    public List<NotificationRow> list(UUID tenant, UUID accountId, boolean unreadOnly, @Nullable UUID beforeId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications where tenant_id = :tenant and account_id = :account"
                        + (unreadOnly ? " and read_at is null" : "")
                        + " and (cast(:before as uuid) is null or id < :before) order by id desc limit :limit")
                .param("tenant", tenant).param("account", accountId).param("before", beforeId).param("limit", limit)
                .query(NotificationRepository::row).list();
    }

    public Optional<NotificationRow> find(UUID tenant, UUID accountId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notifications where tenant_id = :tenant and account_id = :account and id = :id")
                .param("tenant", tenant).param("account", accountId).param("id", id)
                .query(NotificationRepository::row).optional();
    }

    /** Marks it read unless it already is (the first read time stays); false if the account has no such notification. */
    public boolean markRead(UUID tenant, UUID accountId, UUID id, Instant at) {
        return jdbc.sql("update notifications set read_at = coalesce(read_at, :at) "
                        + "where tenant_id = :tenant and account_id = :account and id = :id")
                .param("tenant", tenant).param("account", accountId).param("id", id).param("at", Sql.ts(at))
                .update() == 1;
    }

    /** Marks up to {@code limit} of the account's unread notifications read, oldest first; returns how many. */
    public int markAllRead(UUID tenant, UUID accountId, Instant at, int limit) {
        return jdbc.sql("""
                        update notifications set read_at = :at where tenant_id = :tenant and id in (
                            select id from notifications where tenant_id = :tenant and account_id = :account and read_at is null
                            order by id limit :limit)""")
                .param("tenant", tenant).param("account", accountId).param("at", Sql.ts(at)).param("limit", limit)
                .update();
    }

    public long countUnread(UUID tenant, UUID accountId) {
        return jdbc.sql("select count(*) from notifications where tenant_id = :tenant and account_id = :account and read_at is null")
                .param("tenant", tenant).param("account", accountId).query(Long.class).single();
    }

    /** Removes an account's feed and choices in the shop (it left or was removed). */
    public void deleteAccount(UUID tenant, UUID accountId) {
        jdbc.sql("delete from notifications where tenant_id = :tenant and account_id = :account")
                .param("tenant", tenant).param("account", accountId).update();
        jdbc.sql("delete from notification_preferences where tenant_id = :tenant and account_id = :account")
                .param("tenant", tenant).param("account", accountId).update();
    }

    /**
     * Deletes up to {@code limit} rows of every tenant (system scope) that were read and created before
     * {@code readBefore}, or created before {@code before} whether read or not; returns how many.
     */
    public int purge(Instant readBefore, Instant before, int limit) {
        return jdbc.sql("""
                        delete from notifications where ctid in (
                            select ctid from notifications
                            where created_at < :before or (created_at < :readBefore and read_at is not null) limit :limit)""")
                .param("before", Sql.ts(before)).param("readBefore", Sql.ts(readBefore)).param("limit", limit).update();
    }

    static NotificationRow row(ResultSet rs, int n) throws SQLException {
        return new NotificationRow(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("type"), rs.getString("title"), rs.getString("summary"), rs.getString("data"),
                Sql.instant(rs, "read_at"), Sql.instant(rs, "created_at"));
    }
}
