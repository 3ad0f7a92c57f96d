package dev.bazaar.tenancy.domain;

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

/** Invitations to join a shop: pending until accepted, revoked or expired. */
@Repository
public class InvitationRepository {

    private static final String SELECT = "select i.id, i.email, i.builtin_role, i.custom_role_id, r.key as custom_key, "
            + "r.permissions as custom_permissions, i.invited_by, i.created_at, i.expires_at from invitations i "
            + "left join shop_roles r on r.tenant_id = i.tenant_id and r.id = i.custom_role_id ";
    private static final String PENDING = "i.accepted_at is null and i.revoked_at is null and i.expires_at > :now";

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record InvitationRow(UUID id, String email, RoleRef role, UUID invitedBy, Instant createdAt, Instant expiresAt) {}

    public void insert(UUID tenant, InvitationRow invitation, byte[] tokenHash) {
        jdbc.sql("""
                        insert into invitations (tenant_id, id, created_at, email, builtin_role, custom_role_id, token_hash,
                                                 invited_by, expires_at)
                        values (:tenant, :id, :at, :email, :builtin, :custom, :hash, :by, :expires)""")
                .param("tenant", tenant).param("id", invitation.id()).param("at", Sql.ts(invitation.createdAt()))
                .param("email", invitation.email())
                .param("builtin", invitation.role().builtIn() == null ? null : invitation.role().builtIn().key())
                .param("custom", invitation.role().customId()).param("hash", tokenHash).param("by", invitation.invitedBy())
                .param("expires", Sql.ts(invitation.expiresAt()))
                .update();
    }

    /** Ends any open (or expired but unended) invitation for the address, so that a new one can be sent. */
    public int revokeOpenFor(UUID tenant, String email, Instant at) {
        return jdbc.sql("update invitations set revoked_at = :at where tenant_id = :tenant and email = :email "
                        + "and accepted_at is null and revoked_at is null")
                .param("tenant", tenant).param("email", email).param("at", Sql.ts(at)).update();
    }

    public Optional<InvitationRow> findPending(UUID tenant, UUID id, Instant now) {
        return jdbc.sql(SELECT + "where i.tenant_id = :tenant and i.id = :id and " + PENDING)
                .param("tenant", tenant).param("id", id).param("now", Sql.ts(now))
                .query(InvitationRepository::row).optional();
    }

    /** The pending invitation with this token, locked so that it is accepted once. */
    public Optional<InvitationRow> lockPendingByToken(UUID tenant, byte[] tokenHash, Instant now) {
        return jdbc.sql(SELECT + "where i.tenant_id = :tenant and i.token_hash = :hash and " + PENDING + " for update of i")
                .param("tenant", tenant).param("hash", tokenHash).param("now", Sql.ts(now))
                .query(InvitationRepository::row).optional();
    }

    public List<InvitationRow> listPending(UUID tenant, @Nullable UUID afterId, int limit, Instant now) {
        return jdbc.sql(SELECT + "where i.tenant_id = :tenant and " + PENDING
                        + " and (cast(:after as uuid) is null or i.id > :after) order by i.id limit :limit")
                .param("tenant", tenant).param("now", Sql.ts(now)).param("after", afterId).param("limit", limit)
                .query(InvitationRepository::row).list();
    }

    public int countPending(UUID tenant, Instant now) {
        return jdbc.sql("select count(*) from invitations i where i.tenant_id = :tenant and " + PENDING)
                .param("tenant", tenant).param("now", Sql.ts(now)).query(Integer.class).single();
    }

    public boolean revoke(UUID tenant, UUID id, Instant at) {
        return jdbc.sql("update invitations set revoked_at = :at where tenant_id = :tenant and id = :id "
                        + "and accepted_at is null and revoked_at is null")
                .param("tenant", tenant).param("id", id).param("at", Sql.ts(at)).update() == 1;
    }

    public void markAccepted(UUID tenant, UUID id, UUID accountId, Instant at) {
        jdbc.sql("update invitations set accepted_at = :at, accepted_by = :account where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("account", accountId).param("at", Sql.ts(at)).update();
    }

    static InvitationRow row(ResultSet rs, int n) throws SQLException {
        RoleRef role = RoleRef.read(rs);
        return new InvitationRow(rs.getObject("id", UUID.class), rs.getString("email"), role,
                rs.getObject("invited_by", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"));
    }
}
