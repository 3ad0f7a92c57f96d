package dev.bazaar.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * An in-app notification was added to an account's feed in a shop; published after the commit, for the account's live
 * streams. {@code body} is the notification as {@code GET notifications} shows it (JSON).
 */
public record NotificationCreated(UUID tenantId, UUID accountId, UUID notificationId, String type, String body,
                                  Instant createdAt) {}
