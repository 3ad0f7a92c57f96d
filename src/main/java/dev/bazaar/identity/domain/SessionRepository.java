package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.instant;
import static dev.bazaar.identity.domain.Rows.requiredInstant;
import static dev.bazaar.identity.domain.Rows.ts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions (refresh-token families) and their refresh tokens. Rotation is one conditional update, so that of two
 * concurrent refreshes with the same token exactly one finds it unused.
 */
@Repository
public class SessionRepository {

    /** A session row. {@code methods} is {@code password} or {@code password_otp}. */
    public record Session(UUID id, UUID accountId, Instant createdAt, Instant authenticatedAt, String methods,
                          Instant lastUsedAt, Instant idleExpiresAt, Instant expiresAt, @Nullable String userAgent,
                          @Nullable String ipAddress, @Nullable Instant revokedAt, @Nullable String revokedReason) {

        public boolean isUsable(Instant now) {
            return revokedAt == null && idleExpiresAt.isAfter(now) && expiresAt.isAfter(now);
        }
    }

    /** What a refresh token's digest points at: its session, the session's account, and whether it was rotated. */
    public record RefreshTokenState(UUID sessionId, UUID accountId, @Nullable Instant usedAt) {}

    /** What an access-token check needs, read in one query. */
    public record AccessCheck(String accountStatus, Set<String> platformRoles, @Nullable Instant revokedAt,
                              Instant expiresAt, Instant authenticatedAt, String methods) {}

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Session session) {
        jdbc.sql("""
                insert into auth_sessions (id, account_id, created_at, authenticated_at, methods, last_used_at,
                                           idle_expires_at, expires_at, user_agent, ip_address)
                values (:id, :account, :created, :authenticated, :methods, :lastUsed, :idle, :expires, :ua, :ip)""")
                .param("id", session.id()).param("account", session.accountId()).param("created", ts(session.createdAt()))
                .param("authenticated", ts(session.authenticatedAt())).param("methods", session.methods())
                .param("lastUsed", ts(session.lastUsedAt())).param("idle", ts(session.idleExpiresAt()))
                .param("expires", ts(session.expiresAt())).param("ua", session.userAgent()).param("ip", session.ipAddress())
                .update();
    }

    public void insertRefreshToken(byte[] digest, UUID sessionId, Instant now) {
        jdbc.sql("insert into refresh_tokens (token_hash, session_id, issued_at) values (?, ?, ?)")
                .params(digest, sessionId, ts(now)).update();
    }

    /** Marks the token used if it was not; returns its session only for the one caller that did so. */
    public Optional<UUID> markUsed(byte[] digest, Instant now) {
        return jdbc.sql("update refresh_tokens set used_at = ? where token_hash = ? and used_at is null returning session_id")
                .params(ts(now), digest).query(UUID.class).optional();
    }

    public Optional<RefreshTokenState> findRefreshToken(byte[] digest) {
        return jdbc.sql("""
                select t.session_id, s.account_id, t.used_at
                from refresh_tokens t join auth_sessions s on s.id = t.session_id where t.token_hash = ?""")
                .param(digest)
                .query((rs, n) -> new RefreshTokenState(rs.getObject("session_id", UUID.class),
                        rs.getObject("account_id", UUID.class), instant(rs, "used_at")))
                .optional();
    }

    /** The session, locked until the transaction ends. */
    public Optional<Session> lock(UUID sessionId) {
        return jdbc.sql("select * from auth_sessions where id = ? for update").param(sessionId)
                .query(SessionRepository::session).optional();
    }

    public void touch(UUID sessionId, Instant now, Instant idleExpiresAt, @Nullable String userAgent, @Nullable String ipAddress) {
        jdbc.sql("""
                update auth_sessions set last_used_at = ?, idle_expires_at = least(?, expires_at),
                       user_agent = coalesce(?, user_agent), ip_address = coalesce(?, ip_address)
                where id = ?""")
                .params(ts(now), ts(idleExpiresAt), userAgent, ipAddress, sessionId).update();
    }

    /** Revokes the account's live sessions beyond the newest {@code keep}; returns how many. */
    public int revokeBeyondNewest(UUID accountId, int keep, String reason, Instant now) {
        return jdbc.sql("""
                update auth_sessions set revoked_at = :now, revoked_reason = :reason
                where account_id = :account and revoked_at is null and id not in (
                    select id from auth_sessions where account_id = :account and revoked_at is null order by id desc limit :keep)""")
                .param("now", ts(now)).param("reason", reason).param("account", accountId).param("keep", keep).update();
    }

    /** Revokes every live session of every account (the operator's emergency stop); returns how many. */
    public int revokeEverything(String reason, Instant now) {
        return jdbc.sql("update auth_sessions set revoked_at = ?, revoked_reason = ? where revoked_at is null")
                .params(ts(now), reason).update();
    }

    /** Revokes the session if it is not revoked yet; true if this call revoked it. */
    public boolean revoke(UUID sessionId, String reason, Instant now) {
        return jdbc.sql("update auth_sessions set revoked_at = ?, revoked_reason = ? where id = ? and revoked_at is null")
                .params(ts(now), reason, sessionId).update() == 1;
    }

    /** Revokes the account's live sessions except {@code keep}; returns the ids revoked. */
    public List<UUID> revokeAll(UUID accountId, @Nullable UUID keep, String reason, Instant now) {
        return jdbc.sql("""
                update auth_sessions set revoked_at = :now, revoked_reason = :reason
                where account_id = :account and revoked_at is null and expires_at > :now
                  and (cast(:keep as uuid) is null or id <> cast(:keep as uuid))
                returning id""")
                .param("now", ts(now)).param("reason", reason).param("account", accountId).param("keep", keep)
                .query(UUID.class).list();
    }

    /** The account's usable sessions, newest first, keyset-paginated by id (UUIDv7, so by creation time). */
    public List<Session> listUsable(UUID accountId, Instant now, @Nullable UUID before, int limit) {
        return jdbc.sql("""
                select * from auth_sessions
                where account_id = :account and revoked_at is null and idle_expires_at > :now and expires_at > :now
                  and (cast(:before as uuid) is null or id < cast(:before as uuid))
                order by id desc limit :limit""")
                .param("account", accountId).param("now", ts(now)).param("before", before).param("limit", limit)
                .query(SessionRepository::session).list();
    }

    public Optional<AccessCheck> accessCheck(UUID sessionId, UUID accountId) {
        return jdbc.sql("""
                select a.status, a.platform_roles, s.revoked_at, s.expires_at, s.authenticated_at, s.methods
                from auth_sessions s join accounts a on a.id = s.account_id
                where s.id = ? and s.account_id = ?""")
                .params(sessionId, accountId)
                .query((rs, n) -> new AccessCheck(rs.getString("status"), roles(rs.getArray("platform_roles")),
                        instant(rs, "revoked_at"), requiredInstant(rs, "expires_at"),
                        requiredInstant(rs, "authenticated_at"), rs.getString("methods")))
                .optional();
    }

    /** Deletes sessions (and, by cascade, their refresh tokens) that ended before {@code cutoff}. */
    public int purgeEndedBefore(Instant cutoff) {
        return jdbc.sql("delete from auth_sessions where expires_at < :cutoff or idle_expires_at < :cutoff or revoked_at < :cutoff")
                .param("cutoff", ts(cutoff)).update();
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                requiredInstant(rs, "created_at"), requiredInstant(rs, "authenticated_at"), rs.getString("methods"),
                requiredInstant(rs, "last_used_at"), requiredInstant(rs, "idle_expires_at"), requiredInstant(rs, "expires_at"),
                rs.getString("user_agent"), rs.getString("ip_address"), instant(rs, "revoked_at"), rs.getString("revoked_reason"));
    }

    private static Set<String> roles(@Nullable Array array) throws SQLException {
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }
}
