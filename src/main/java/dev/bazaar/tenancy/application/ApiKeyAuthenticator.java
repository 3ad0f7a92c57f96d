package dev.bazaar.tenancy.application;

import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.BearerTokenAuthenticator;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.tenancy.domain.ApiKeyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authenticates {@code Authorization: Bearer bz_live_…}: the shop id inside the key scopes the lookup to that tenant,
 * the key must be unrevoked, unexpired, of a shop that is not deleted, and its creator still a member; the actor is
 * limited to that shop and to the key's scopes that its creator still holds. Use is recorded at most once a minute.
 */
@Component
class ApiKeyAuthenticator implements BearerTokenAuthenticator {

    private final ApiKeyRepository keys;
    private final TenantScope tenantScope;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeyRepository keys, TenantScope tenantScope, TransactionTemplate transactions, Clock clock) {
        this.keys = keys;
        this.tenantScope = tenantScope;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Optional<Actor> authenticate(String token) {
        return TenancySecrets.parse(TenancySecrets.API_KEY_PREFIX, token).flatMap(presented ->
                tenantScope.call(presented.tenantId(), () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    return keys.findActive(presented.tenantId(), presented.hash(), now).map(active -> {
                        var key = active.key();
                        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(ApiKeyRepository.TOUCH_INTERVAL))) {
                            keys.touch(presented.tenantId(), key.id(), now);
                        }
                        // A key never holds more than its creator does now (a demoted creator's keys shrink with them).
                        Set<Permission> effective = EnumSet.noneOf(Permission.class);
                        effective.addAll(key.scopes());
                        effective.retainAll(active.creatorRole().permissions());
                        return Actor.apiKey(key.id(), presented.tenantId(), effective, key.createdAt());
                    });
                })));
    }
}
