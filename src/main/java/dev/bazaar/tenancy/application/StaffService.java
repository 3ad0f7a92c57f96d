package dev.bazaar.tenancy.application;

import dev.bazaar.identity.AccountDeactivated;
import dev.bazaar.identity.AccountId;
import dev.bazaar.identity.AccountQueries;
import dev.bazaar.identity.AccountSummary;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.MailMessage;
import dev.bazaar.platform.Mailer;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.Text;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.tenancy.PlanLimits;
import dev.bazaar.tenancy.ShopEvent;
import dev.bazaar.tenancy.TenancyErrorCode;
import dev.bazaar.tenancy.config.TenancyProperties;
import dev.bazaar.tenancy.domain.ApiKeyRepository;
import dev.bazaar.tenancy.domain.BuiltInRole;
import dev.bazaar.tenancy.domain.InvitationRepository;
import dev.bazaar.tenancy.domain.InvitationRepository.InvitationRow;
import dev.bazaar.tenancy.domain.MembershipRepository;
import dev.bazaar.tenancy.domain.MembershipRepository.MemberRow;
import dev.bazaar.tenancy.domain.Permissions;
import dev.bazaar.tenancy.domain.PlanRepository;
import dev.bazaar.tenancy.domain.RoleRef;
import dev.bazaar.tenancy.domain.RoleRepository;
import dev.bazaar.tenancy.domain.RoleRepository.RoleRow;
import dev.bazaar.tenancy.domain.ShopRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A shop's staff: members and their roles, custom roles, and invitations. Nobody can grant more than they hold: a
 * role (or an invitation to one) may carry only permissions the acting member has, only owners make or unmake owners,
 * and the last owner can neither leave nor be demoted or removed (checked under a lock on the shop, so two concurrent
 * demotions cannot both pass).
 */
@Service
public class StaffService {

    static final String CUSTOM_ROLES_FEATURE = "custom_roles";

    private final MembershipRepository memberships;
    private final RoleRepository roles;
    private final InvitationRepository invitations;
    private final ApiKeyRepository keys;
    private final ShopRepository shops;
    private final PlanRepository plans;
    private final AccountQueries accounts;
    private final AuditLog audit;
    private final Mailer mailer;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final TenancyProperties properties;
    private final String invitationLink;
    private final Clock clock;

    StaffService(MembershipRepository memberships, RoleRepository roles, InvitationRepository invitations,
                 ApiKeyRepository keys, ShopRepository shops, PlanRepository plans, AccountQueries accounts, AuditLog audit, Mailer mailer,
                 TenantScope tenantScope, TransactionTemplate transactions, ApplicationEventPublisher events,
                 TenancyProperties properties, BazaarProperties platform, Clock clock) {
        this.memberships = memberships;
        this.roles = roles;
        this.invitations = invitations;
        this.keys = keys;
        this.shops = shops;
        this.plans = plans;
        this.accounts = accounts;
        this.audit = audit;
        this.mailer = mailer;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.invitationLink = properties.invitationLink() != null ? properties.invitationLink()
                : platform.publicUrl().toString().replaceAll("/$", "") + "/invitations/accept#token={token}";
        this.clock = clock;
    }

    public record RoleView(@Nullable UUID id, String key, String name, @Nullable String description, List<String> permissions,
                           boolean builtIn, @com.fasterxml.jackson.annotation.JsonIgnore long version) {}

    public record MemberView(UUID id, UUID accountId, @Nullable String email, @Nullable String name, String role,
                             Instant createdAt, Instant updatedAt) {}

    public record InvitationView(UUID id, String email, String role, UUID invitedBy, Instant createdAt, Instant expiresAt) {}

    public record AcceptedInvitation(UUID shopId, String shopHandle, UUID memberId, String role) {}

    public record CreateRole(String key, String name, @Nullable String description, List<String> permissions) {}

    public record UpdateRole(@Nullable String name, @Nullable String description, @Nullable List<String> permissions) {}

    // --- roles ---------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<RoleView> listRoles() {
        List<RoleView> views = new ArrayList<>();
        Arrays.stream(BuiltInRole.values()).map(StaffService::view).forEach(views::add);
        roles.list(TenantContext.requireTenantId()).stream().map(StaffService::view).forEach(views::add);
        return views;
    }

    @Transactional(readOnly = true)
    public RoleView getRole(String reference) {
        return BuiltInRole.fromKey(reference).map(StaffService::view)
                .orElseGet(() -> view(roles.find(TenantContext.requireTenantId(), reference).orElseThrow(StaffService::roleNotFound)));
    }

    @Transactional
    public RoleView createRole(CreateRole command) {
        UUID tenant = TenantContext.requireTenantId();
        shops.lock(tenant);
        Grant grant = Grant.current(memberships, tenant);
        PlanLimits limits = plans.limits(tenant);
        if (!limits.hasFeature(CUSTOM_ROLES_FEATURE)) {
            throw limits.reached(CUSTOM_ROLES_FEATURE, 0, "Custom roles are not part of the '" + limits.plan() + "' plan");
        }
        String key = command.key().strip().toLowerCase(Locale.ROOT);
        if (BuiltInRole.fromKey(key).isPresent() || !key.matches("[a-z][a-z0-9_-]{1,39}")) {
            throw ApplicationException.invalidField("key", "invalid_key",
                    "must be 2-40 lower-case letters, digits, '-' or '_', starting with a letter, and not a built-in role");
        }
        Set<Permission> permissions = permissions("permissions", command.permissions());
        grant.assertHolds(permissions);
        Instant now = clock.instant();
        RoleRow role = new RoleRow(Ids.newId(), 0, key, Text.line("name", command.name(), 100), command.description(), permissions, now, now);
        try {
            roles.insert(tenant, role);
        } catch (DuplicateKeyException e) {
            throw new ApplicationException(TenancyErrorCode.ROLE_TAKEN, "A role with the key '" + key + "' exists");
        }
        audit.record("role.created", "role", role.id(), Map.of(), roleFields(role));
        return view(role);
    }

    @Transactional
    public RoleView updateRole(String reference, UpdateRole command, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        if (BuiltInRole.fromKey(reference).isPresent()) {
            throw new ApplicationException(TenancyErrorCode.BUILT_IN_ROLE, "Built-in roles cannot be changed; create a custom role");
        }
        shops.lock(tenant);
        Grant grant = Grant.current(memberships, tenant);
        RoleRow before = roles.find(tenant, reference).orElseThrow(StaffService::roleNotFound);
        grant.assertHolds(before.permissions());
        Set<Permission> permissions = command.permissions() != null ? permissions("permissions", command.permissions()) : before.permissions();
        grant.assertHolds(permissions);
        long version = expectedVersion != null ? expectedVersion : before.version();
        String name = command.name() != null ? Text.line("name", command.name(), 100) : before.name();
        String description = command.description() != null ? command.description() : before.description();
        if (!roles.update(tenant, before.id(), version, name, description, permissions, clock.instant())) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The role was changed since you read it");
        }
        RoleRow after = roles.find(tenant, before.id().toString()).orElseThrow();
        audit.record("role.updated", "role", after.id(), roleFields(before), roleFields(after));
        return view(after);
    }

    @Transactional
    public void deleteRole(String reference) {
        UUID tenant = TenantContext.requireTenantId();
        if (BuiltInRole.fromKey(reference).isPresent()) {
            throw new ApplicationException(TenancyErrorCode.BUILT_IN_ROLE, "Built-in roles cannot be deleted");
        }
        shops.lock(tenant);
        RoleRow role = roles.find(tenant, reference).orElseThrow(StaffService::roleNotFound);
        Grant.current(memberships, tenant).assertHolds(role.permissions());
        int holders = memberships.countWithRole(tenant, role.id());
        if (holders > 0) {
            throw new ApplicationException(TenancyErrorCode.ROLE_IN_USE, holders + " member(s) hold this role; give them another first");
        }
        roles.delete(tenant, role.id());
        audit.record("role.deleted", "role", role.id(), roleFields(role), Map.of());
    }

    // --- members -------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Page<MemberView> listMembers(PageRequest page) {
        List<MemberRow> rows = memberships.list(TenantContext.requireTenantId(), page.afterId(), page.fetchSize());
        Map<AccountId, AccountSummary> people = accounts.findAll(rows.stream().map(row -> new AccountId(row.accountId())).toList());
        return page.page(rows.stream().map(row -> view(row, people.get(new AccountId(row.accountId())))).toList(),
                view -> view.id().toString());
    }

    @Transactional(readOnly = true)
    public MemberView getMember(UUID id) {
        MemberRow row = memberships.find(TenantContext.requireTenantId(), id).orElseThrow(StaffService::memberNotFound);
        return view(row, accounts.find(new AccountId(row.accountId())).orElse(null));
    }

    @Transactional
    public MemberView changeRole(UUID memberId, String roleKey) {
        UUID tenant = TenantContext.requireTenantId();
        shops.lock(tenant);
        MemberRow target = memberships.find(tenant, memberId).orElseThrow(StaffService::memberNotFound);
        RoleRef role = resolveRole(tenant, roleKey);
        Grant grant = Grant.current(memberships, tenant);
        grant.assertCanManage(target.role());
        grant.assertCanGrant(role);
        if (target.role().isOwner() && !role.isOwner() && memberships.countOwners(tenant) <= 1) {
            throw lastOwner();
        }
        Instant now = clock.instant();
        memberships.updateRole(tenant, memberId, role, now);
        audit.record("member.role_changed", "member", memberId, Map.of("role", target.role().key()), Map.of("role", role.key()));
        events.publishEvent(new ShopEvent.MemberRoleChanged(tenant, memberId, target.accountId(), role.key(), now));
        return getMember(memberId);
    }

    @Transactional
    public void removeMember(UUID memberId) {
        UUID tenant = TenantContext.requireTenantId();
        shops.lock(tenant);
        MemberRow target = memberships.find(tenant, memberId).orElseThrow(StaffService::memberNotFound);
        Grant.current(memberships, tenant).assertCanManage(target.role());
        remove(tenant, target, "member.removed");
    }

    /** The caller leaves the shop. */
    @Transactional
    public void leave(Actor actor) {
        UUID tenant = TenantContext.requireTenantId();
        shops.lock(tenant);
        MemberRow self = memberships.findByAccount(tenant, actor.accountId()).orElseThrow(StaffService::memberNotFound);
        remove(tenant, self, "member.left");
    }

    /**
     * An account is being deactivated: it leaves every shop (audited as {@code member.left}). Runs inside the
     * deactivation's transaction, so refusing here refuses the deactivation: the last owner of a shop that is not
     * deleted must first make another member an owner (as GitHub asks of an organisation's last owner). Memberships
     * of deleted shops go with their purge.
     */
    @EventListener
    void onAccountDeactivated(AccountDeactivated event) {
        UUID account = event.accountId().value();
        for (UUID tenant : tenantScope.system("the shops of an account being deactivated", () -> memberships.tenantsOf(account))) {
            tenantScope.run(tenant, () -> {
                var shop = shops.lock(tenant).orElseThrow();
                if ("deleted".equals(shop.status())) {
                    return;
                }
                memberships.findByAccount(tenant, account).ifPresent(member -> {
                    if (member.role().isOwner() && memberships.countOwners(tenant) <= 1) {
                        throw new ApplicationException(TenancyErrorCode.LAST_OWNER, "You are the last owner of the shop '"
                                + shop.handle() + "'; make another member an owner before deactivating your account");
                    }
                    remove(tenant, member, "member.left");
                });
            });
        }
    }

    private void remove(UUID tenant, MemberRow target, String action) {
        if (target.role().isOwner() && memberships.countOwners(tenant) <= 1) {
            throw lastOwner();
        }
        memberships.delete(tenant, target.id());
        audit.record(action, "member", target.id(), Map.of("account_id", target.accountId().toString(), "role", target.role().key()), Map.of());
        // The keys a member made leave with them (they stop authenticating anyway; revoking says so in lists and audit).
        for (var key : keys.revokeCreatedBy(tenant, target.accountId(), clock.instant())) {
            audit.record("api_key.revoked", "api_key", key.id(), Map.of("name", key.name(), "prefix", key.prefix()),
                    Map.of("reason", "creator_left"));
        }
        events.publishEvent(new ShopEvent.MemberRemoved(tenant, target.id(), target.accountId(), clock.instant()));
    }

    // --- invitations ---------------------------------------------------------------------------------------------

    /** Invites an address to a role: a mail with a single-use link; a newer invitation replaces an open one. */
    @Transactional
    public InvitationView invite(Actor actor, String email, String roleKey) {
        UUID tenant = TenantContext.requireTenantId();
        var shop = shops.lock(tenant).orElseThrow();
        String address = AccountQueries.normaliseEmail(email);
        RoleRef role = resolveRole(tenant, roleKey);
        Grant.current(memberships, tenant).assertCanGrant(role);
        var existing = accounts.findByEmail(address);
        if (existing.isPresent() && memberships.findByAccount(tenant, existing.get().id().value()).isPresent()) {
            throw new ApplicationException(TenancyErrorCode.ALREADY_MEMBER, "This address already belongs to a member");
        }
        Instant now = clock.instant();
        invitations.revokeOpenFor(tenant, address, now);
        assertSeatFree(tenant, now);
        TenancySecrets.Generated token = TenancySecrets.generate(TenancySecrets.INVITATION_PREFIX, tenant);
        InvitationRow invitation = new InvitationRow(Ids.newId(), address, role, actor.id(), now,
                now.plus(properties.invitationTtl()));
        invitations.insert(tenant, invitation, token.hash());
        audit.record("invitation.created", "invitation", invitation.id(), Map.of(), Map.of("email", address, "role", role.key()));
        String inviter = actor.isApiKey() ? shop.name() : accounts.find(new AccountId(actor.accountId()))
                .map(account -> account.name() != null ? account.name() : account.email()).orElse(shop.name());
        mailer.send(new MailMessage(address, "You are invited to " + shop.name() + " on Bazaar", "tenancy-invitation",
                Map.of("inviter", inviter, "shop", shop.name(), "role", role.key(),
                        "link", invitationLink.replace("{token}", token.secret()), "token", token.secret(),
                        "days", Math.max(1, properties.invitationTtl().toDays())), Locale.forLanguageTag(shop.locale())));
        return view(invitation);
    }

    @Transactional(readOnly = true)
    public Page<InvitationView> listInvitations(PageRequest page) {
        return page.page(invitations.listPending(TenantContext.requireTenantId(), page.afterId(), page.fetchSize(), clock.instant())
                .stream().map(StaffService::view).toList(), view -> view.id().toString());
    }

    @Transactional
    public void revokeInvitation(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        shops.lock(tenant);
        InvitationRow invitation = invitations.findPending(tenant, id, clock.instant())
                .orElseThrow(() -> new ApplicationException(TenancyErrorCode.INVITATION_NOT_FOUND, "No pending invitation " + id));
        // Withdrawing an invitation is managing its role: an owner's invitation is an owner's to withdraw.
        Grant.current(memberships, tenant).assertCanManage(invitation.role());
        invitations.revoke(tenant, id, clock.instant());
        audit.record("invitation.revoked", "invitation", id, Map.of("email", invitation.email()), Map.of());
    }

    /**
     * Accepts an invitation for the signed-in account, whose address must be the invited one. 400
     * {@code invitation_invalid} for an unknown, used, revoked or expired token (all alike).
     */
    public AcceptedInvitation accept(Actor actor, String token) {
        TenancySecrets.Presented presented = TenancySecrets.parse(TenancySecrets.INVITATION_PREFIX, token.strip())
                .orElseThrow(StaffService::invitationInvalid);
        AccountSummary account = accounts.find(new AccountId(actor.accountId())).orElseThrow(StaffService::invitationInvalid);
        return tenantScope.call(presented.tenantId(), () -> transactions.execute(status -> {
            UUID tenant = presented.tenantId();
            var shop = shops.lock(tenant).filter(s -> "active".equals(s.status())).orElseThrow(StaffService::invitationInvalid);
            Instant now = clock.instant();
            InvitationRow invitation = invitations.lockPendingByToken(tenant, presented.hash(), now)
                    .orElseThrow(StaffService::invitationInvalid);
            if (!invitation.email().equals(AccountQueries.normaliseEmail(account.email()))) {
                throw new ApplicationException(TenancyErrorCode.INVITATION_FOR_ANOTHER_ADDRESS,
                        "This invitation was sent to another address; sign in with the account of that address");
            }
            if (memberships.findByAccount(tenant, account.id().value()).isPresent()) {
                throw new ApplicationException(TenancyErrorCode.ALREADY_MEMBER, "You are already a member of this shop");
            }
            UUID memberId = Ids.newId();
            memberships.insert(tenant, memberId, account.id().value(), invitation.role(), now);
            invitations.markAccepted(tenant, invitation.id(), account.id().value(), now);
            audit.record("member.added", "member", memberId, Map.of(),
                    Map.of("account_id", account.id().value().toString(), "role", invitation.role().key(), "invitation_id", invitation.id().toString()));
            events.publishEvent(new ShopEvent.MemberAdded(tenant, memberId, account.id().value(), invitation.role().key(), now));
            return new AcceptedInvitation(tenant, shop.handle(), memberId, invitation.role().key());
        }));
    }

    // --- rules ---------------------------------------------------------------------------------------------------

    private void assertSeatFree(UUID tenant, Instant now) {
        PlanLimits limits = plans.limits(tenant);
        int used = memberships.count(tenant) + invitations.countPending(tenant, now);
        if (used >= limits.staffSeats()) {
            throw limits.reached("staff_seats", limits.staffSeats(), "The '" + limits.plan() + "' plan has "
                    + limits.staffSeats() + " staff seats, counting pending invitations; all are taken");
        }
    }

    private RoleRef resolveRole(UUID tenant, String key) {
        return BuiltInRole.fromKey(key).map(RoleRef::of)
                .or(() -> roles.find(tenant, key).map(RoleRow::ref))
                .orElseThrow(() -> ApplicationException.invalidField("role", "unknown_role", "is not a role of this shop"));
    }

    static Set<Permission> permissions(String field, List<String> codes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            permissions.add(Permission.fromCode(code).orElseThrow(() -> ApplicationException.invalidField(field,
                    "unknown_permission", "'" + code + "' is not a permission")));
        }
        if (permissions.isEmpty()) {
            throw ApplicationException.invalidField(field, "empty", "must name at least one permission");
        }
        return permissions;
    }

    private static ApplicationException roleNotFound() {
        return new ApplicationException(TenancyErrorCode.ROLE_NOT_FOUND, "No such role in this shop");
    }

    private static ApplicationException memberNotFound() {
        return new ApplicationException(TenancyErrorCode.MEMBER_NOT_FOUND, "No such member in this shop");
    }

    private static ApplicationException invitationInvalid() {
        return new ApplicationException(TenancyErrorCode.INVITATION_INVALID,
                "The invitation is invalid, has expired, was revoked or was already used");
    }

    private static ApplicationException lastOwner() {
        return new ApplicationException(TenancyErrorCode.LAST_OWNER, "The shop's last owner cannot leave, be removed or be demoted");
    }

    private static Map<String, Object> roleFields(RoleRow role) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", role.key());
        fields.put("name", role.name());
        fields.put("description", role.description());
        fields.put("permissions", Permissions.codeList(role.permissions()));
        return fields;
    }

    private static RoleView view(BuiltInRole role) {
        return new RoleView(null, role.key(), role.name().charAt(0) + role.key().substring(1), null,
                Permissions.codeList(role.permissions()), true, 0);
    }

    private static RoleView view(RoleRow role) {
        return new RoleView(role.id(), role.key(), role.name(), role.description(),
                Permissions.codeList(role.permissions()), false, role.version());
    }

    private static MemberView view(MemberRow row, @Nullable AccountSummary account) {
        return new MemberView(row.id(), row.accountId(), account == null ? null : account.email(),
                account == null ? null : account.name(), row.role().key(), row.createdAt(), row.updatedAt());
    }

    private static InvitationView view(InvitationRow row) {
        return new InvitationView(row.id(), row.email(), row.role().key(), row.invitedBy(), row.createdAt(), row.expiresAt());
    }
}
