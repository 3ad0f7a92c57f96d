package dev.bazaar.identity.application;

import dev.bazaar.identity.domain.SessionRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.security.Actor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signing sessions out: one (by id, only the caller's own) or every other one. */
@Service
public class SessionService {

    private final SessionRepository sessions;
    private final SecurityEvents events;
    private final Clock clock;

    SessionService(SessionRepository sessions, SecurityEvents events, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** Revokes one of the actor's sessions; 404 for another account's session or an unknown id. */
    @Transactional
    public void revoke(Actor actor, UUID sessionId) {
        SessionRepository.Session session = sessions.lock(sessionId)
                .filter(s -> s.accountId().equals(actor.accountId()) && s.isUsable(clock.instant()))
                .orElseThrow(() -> ApplicationException.notFound("There is no such session"));
        sessions.revoke(session.id(), "revoked_by_user", clock.instant());
        events.record(SecurityEventType.SESSION_REVOKED, actor.accountId(), session.id(), Map.of());
    }

    /** Signs out everywhere except the current session; returns how many sessions ended. */
    @Transactional
    public int revokeOthers(Actor actor) {
        List<UUID> revoked = sessions.revokeAll(actor.accountId(), actor.sessionId(), "signed_out_elsewhere", clock.instant());
        events.record(SecurityEventType.OTHER_SESSIONS_REVOKED, actor.accountId(), actor.sessionId(), Map.of("count", revoked.size()));
        return revoked.size();
    }
}
