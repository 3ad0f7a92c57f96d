package dev.bazaar.identity.application;

import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.identity.domain.LoginThrottleRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ClientAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalating locks against guessing passwords and second factors, counted under three keys:
 * <ul>
 *   <li>account + client ({@link ClientAddress#bucket}: an IPv4 address or IPv6 /64): after {@code pair-free-failures}
 *       attempts without success the pair is locked for {@code first-lock}, doubling with each further one up to
 *       {@code max-lock};</li>
 *   <li>account, over all clients: the same after {@code account-free-failures}, except for networks the account is
 *       known from (signed in from, or completed a password reset from, in the last 90 days), so that an attacker
 *       cannot lock the owner out: the owner can always reset the password by mail, and is then known;</li>
 *   <li>client, over all accounts: the same after {@code address-free-failures} (credential stuffing).</li>
 * </ul>
 * Every attempt is counted before the secret is checked ({@link #begin}), under a row lock, so a burst of parallel
 * guesses is counted like a sequence; a success ({@link #succeeded}) clears the pair and account counters and takes
 * the attempt back from the client's. Keys are SHA-256 digests and are the same for unknown addresses as for real
 * accounts, so a lock reveals nothing about existence. Locked attempts are refused with 429 {@code too_many_attempts}
 * and {@code Retry-After}, do not count, and are recorded as {@code login_throttled}. The counters use transactions of
 * their own, so that they hold whatever happens to the caller's.
 */
@Component
public class LoginThrottle {

    static final Duration KNOWN_NETWORK_MEMORY = Duration.ofDays(90);

    /** The keys one attempt was counted under. */
    public record Attempt(String pairKey, String accountKey, String addressKey, boolean accountCounted) {}

    private final LoginThrottleRepository repository;
    private final IdentityProperties.LoginThrottle policy;
    private final SecurityEvents events;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    LoginThrottle(LoginThrottleRepository repository, IdentityProperties properties, SecurityEvents events,
                  PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.policy = properties.loginThrottle();
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Counts an attempt to prove {@code email}'s identity from {@code address}; throws 429 if a key is locked.
     * {@code accountId} (of an active account, if any) decides whether the client's network is a known one.
     */
    public Attempt begin(String email, String address, @Nullable UUID accountId) {
        Instant now = clock.instant();
        String bucket = ClientAddress.bucket(address);
        boolean known = accountId != null && repository.isKnownNetwork(accountId, ClientAddress.network(address),
                now.minus(KNOWN_NETWORK_MEMORY));
        Attempt attempt = new Attempt(pairKey(email, bucket), accountKey(email), addressKey(bucket), !known);
        List<String> keys = new ArrayList<>(List.of(attempt.pairKey(), attempt.addressKey()));
        if (attempt.accountCounted()) {
            keys.add(attempt.accountKey());
        }
        Optional<Instant> locked = ownTransaction.execute(status -> {
            Instant forgetBefore = now.minus(policy.forgetAfter());
            // Always in key order, so that concurrent attempts never wait for each other in a cycle.
            Optional<Instant> refused = Optional.empty();
            for (String key : keys.stream().sorted().toList()) {
                Optional<Instant> lock = repository.countAttempt(key, now, forgetBefore, free(key), this::lockFor);
                if (lock.isPresent() && refused.isEmpty()) {
                    refused = lock;
                }
            }
            if (refused.isPresent()) {
                // A refused attempt counts under no key.
                status.setRollbackOnly();
            }
            return refused;
        });
        if (locked != null && locked.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, locked.get()).toSeconds() + 1);
            events.recordFailure(SecurityEventType.LOGIN_THROTTLED, accountId, Map.of("retry_after", seconds));
            throw new ApplicationException(IdentityErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many failed sign-in attempts; retry after the time in Retry-After", List.of(),
                    Map.of("retry_after", seconds), Map.of("Retry-After", Long.toString(seconds)));
        }
        return attempt;
    }

    /** The attempt succeeded: the account is known from this network, and its counters start over. */
    public void succeeded(Attempt attempt, UUID accountId, String address) {
        ownTransaction.executeWithoutResult(status -> {
            repository.clear(List.of(attempt.pairKey(), attempt.accountKey()));
            repository.uncount(attempt.addressKey(), policy.addressFreeFailures());
            repository.rememberNetwork(accountId, ClientAddress.network(address), clock.instant());
        });
    }

    /** After a password reset: the owner proved control of the address; the account's counter starts over. */
    public void clearAccount(String email, UUID accountId, String address) {
        ownTransaction.executeWithoutResult(status -> {
            repository.clear(List.of(accountKey(email)));
            repository.rememberNetwork(accountId, ClientAddress.network(address), clock.instant());
        });
    }

    private int free(String key) {
        if (key.startsWith("pair:")) {
            return policy.pairFreeFailures();
        }
        return key.startsWith("account:") ? policy.accountFreeFailures() : policy.addressFreeFailures();
    }

    /** The lock after the n-th attempt beyond the free ones: first-lock · 2^(n-1), at most max-lock. */
    Duration lockFor(int beyondFree) {
        Duration lock = policy.firstLock();
        for (int i = 1; i < beyondFree && lock.compareTo(policy.maxLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(policy.maxLock()) > 0 ? policy.maxLock() : lock;
    }

    private static String pairKey(String email, String bucket) {
        return "pair:" + hash(email + "\n" + bucket);
    }

    private static String accountKey(String email) {
        return "account:" + hash(email);
    }

    private static String addressKey(String bucket) {
        return "address:" + hash(bucket);
    }

    private static String hash(String value) {
        return HexFormat.of().formatHex(SecureTokens.sha256(value.getBytes(StandardCharsets.UTF_8)));
    }
}
