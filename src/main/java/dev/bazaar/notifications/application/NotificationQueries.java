package dev.bazaar.notifications.application;

import dev.bazaar.notifications.NotificationErrorCode;
import dev.bazaar.notifications.domain.NotificationRepository;
import dev.bazaar.notifications.domain.NotificationRepository.NotificationRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.TenantContext;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reads of one account's own feed in the current shop. */
@Service
public class NotificationQueries {

    private final NotificationRepository notifications;
    private final JsonMapper json;

    NotificationQueries(NotificationRepository notifications, JsonMapper json) {
        this.notifications = notifications;
        this.json = json;
    }

    /** Newest first; only unread ones with {@code unreadOnly}. */
    @Transactional(readOnly = true)
    public Page<NotificationView> list(UUID accountId, boolean unreadOnly, PageRequest page) {
        return page.page(notifications.list(TenantContext.requireTenantId(), accountId, unreadOnly, page.afterId(),
                page.fetchSize()).stream().map(row -> view(row, json)).toList(), view -> view.id().toString());
    }

    /** 404 {@code notification_not_found} unless it is the account's, in this shop. */
    @Transactional(readOnly = true)
    public NotificationView get(UUID accountId, UUID id) {
        return notifications.find(TenantContext.requireTenantId(), accountId, id).map(row -> view(row, json))
                .orElseThrow(NotificationQueries::notFound);
    }

    @Transactional(readOnly = true)
    public long unreadCount(UUID accountId) {
        return notifications.countUnread(TenantContext.requireTenantId(), accountId);
    }

    static ApplicationException notFound() {
        return new ApplicationException(NotificationErrorCode.NOTIFICATION_NOT_FOUND, "No such notification in your feed");
    }

    static NotificationView view(NotificationRow row, JsonMapper json) {
        return new NotificationView(row.id(), row.type(), row.title(), row.summary(), json.readTree(row.data()),
                row.readAt() != null, row.readAt(), row.createdAt());
    }
}
