package dev.bazaar.identity;

import dev.bazaar.identity.application.Emails;
import dev.bazaar.identity.domain.Account;
import dev.bazaar.identity.domain.AccountRepository;
import java.util.Locale;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of accounts for other modules (invitations, memberships, notifications). */
@Service
public class AccountQueries {

    private final AccountRepository accounts;

    AccountQueries(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public Optional<AccountSummary> find(AccountId id) {
        return accounts.findById(id.value()).map(AccountQueries::summary);
    }

    /** The accounts with these ids that exist, in one query (for lists of members). */
    @Transactional(readOnly = true)
    public Map<AccountId, AccountSummary> findAll(Collection<AccountId> ids) {
        return accounts.findAllById(ids.stream().map(AccountId::value).distinct().toList()).stream()
                .map(AccountQueries::summary)
                .collect(Collectors.toMap(AccountSummary::id, summary -> summary));
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
