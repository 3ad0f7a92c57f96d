package dev.bazaar.identity;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An account as other modules see it. {@code status}: {@code pending}, {@code active} or {@code deactivated}. */
public record AccountSummary(AccountId id, String email, @Nullable String name, String locale, String status,
                             Set<String> platformRoles, Instant createdAt) {}
