package dev.bazaar.tenancy.application;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.ShopAccess;
import dev.bazaar.tenancy.TenancyErrorCode;
import dev.bazaar.tenancy.domain.BuiltInRole;
import dev.bazaar.tenancy.domain.MembershipRepository;
import dev.bazaar.tenancy.domain.RoleRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the caller of a shop request holds now. The check at the door (the access interceptor) uses a snapshot taken
 * before the service locks the shop, which a concurrent demotion may have outdated; operations that grant or manage
 * permissions read it again with {@link #current} after taking the shop's lock, and check against that. An API key's
 * grant is its effective scopes, fixed for the request.
 */
record Grant(@Nullable String role, Set<Permission> permissions) {

    static Grant current(MembershipRepository memberships, UUID tenant) {
        Actor actor = CurrentActor.require();
        if (actor.isApiKey()) {
            ShopAccess access = CurrentShop.require();
            return new Grant(access.role(), access.permissions());
        }
        return memberships.findByAccount(tenant, actor.accountId())
                .map(member -> new Grant(member.role().key(), member.role().permissions()))
                .orElseThrow(() -> new ApplicationException(PlatformErrorCode.PERMISSION_DENIED,
                        "You are no longer a member of this shop"));
    }

    boolean isOwner() {
        return BuiltInRole.OWNER.key().equals(role);
    }

    /** Refuses permissions the caller does not hold itself. */
    void assertHolds(Collection<Permission> wanted) {
        List<String> missing = wanted.stream().filter(p -> !permissions.contains(p)).map(Permission::code).sorted().toList();
        if (!missing.isEmpty()) {
            throw new ApplicationException(PlatformErrorCode.PERMISSION_DENIED,
                    "You cannot grant or manage permissions you do not hold: " + String.join(", ", missing), List.of(),
                    Map.of("missing_permissions", missing));
        }
    }

    /** Giving {@code role} to someone (or inviting to it): only owners make owners; nobody grants more than they hold. */
    void assertCanGrant(RoleRef role) {
        if (role.isOwner() && !isOwner()) {
            throw new ApplicationException(TenancyErrorCode.OWNER_ONLY, "Only an owner can make someone an owner");
        }
        assertHolds(role.permissions());
    }

    /** Changing or removing a member who holds {@code role}. */
    void assertCanManage(RoleRef role) {
        if (role.isOwner() && !isOwner()) {
            throw new ApplicationException(TenancyErrorCode.OWNER_ONLY, "Only an owner can change or remove an owner");
        }
        assertHolds(role.permissions());
    }
}
