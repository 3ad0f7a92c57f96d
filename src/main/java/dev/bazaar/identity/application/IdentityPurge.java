package dev.bazaar.identity.application;

import dev.bazaar.identity.domain.AccountRepository;
import dev.bazaar.identity.domain.LoginThrottleRepository;
import dev.bazaar.identity.domain.OneTimeTokenRepository;
import dev.bazaar.identity.domain.SecurityEventRepository;
import dev.bazaar.identity.domain.SessionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes identity data nobody needs any more: one-time tokens a day after expiry, sessions (with their refresh
 * tokens) 30 days after they ended, throttle counters idle for two days, security events after a year, and
 * registrations never verified within 7 days. Safe to run any number of times.
 */
@Component
public class IdentityPurge {

    private static final Logger log = LoggerFactory.getLogger(IdentityPurge.class);

    private final OneTimeTokenRepository tokens;
    private final SessionRepository sessions;
    private final LoginThrottleRepository throttle;
    private final SecurityEventRepository events;
    private final AccountRepository accounts;
    private final TransactionTemplate transaction;
    private final Clock clock;

    IdentityPurge(OneTimeTokenRepository tokens, SessionRepository sessions, LoginThrottleRepository throttle,
                  SecurityEventRepository events, AccountRepository accounts, TransactionTemplate transaction, Clock clock) {
        this.transaction = transaction;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.events = events;
        this.accounts = accounts;
        this.clock = clock;
    }

    public void run() {
        Instant now = clock.instant();
        int expiredTokens = tokens.purgeExpiredBefore(now.minus(Duration.ofDays(1)));
        int endedSessions = sessions.purgeEndedBefore(now.minus(Duration.ofDays(30)));
        int idleThrottle = throttle.purgeIdleSince(now.minus(Duration.ofDays(2)))
                + throttle.purgeNetworksNotSeenSince(now.minus(LoginThrottle.KNOWN_NETWORK_MEMORY));
        int oldEvents = events.purgeBefore(now.minus(Duration.ofDays(365)));
        Integer staleRegistrations = transaction.execute(status -> accounts.deleteUnverifiedCreatedBefore(now.minus(Duration.ofDays(7)), now));
        log.info("Identity purge: {} one-time tokens, {} sessions, {} throttle entries, {} security events, {} unverified registrations",
                expiredTokens, endedSessions, idleThrottle, oldEvents, staleRegistrations);
    }
}
