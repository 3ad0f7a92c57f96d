package dev.bazaar.tenancy.application;

import dev.bazaar.platform.Ids;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.ShopAccess;
import dev.bazaar.platform.security.ShopDirectory;
import dev.bazaar.tenancy.domain.RoleRef;
import dev.bazaar.tenancy.domain.ShopRepository;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves the {@code {shop}} of a request with the caller's membership, role permissions and the plan's API rate in
 * one query. It runs before the tenant is known, so in the system scope: the one read per request that crosses tenants.
 */
@Component
class TenancyDirectory implements ShopDirectory {

    private static final String QUERY = """
            select s.id, s.handle, s.status, p.api_rate, p.api_burst, m.id as member_id, m.builtin_role,
                   m.custom_role_id, r.key as custom_key, r.permissions as custom_permissions
            from shops s
            join subscriptions sub on sub.tenant_id = s.id
            join plans p on p.id = sub.plan_id
            left join memberships m on m.tenant_id = s.id and m.account_id = :account
            left join shop_roles r on r.tenant_id = m.tenant_id and r.id = m.custom_role_id
            where s.status <> 'deleted' and\s""";

    private final JdbcClient jdbc;
    private final TenantScope tenantScope;
    private final TransactionTemplate readOnly;

    TenancyDirectory(JdbcClient jdbc, TenantScope tenantScope, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.tenantScope = tenantScope;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    @Override
    public Optional<ShopAccess> resolve(String shopReference, @Nullable Actor actor) {
        UUID id = Ids.parse(shopReference).orElse(null);
        if (id == null && !ShopRepository.HANDLE.matcher(shopReference).matches()) {
            return Optional.empty();
        }
        UUID account = actor == null || actor.isApiKey() ? null : actor.accountId();
        return tenantScope.system("resolve the shop of a request and the caller's membership", () -> readOnly.execute(status ->
                jdbc.sql(QUERY + (id != null ? "s.id = :id" : "s.handle = :handle"))
                        .param("account", account).param("id", id).param("handle", shopReference)
                        .query((rs, n) -> {
                            UUID tenant = rs.getObject("id", UUID.class);
                            String role = null;
                            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                            UUID memberId = rs.getObject("member_id", UUID.class);
                            if (actor != null && actor.isApiKey()) {
                                if (tenant.equals(actor.tenantId())) {
                                    role = "api_key";
                                    permissions.addAll(actor.scopes());
                                }
                            } else if (memberId != null) {
                                RoleRef held = RoleRef.read(rs);
                                role = held.key();
                                permissions.addAll(held.permissions());
                            }
                            return new ShopAccess(tenant, rs.getString("handle"), "suspended".equals(rs.getString("status")),
                                    memberId, role, permissions, rs.getInt("api_rate"), rs.getInt("api_burst"));
                        })
                        .optional()));
    }
}
