package dev.bazaar.notifications.application;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A notification as its recipient's feed shows it (and as {@code NotificationCreated} carries it). */
public record NotificationView(UUID id, String type, String title, String summary, JsonNode data, boolean read,
                               @Nullable Instant readAt, Instant createdAt) {}
