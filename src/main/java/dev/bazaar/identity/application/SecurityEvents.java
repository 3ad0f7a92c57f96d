package dev.bazaar.identity.application;

import dev.bazaar.identity.domain.SecurityEventRepository;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.RequestContext;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a security event twice: as a stored row (the account's own activity feed, {@code GET /me/security-events})
 * and as one structured line on the {@code dev.bazaar.security} logger with ECS-style keys ({@code event.action},
 * {@code user.id}, {@code source.ip}, {@code user_agent.original}, {@code session.id}; the request id comes from the
 * logging context). Details must never hold a secret: callers pass reasons and counts, not tokens or passwords.
 * The row is written in the caller's transaction if there is one.
 */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("dev.bazaar.security");

    private final SecurityEventRepository repository;
    private final JsonMapper json;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    SecurityEvents(SecurityEventRepository repository, JsonMapper json, PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Records an event of the current request, in the caller's transaction (it commits or rolls back with the change). */
    public void record(SecurityEventType type, @Nullable UUID accountId, @Nullable UUID sessionId, Map<String, ?> details) {
        record(type, accountId, sessionId, details, ClientInfo.current());
    }

    /** Records a refusal in a transaction of its own, so that it stays even though the caller's work is rolled back. */
    public void recordFailure(SecurityEventType type, @Nullable UUID accountId, Map<String, ?> details) {
        ClientInfo client = ClientInfo.current();
        ownTransaction.executeWithoutResult(status -> record(type, accountId, null, details, client));
    }

    /** Records an event on behalf of a client that is not the current request's (work done in a job). */
    public void record(SecurityEventType type, @Nullable UUID accountId, @Nullable UUID sessionId, Map<String, ?> details,
                       ClientInfo client) {
        repository.insert(new SecurityEventRepository.Event(Ids.newId(), accountId, type.type(), client.ipAddress(),
                client.userAgent(), RequestContext.requestId(), sessionId, json.writeValueAsString(details), clock.instant()));
        log(type, accountId, sessionId, details, client);
    }

    /** Only the log line, for frequent routine events that would swamp the stored trail (token refreshes). */
    public void log(SecurityEventType type, @Nullable UUID accountId, @Nullable UUID sessionId) {
        log(type, accountId, sessionId, Map.of(), ClientInfo.current());
    }

    private void log(SecurityEventType type, @Nullable UUID accountId, @Nullable UUID sessionId, Map<String, ?> details,
                     ClientInfo client) {
        LoggingEventBuilder line = log.atInfo().addKeyValue("event.action", type.type())
                .addKeyValue("event.category", "authentication");
        if (accountId != null) {
            line = line.addKeyValue("user.id", accountId.toString());
        }
        if (sessionId != null) {
            line = line.addKeyValue("session.id", sessionId.toString());
        }
        if (client.ipAddress() != null) {
            line = line.addKeyValue("source.ip", client.ipAddress());
        }
        if (client.userAgent() != null) {
            line = line.addKeyValue("user_agent.original", client.userAgent());
        }
        for (Map.Entry<String, ?> detail : details.entrySet()) {
            line = line.addKeyValue("bazaar." + detail.getKey(), String.valueOf(detail.getValue()));
        }
        line.log("Security event {} account={} session={} ip={}", type.type(), accountId, sessionId, client.ipAddress());
    }

    public void record(SecurityEventType type, @Nullable UUID accountId) {
        record(type, accountId, null, Map.of());
    }
}
