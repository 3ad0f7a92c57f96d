package dev.bazaar.tenancy;

import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.tenancy.domain.BuiltInRole;
import dev.bazaar.tenancy.domain.MembershipRepository;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the current shop's members for other modules (who to notify): the accounts holding a permission, the
 * owners, whether an account is a member. Each list is bounded by {@link #MAX_ACCOUNTS} and ordered by account id.
 */
@Service
public class MemberQueries {

    /** The most accounts one list returns. */
    public static final int MAX_ACCOUNTS = 1000;

    private final MembershipRepository memberships;

    MemberQueries(MembershipRepository memberships) {
        this.memberships = memberships;
    }

    /** The accounts whose role (built-in or custom) holds {@code permission}. */
    @Transactional(readOnly = true)
    public List<UUID> accountsHolding(Permission permission) {
        List<String> roles = Arrays.stream(BuiltInRole.values()).filter(role -> role.permissions().contains(permission))
                .map(BuiltInRole::key).toList();
        return memberships.accountsHolding(TenantContext.requireTenantId(), roles, permission.code(), MAX_ACCOUNTS);
    }

    /** The accounts of the shop's owners. */
    @Transactional(readOnly = true)
    public List<UUID> owners() {
        return memberships.accountsHolding(TenantContext.requireTenantId(), List.of(BuiltInRole.OWNER.key()), null,
                MAX_ACCOUNTS);
    }

    /** Whether the account is a member of the current shop. */
    @Transactional(readOnly = true)
    public boolean isMember(UUID accountId) {
        return memberships.findByAccount(TenantContext.requireTenantId(), accountId).isPresent();
    }
}
