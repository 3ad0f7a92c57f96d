package dev.bazaar.identity;

import dev.bazaar.identity.application.Emails;
import dev.bazaar.identity.domain.Account;
import dev.bazaar.identity.domain.AccountRepository;
import java.util.Locale;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of accounts for other modules (invitations, memberships, notifications). */
@Service
public class AccountQueries {

    private final AccountRepository accounts;
    private final JdbcClient jdbc;

    AccountQueries(AccountRepository accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<AccountSummary> find(AccountId id) {
        return accounts.findById(id.value()).map(AccountQueries::summary);
    }

    /**
     * The accounts with these ids that exist, in one query (for lists of members and every notification's recipients).
     * Plain SQL: no entities to load and no flush of the caller's persistence context before it, which made the
     * repository's {@code findAllById} a tenth of a checkout's CPU (docs/PERFORMANCE.md, Checkout).
     */
    @Transactional(readOnly = true)
    public Map<AccountId, AccountSummary> findAll(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] wanted = ids.stream().map(AccountId::value).distinct().toArray(UUID[]::new);
        return jdbc.sql("""
                        select id, email, name, locale, status, platform_roles, created_at from accounts
                        where id = any(:ids)""")
                .param("ids", wanted)
                .query((rs, n) -> new AccountSummary(new AccountId(rs.getObject("id", UUID.class)), rs.getString("email"),
                        rs.getString("name"), rs.getString("locale"), rs.getString("status"),
                        Set.of((String[]) rs.getArray("platform_roles").getArray()),
                        rs.getTimestamp("created_at").toInstant()))
                .list().stream().collect(Collectors.toMap(AccountSummary::id, summary -> summary));
    }

    /** The address in the normalised form accounts are stored with (NFKC, trimmed, lower-case). */
    public static String normaliseEmail(String email) {
        return Emails.normalise(email);
    }

    /** The account registered with this address (compared after the same normalisation as at registration). */
    @Transactional(readOnly = true)
    public Optional<AccountSummary> findByEmail(String email) {
        return accounts.findByEmail(Emails.normalise(email)).map(AccountQueries::summary);
    }

    static AccountSummary summary(Account account) {
        return new AccountSummary(new AccountId(account.getId()), account.getEmail(), account.getName(), account.getLocale(),
                account.getStatus().name().toLowerCase(Locale.ROOT), account.getPlatformRoles(), account.getCreatedAt());
    }
}
