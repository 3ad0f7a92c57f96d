package dev.bazaar.identity.application;

import dev.bazaar.identity.domain.SessionRepository;
import dev.bazaar.identity.domain.AccountRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.security.Actor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing sessions out: one (by id, only the caller's own) or every other one — both after a recent sign-in, so a
 * stolen access token cannot sign the owner out — and, for platform administrators, every session of an account.
 */
@Service
public class SessionService {

    private final SessionRepository sessions;
    private final AccountRepository accounts;
    private final SecurityEvents events;
    private final RecentSignIn recentSignIn;
    private final Clock clock;

    SessionService(SessionRepository sessions, AccountRepository accounts, SecurityEvents events, RecentSignIn recentSignIn,
                   Clock clock) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.events = events;
        this.recentSignIn = recentSignIn;
        this.clock = clock;
    }

    /** Revokes one of the actor's sessions; 404 for another account's session or an unknown id. */
    @Transactional
    public void revoke(Actor actor, UUID sessionId) {
        recentSignIn.require(actor);
        SessionRepository.Session session = sessions.lock(sessionId)
                .filter(s -> s.accountId().equals(actor.accountId()) && s.isUsable(clock.instant()))
                .orElseThrow(() -> ApplicationException.notFound("There is no such session"));
        sessions.revoke(session.id(), "revoked_by_user", clock.instant());
        events.record(SecurityEventType.SESSION_REVOKED, actor.accountId(), session.id(), Map.of());
    }

    /** Signs out everywhere except the current session; returns how many sessions ended. */
    @Transactional
    public int revokeOthers(Actor actor) {
        recentSignIn.require(actor);
        List<UUID> revoked = sessions.revokeAll(actor.accountId(), actor.sessionId(), "signed_out_elsewhere", clock.instant());
        events.record(SecurityEventType.OTHER_SESSIONS_REVOKED, actor.accountId(), actor.sessionId(), Map.of("count", revoked.size()));
        return revoked.size();
    }

    /** A platform administrator ends every session of an account (403 for anyone else, 404 for an unknown account). */
    @Transactional
    public int revokeAllOf(Actor actor, UUID accountId) {
        if (!actor.hasPlatformRole(Actor.PLATFORM_ADMIN)) {
            throw new ApplicationException(PlatformErrorCode.FORBIDDEN, "Only platform administrators may do this");
        }
        accounts.findById(accountId).orElseThrow(() -> ApplicationException.notFound("There is no such account"));
        List<UUID> revoked = sessions.revokeAll(accountId, null, "revoked_by_administrator", clock.instant());
        events.record(SecurityEventType.SESSIONS_REVOKED_BY_ADMINISTRATOR, accountId, null,
                Map.of("count", revoked.size(), "administrator", actor.accountId().toString()));
        return revoked.size();
    }

    /** Every session of every account ends (the operator's emergency stop, from the CLI). */
    @Transactional
    public int revokeEverything() {
        int revoked = sessions.revokeEverything("revoked_by_operator", clock.instant());
        events.record(SecurityEventType.SESSIONS_REVOKED_BY_ADMINISTRATOR, null, null, Map.of("count", revoked, "scope", "all"));
        return revoked;
    }
}
