package dev.bazaar.identity.domain;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import jakarta.persistence.LockModeType;

public interface AccountRepository extends JpaRepository<Account, UUID> {

    Optional<Account> findByEmail(String email);

    /** The account row locked for the rest of the transaction, for flows that must not interleave. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id = :id")
    Optional<Account> lockById(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.email = :email")
    Optional<Account> lockByEmail(String email);

    /** Deletes pending registrations older than {@code cutoff} that have no live verification token left. */
    @Modifying
    @Query(nativeQuery = true, value = """
            delete from accounts a where a.status = 'pending' and a.created_at < :cutoff
              and not exists (select 1 from one_time_tokens t where t.account_id = a.id and t.used_at is null and t.expires_at > :now)""")
    int deleteUnverifiedCreatedBefore(Instant cutoff, Instant now);
}
