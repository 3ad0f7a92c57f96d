package dev.bazaar.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * A webhook endpoint was disabled by Bazaar, not by staff: it answered 410 Gone ({@code reason = "gone"}) or kept
 * failing for longer than {@code bazaar.webhooks.disable-after} ({@code reason = "failing"}). Published in the
 * transaction that disabled it, for the shop's owners to be notified.
 */
public record WebhookEndpointDisabled(UUID tenantId, UUID endpointId, String url, String reason, Instant occurredAt) {}
