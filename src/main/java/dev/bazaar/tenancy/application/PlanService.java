package dev.bazaar.tenancy.application;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.Text;
import dev.bazaar.tenancy.PlanLimits;
import dev.bazaar.tenancy.TenancyErrorCode;
import dev.bazaar.tenancy.domain.ApiKeyRepository;
import dev.bazaar.tenancy.domain.InvitationRepository;
import dev.bazaar.tenancy.domain.MembershipRepository;
import dev.bazaar.tenancy.domain.PlanRepository;
import dev.bazaar.tenancy.domain.PlanRepository.PlanRow;
import dev.bazaar.tenancy.domain.PlanRepository.SubscriptionRow;
import dev.bazaar.tenancy.domain.RoleRepository;
import dev.bazaar.tenancy.domain.ShopRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans (defined by platform administrators) and each shop's subscription. Changing to a public plan is an owner action;
 * administrators may also assign hidden plans and set the status. A plan whose limits the shop already exceeds is
 * refused with {@code plan_limit_reached} naming the limit, whoever asks.
 */
@Service
public class PlanService {

    private final PlanRepository plans;
    private final ShopRepository shops;
    private final MembershipRepository memberships;
    private final InvitationRepository invitations;
    private final ApiKeyRepository keys;
    private final RoleRepository roles;
    private final AuditLog audit;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** The bounds the plans table checks too. */
    static final int MAX_API_RATE = 100_000;
    static final int MAX_API_BURST = 1_000_000;

    /** The subscription states (Stripe's names); charging for plans comes with payments. */
    static final Set<String> STATUSES = Set.of("trialing", "active", "past_due", "canceled");

    PlanService(PlanRepository plans, ShopRepository shops, MembershipRepository memberships, InvitationRepository invitations,
                ApiKeyRepository keys, RoleRepository roles, AuditLog audit, TenantScope tenantScope,
                TransactionTemplate transactions, Clock clock) {
        this.plans = plans;
        this.shops = shops;
        this.memberships = memberships;
        this.invitations = invitations;
        this.keys = keys;
        this.roles = roles;
        this.audit = audit;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record PlanView(UUID id, String key, String name, @Nullable String description, Limits limits,
                           List<String> features, boolean isPublic, int position, @Nullable Instant archivedAt,
                           @com.fasterxml.jackson.annotation.JsonIgnore long version) {}

    /** A plan's limits: API rate (sustained per second, burst), seats and quotas. */
    public record Limits(int apiRate, int apiBurst, int staffSeats, int products, long storageBytes, int webhookEndpoints,
                         int apiKeys) {}

    public record SubscriptionView(PlanView plan, String status, Instant currentPeriodStart, Instant currentPeriodEnd,
                                   @Nullable Instant trialEndsAt, Usage usage) {}

    /** What the shop uses of its limits now. */
    public record Usage(int staffSeats, int apiKeys, int customRoles) {}

    public record PlanSpec(@Nullable String key, @Nullable String name, @Nullable String description, @Nullable Limits limits,
                           @Nullable List<String> features, @Nullable Boolean isPublic, @Nullable Integer position,
                           @Nullable Boolean archived) {}

    @Transactional(readOnly = true)
    public List<PlanView> list(boolean includeHidden) {
        return plans.list(includeHidden).stream().map(PlanService::view).toList();
    }

    @Transactional(readOnly = true)
    public PlanView get(String reference) {
        return plans.find(reference).map(PlanService::view).orElseThrow(PlanService::planNotFound);
    }

    @Transactional
    public PlanView create(PlanSpec spec) {
        if (spec.key() == null || spec.name() == null || spec.limits() == null) {
            throw ApplicationException.invalidField(spec.key() == null ? "key" : spec.name() == null ? "name" : "limits",
                    "required", "is required");
        }
        Instant now = clock.instant();
        PlanRow plan = row(Ids.newId(), 0, spec.key(), spec.name(), spec.description(), spec.limits(),
                spec.features() == null ? Set.of() : Set.copyOf(spec.features()), spec.isPublic() == null || spec.isPublic(),
                spec.position() == null ? 0 : spec.position(), null, now);
        try {
            plans.insert(plan);
        } catch (DuplicateKeyException e) {
            throw new ApplicationException(TenancyErrorCode.PLAN_TAKEN, "A plan with the key '" + spec.key() + "' exists");
        }
        return get(plan.id().toString());
    }

    @Transactional
    public PlanView update(String reference, PlanSpec spec, @Nullable Long expectedVersion) {
        PlanRow before = plans.find(reference).orElseThrow(PlanService::planNotFound);
        if (spec.key() != null && !spec.key().equals(before.key())) {
            throw ApplicationException.invalidField("key", "immutable", "cannot be changed");
        }
        Limits limits = spec.limits() != null ? spec.limits() : view(before).limits();
        Instant archivedAt = spec.archived() == null ? before.archivedAt() : spec.archived() ? clock.instant() : null;
        PlanRow after = row(before.id(), before.version(), before.key(), spec.name() != null ? spec.name() : before.name(),
                spec.description() != null ? spec.description() : before.description(), limits,
                spec.features() != null ? Set.copyOf(spec.features()) : before.features(),
                spec.isPublic() != null ? spec.isPublic() : before.isPublic(),
                spec.position() != null ? spec.position() : before.position(), archivedAt, before.createdAt());
        if (!plans.update(after, expectedVersion != null ? expectedVersion : before.version(), clock.instant())) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The plan was changed since you read it");
        }
        return get(before.id().toString());
    }

    @Transactional(readOnly = true)
    public SubscriptionView subscription() {
        UUID tenant = TenantContext.requireTenantId();
        return view(plans.findSubscription(tenant, false).orElseThrow(), usage(tenant));
    }

    /** Moves the current shop to another public, unarchived plan, starting a new period now. */
    @Transactional
    public SubscriptionView changePlan(String planReference) {
        UUID tenant = TenantContext.requireTenantId();
        PlanRow plan = plans.find(planReference).filter(p -> p.isPublic() && p.archivedAt() == null)
                .orElseThrow(PlanService::notChoosable);
        return move(tenant, plan, "active");
    }

    /** An administrator puts a shop on any unarchived plan (hidden ones too) with the given status. */
    public SubscriptionView assign(UUID tenant, String planReference, @Nullable String status) {
        String newStatus = status == null ? "active" : status;
        if (!STATUSES.contains(newStatus)) {
            throw ApplicationException.invalidField("status", "invalid_status",
                    "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        return tenantScope.call(tenant, () -> transactions.execute(tx -> {
            PlanRow plan = plans.find(planReference).filter(p -> p.archivedAt() == null).orElseThrow(PlanService::notChoosable);
            return move(tenant, plan, newStatus);
        }));
    }

    private SubscriptionView move(UUID tenant, PlanRow plan, String status) {
        shops.lock(tenant);
        SubscriptionRow before = plans.findSubscription(tenant, true).orElseThrow();
        Usage usage = usage(tenant);
        PlanLimits limits = plan.limits();
        if (usage.staffSeats() > limits.staffSeats()) {
            throw limits.reached("staff_seats", limits.staffSeats(), "The shop has " + usage.staffSeats()
                    + " members and pending invitations; the '" + plan.key() + "' plan has " + limits.staffSeats() + " seats");
        }
        if (usage.apiKeys() > limits.apiKeys()) {
            throw limits.reached("api_keys", limits.apiKeys(), "The shop has " + usage.apiKeys()
                    + " active API keys; the '" + plan.key() + "' plan allows " + limits.apiKeys());
        }
        if (usage.customRoles() > 0 && !limits.hasFeature(StaffService.CUSTOM_ROLES_FEATURE)) {
            throw limits.reached(StaffService.CUSTOM_ROLES_FEATURE, 0, "The '" + plan.key()
                    + "' plan has no custom roles; delete the shop's custom roles first");
        }
        Instant now = clock.instant();
        plans.changePlan(tenant, plan.id(), status, now, now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant());
        audit.record("subscription.plan_changed", "subscription", tenant,
                Map.of("plan", before.plan().key(), "status", before.status()), Map.of("plan", plan.key(), "status", status));
        return view(plans.findSubscription(tenant, false).orElseThrow(), usage(tenant));
    }

    private static ApplicationException notChoosable() {
        return ApplicationException.invalidField("plan", "unknown_plan", "is not a plan you can choose");
    }

    private Usage usage(UUID tenant) {
        Instant now = clock.instant();
        return new Usage(memberships.count(tenant) + invitations.countPending(tenant, now), keys.countActive(tenant, now),
                roles.count(tenant));
    }

    private static ApplicationException planNotFound() {
        return new ApplicationException(TenancyErrorCode.PLAN_NOT_FOUND, "No such plan");
    }

    private static PlanRow row(UUID id, long version, String key, String rawName, @Nullable String description, Limits limits,
                               Set<String> features, boolean isPublic, int position, @Nullable Instant archivedAt, Instant createdAt) {
        String name = Text.line("name", rawName, 100);
        if (description != null && description.length() > 1000) {
            throw ApplicationException.invalidField("description", "too_long", "must be at most 1000 characters");
        }
        if (!key.matches("[a-z][a-z0-9_-]{1,39}")) {
            throw ApplicationException.invalidField("key", "invalid_key", "must be 2-40 lower-case letters, digits, '-' or '_'");
        }
        if (limits.apiRate() < 1 || limits.apiRate() > MAX_API_RATE || limits.apiBurst() < limits.apiRate()
                || limits.apiBurst() > MAX_API_BURST || limits.staffSeats() < 1 || limits.products() < 0
                || limits.storageBytes() < 0 || limits.webhookEndpoints() < 0 || limits.apiKeys() < 0) {
            throw ApplicationException.invalidField("limits", "invalid_limits", "api_rate must be 1 to " + MAX_API_RATE
                    + ", api_burst from api_rate to " + MAX_API_BURST + ", staff_seats at least 1, the rest at least 0");
        }
        if (features.stream().anyMatch(feature -> !feature.matches("[a-z][a-z0-9_]{1,49}"))) {
            throw ApplicationException.invalidField("features", "invalid_feature", "must be lower-case snake_case names");
        }
        return new PlanRow(id, version, key, name, description, limits.apiRate(), limits.apiBurst(), limits.staffSeats(),
                limits.products(), limits.storageBytes(), limits.webhookEndpoints(), limits.apiKeys(), features, isPublic,
                position, archivedAt, createdAt, createdAt);
    }

    static PlanView view(PlanRow plan) {
        return new PlanView(plan.id(), plan.key(), plan.name(), plan.description(),
                new Limits(plan.apiRate(), plan.apiBurst(), plan.staffSeats(), plan.products(), plan.storageBytes(),
                        plan.webhookEndpoints(), plan.apiKeys()),
                plan.features().stream().sorted().toList(), plan.isPublic(), plan.position(), plan.archivedAt(), plan.version());
    }

    private static SubscriptionView view(SubscriptionRow subscription, Usage usage) {
        return new SubscriptionView(view(subscription.plan()), subscription.status(), subscription.currentPeriodStart(),
                subscription.currentPeriodEnd(), subscription.trialEndsAt(), usage);
    }
}
