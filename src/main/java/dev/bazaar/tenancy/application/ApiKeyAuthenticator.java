package dev.bazaar.tenancy.application;

import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.BearerTokenAuthenticator;
import dev.bazaar.tenancy.domain.ApiKeyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authenticates {@code Authorization: Bearer bz_live_…}: the shop id inside the key scopes the lookup to that tenant,
 * the key must be unrevoked, unexpired and of a shop that is not deleted; the actor is limited to that shop and the
 * key's scopes. Use is recorded at most once a minute.
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
                    return keys.findActive(presented.tenantId(), presented.hash(), now).map(key -> {
                        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(ApiKeyRepository.TOUCH_INTERVAL))) {
                            keys.touch(presented.tenantId(), key.id(), now);
                        }
                        return Actor.apiKey(key.id(), presented.tenantId(), key.scopes(), key.createdAt());
                    });
                })));
    }
}
