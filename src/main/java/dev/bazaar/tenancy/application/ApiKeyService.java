package dev.bazaar.tenancy.application;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.Secret;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.tenancy.PlanLimits;
import dev.bazaar.tenancy.TenancyErrorCode;
import dev.bazaar.tenancy.domain.ApiKeyRepository;
import dev.bazaar.tenancy.domain.ApiKeyRepository.ApiKeyRow;
import dev.bazaar.tenancy.domain.MembershipRepository;
import dev.bazaar.tenancy.domain.Permissions;
import dev.bazaar.tenancy.domain.PlanRepository;
import dev.bazaar.tenancy.domain.ShopRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A shop's API keys: created with scopes no wider than the creator's permissions, shown once, revoked at will. */
@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final ShopRepository shops;
    private final PlanRepository plans;
    private final MembershipRepository memberships;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, ShopRepository shops, PlanRepository plans, MembershipRepository memberships,
                  AuditLog audit, Clock clock) {
        this.keys = keys;
        this.shops = shops;
        this.plans = plans;
        this.memberships = memberships;
        this.audit = audit;
        this.clock = clock;
    }

    public record ApiKeyView(UUID id, String name, String prefix, List<String> scopes, UUID createdBy, Instant createdAt,
                             @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {}

    /** The new key with its secret: the only time the secret is shown. */
    public record CreatedApiKey(UUID id, String name, String prefix, List<String> scopes, Instant createdAt,
                                @Nullable Instant expiresAt, Secret secret) {}

    @Transactional
    public CreatedApiKey create(Actor actor, String name, List<String> scopeCodes, @Nullable Instant expiresAt) {
        UUID tenant = TenantContext.requireTenantId();
        Set<Permission> scopes = StaffService.permissions("scopes", scopeCodes);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApplicationException.invalidField("expires_at", "in_the_past", "must be in the future");
        }
        shops.lock(tenant);
        // A key's scopes must be permissions its creator holds (now, under the lock).
        Grant.current(memberships, tenant).assertHolds(scopes);
        PlanLimits limits = plans.limits(tenant);
        if (keys.countActive(tenant, now) >= limits.apiKeys()) {
            throw limits.reached("api_keys", limits.apiKeys(), "The '" + limits.plan() + "' plan allows "
                    + limits.apiKeys() + " active API keys");
        }
        TenancySecrets.Generated secret = TenancySecrets.generate(TenancySecrets.API_KEY_PREFIX, tenant);
        ApiKeyRow key = new ApiKeyRow(Ids.newId(), name.strip(), TenancySecrets.displayPrefix(secret.secret()), scopes,
                actor.id(), now, expiresAt, null, null);
        keys.insert(tenant, key, secret.hash());
        audit.record("api_key.created", "api_key", key.id(), Map.of(),
                Map.of("name", key.name(), "prefix", key.prefix(), "scopes", Permissions.codeList(scopes)));
        return new CreatedApiKey(key.id(), key.name(), key.prefix(), Permissions.codeList(scopes), now,
                expiresAt, new Secret(secret.secret()));
    }

    @Transactional(readOnly = true)
    public Page<ApiKeyView> list(PageRequest page) {
        return page.page(keys.list(TenantContext.requireTenantId(), page.afterId(), page.fetchSize()).stream()
                .map(ApiKeyService::view).toList(), view -> view.id().toString());
    }

    @Transactional(readOnly = true)
    public ApiKeyView get(UUID id) {
        return keys.find(TenantContext.requireTenantId(), id).filter(key -> key.revokedAt() == null).map(ApiKeyService::view)
                .orElseThrow(ApiKeyService::notFound);
    }

    @Transactional
    public void revoke(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        ApiKeyRow key = keys.find(tenant, id).filter(k -> k.revokedAt() == null).orElseThrow(ApiKeyService::notFound);
        // Revoking a key is managing its scopes: nobody revokes a key more powerful than themselves.
        Grant.current(memberships, tenant).assertHolds(key.scopes());
        keys.revoke(tenant, id, clock.instant());
        audit.record("api_key.revoked", "api_key", id, Map.of("name", key.name(), "prefix", key.prefix()), Map.of());
    }

    private static ApplicationException notFound() {
        return new ApplicationException(TenancyErrorCode.API_KEY_NOT_FOUND, "No such API key in this shop");
    }

    private static ApiKeyView view(ApiKeyRow key) {
        return new ApiKeyView(key.id(), key.name(), key.prefix(), Permissions.codeList(key.scopes()),
                key.createdBy(), key.createdAt(), key.expiresAt(), key.lastUsedAt());
    }
}
