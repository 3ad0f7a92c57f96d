package dev.bazaar.identity.application;

import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.identity.domain.LoginThrottleRepository;
import dev.bazaar.platform.ApplicationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Escalating locks after failed sign-ins (password or second factor), counted under three keys:
 * <ul>
 *   <li>account + client address: after {@code pair-free-failures} failures, each further one locks that pair for
 *       {@code first-lock}, doubling up to {@code max-lock};</li>
 *   <li>account, over all addresses: the same after {@code account-free-failures}; addresses the account has signed
 *       in from before are exempt, so a distributed attack cannot lock the owner out of their usual places;</li>
 *   <li>client address, over all accounts: the same after {@code address-free-failures} (credential stuffing).</li>
 * </ul>
 * Keys are SHA-256 digests (no addresses or emails stored) and are the same for unknown addresses as for real accounts,
 * so a lock reveals nothing about existence. A success clears the pair and account counters; a password reset clears
 * the account's. Counters are forgotten {@code forget-after} the last failure. While locked, attempts are refused with
 * 429 {@code too_many_attempts} and {@code Retry-After} without checking the password, and do not count.
 */
@Component
public class LoginThrottle {

    private final LoginThrottleRepository repository;
    private final IdentityProperties.LoginThrottle policy;
    private final Clock clock;

    LoginThrottle(LoginThrottleRepository repository, IdentityProperties properties, Clock clock) {
        this.repository = repository;
        this.policy = properties.loginThrottle();
        this.clock = clock;
    }

    /** Throws 429 if any applicable key is locked; {@code knownAddress} exempts from the account-wide lock. */
    public void check(String email, String address, boolean knownAddress) {
        List<String> keys = new ArrayList<>(List.of(pairKey(email, address), addressKey(address)));
        if (!knownAddress) {
            keys.add(accountKey(email));
        }
        Instant now = clock.instant();
        Optional<Instant> until = repository.lockedUntil(keys, now);
        if (until.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, until.get()).toSeconds() + 1);
            throw new ApplicationException(IdentityErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many failed sign-in attempts; retry after the time in Retry-After", List.of(),
                    Map.of("retry_after", seconds), Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    public void recordFailure(String email, String address) {
        Instant now = clock.instant();
        Instant forgetBefore = now.minus(policy.forgetAfter());
        count(pairKey(email, address), policy.pairFreeFailures(), now, forgetBefore);
        count(accountKey(email), policy.accountFreeFailures(), now, forgetBefore);
        count(addressKey(address), policy.addressFreeFailures(), now, forgetBefore);
    }

    public void recordSuccess(String email, String address) {
        repository.clear(List.of(pairKey(email, address), accountKey(email)));
    }

    /** After a password reset: the owner proved control of the address, so the account's counters start over. */
    public void clearAccount(String email) {
        repository.clear(List.of(accountKey(email)));
    }

    private void count(String key, int free, Instant now, Instant forgetBefore) {
        int failures = repository.recordFailure(key, now, forgetBefore);
        if (failures > free) {
            repository.lock(key, now.plus(lockFor(failures - free)));
        }
    }

    /** The lock after the n-th failure beyond the free ones: first-lock · 2^(n-1), at most max-lock. */
    Duration lockFor(int beyondFree) {
        Duration lock = policy.firstLock();
        for (int i = 1; i < beyondFree && lock.compareTo(policy.maxLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(policy.maxLock()) > 0 ? policy.maxLock() : lock;
    }

    private static String pairKey(String email, String address) {
        return "pair:" + hash(email + "\n" + address);
    }

    private static String accountKey(String email) {
        return "account:" + hash(email);
    }

    private static String addressKey(String address) {
        return "address:" + hash(address);
    }

    private static String hash(String value) {
        return HexFormat.of().formatHex(SecureTokens.sha256(value.getBytes(StandardCharsets.UTF_8)));
    }
}
