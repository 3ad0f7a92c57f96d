package dev.bazaar.notifications.application;

import dev.bazaar.notifications.domain.NotificationRepository;
import dev.bazaar.platform.TenantContext;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Marking one account's own notifications read. Both verbs are idempotent. */
@Service
public class NotificationService {

    /** The most notifications one read-all marks; the answer says how many stay unread. */
    public static final int READ_ALL_LIMIT = 5000;

    private final NotificationRepository notifications;
    private final NotificationQueries queries;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, NotificationQueries queries, Clock clock) {
        this.notifications = notifications;
        this.queries = queries;
        this.clock = clock;
    }

    /** What a read-all did. */
    public record ReadAll(int marked, long unreadCount) {}

    /** Marks it read (a second time keeps the first read time); 404 {@code notification_not_found} if not the account's. */
    @Transactional
    public NotificationView markRead(UUID accountId, UUID id) {
        if (!notifications.markRead(TenantContext.requireTenantId(), accountId, id, clock.instant())) {
            throw NotificationQueries.notFound();
        }
        return queries.get(accountId, id);
    }

    /** Marks up to {@link #READ_ALL_LIMIT} unread notifications read, oldest first. */
    @Transactional
    public ReadAll markAllRead(UUID accountId) {
        UUID tenant = TenantContext.requireTenantId();
        int marked = notifications.markAllRead(tenant, accountId, clock.instant(), READ_ALL_LIMIT);
        return new ReadAll(marked, notifications.countUnread(tenant, accountId));
    }

    /** Removes the account's feed and choices in the current shop (it is no longer a member). Idempotent. */
    @Transactional
    public void forget(UUID accountId) {
        notifications.deleteAccount(TenantContext.requireTenantId(), accountId);
    }
}
